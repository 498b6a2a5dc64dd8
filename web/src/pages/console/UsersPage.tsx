// Admins change who is a customer, an employee or an admin.
import { users as usersApi } from '../../api/endpoints.ts';
import type { Role, User } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { formatDate } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { usePagedList } from '../../data.ts';

const roles: Role[] = ['customer', 'employee', 'admin'];

export function UsersPage() {
  const { user: me } = useAuth();
  const list = usePagedList(['users'], (cursor) => usersApi.list({ cursor, limit: 50 }));
  const action = useAction();
  const setRole = (user: User, role: Role) =>
    void action.run(async () => {
      const saved = await usersApi.setRole(user.id, role);
      list.editItems((item) => (item.id === saved.id ? saved : item));
    });

  return (
    <section>
      <h1>Users</h1>
      <ErrorNotice error={list.error ?? action.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>No users.</Empty> : null}
      {list.items.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Joined</th><th scope="col">Role</th></tr></thead>
            <tbody>
              {list.items.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{formatDate(user.createdAt)}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
                    <select id={`role-${user.id}`} value={user.role} disabled={action.busy || user.id === me?.id}
                      onChange={(e) => setRole(user, e.target.value as Role)}>
                      {roles.map((role) => <option key={role} value={role}>{role}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}
