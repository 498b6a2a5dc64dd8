import { currentUser, Page, requireRole, requireUser, type App } from '@emporium/kit';
import { ContactsQuery, ListUsersQuery, Me, UpdateMe, UpdateRole, User, UserId } from './users.schemas.ts';
import { changeRole, contactsOf, getMe, listUsers, updateMe, type UserDeps } from './users.service.ts';

const tags = ['users'];
const security = [{ bearer: [] }];

export function userRoutes(app: App, deps: UserDeps): void {
  app.get('/api/users/me', { onRequest: requireUser, schema: { tags, security, summary: 'Your account and addresses', response: { 200: Me } } }, async (request) =>
    getMe(deps, currentUser(request)),
  );

  app.patch(
    '/api/users/me',
    {
      onRequest: requireUser,
      schema: { tags, security, summary: 'Change your name, password or addresses', description: 'A new password needs currentPassword; addresses replace the whole list', body: UpdateMe, response: { 200: Me } },
    },
    async (request) => updateMe(deps, currentUser(request), request.body, request.ip),
  );

  app.get(
    '/api/users',
    { onRequest: requireRole('admin'), schema: { tags, security, summary: 'List accounts (admin)', querystring: ListUsersQuery, response: { 200: Page(User) } } },
    async (request) => listUsers(deps, request.query),
  );

  app.patch(
    '/api/users/:id',
    { onRequest: requireRole('admin'), schema: { tags, security, summary: "Change a user's role (admin)", params: UserId, body: UpdateRole, response: { 200: User } } },
    async (request) => changeRole(deps, request.params.id, request.body.role),
  );

  // For the notifications service: order events name the customer by id, the email needs an address.
  app.get('/internal/users/contacts', { schema: { hide: true, querystring: ContactsQuery } }, async (request) => contactsOf(deps, request.query.ids));
}
