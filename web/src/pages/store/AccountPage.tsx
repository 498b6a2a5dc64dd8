// The account: name, password and saved addresses.
import { useEffect, useState, type FormEvent } from 'react';
import { users as usersApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Address, Me } from '../../api/types.ts';
import { updateSessionUser } from '../../auth/session.ts';
import { AddressFields, addressText, cleanAddress, emptyAddress } from '../../components/AddressFields.tsx';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { RequireUser } from '../../components/RequireUser.tsx';
import { useLoad } from '../../data.ts';
import { useAction } from '../../hooks.ts';

export function AccountPage() {
  return <RequireUser><Account /></RequireUser>;
}

function Account() {
  const me = useLoad(['me'], () => usersApi.me());
  if (me.loading && !me.data) return <Loading />;
  if (!me.data) return <ErrorNotice error={me.error} retry={me.reload} />;
  return (
    <div className="account narrow">
      <h1>Your account</h1>
      <p className="muted">{me.data.email} · {me.data.role}</p>
      <ProfileForm me={me.data} onSaved={me.setData} />
      <AddressBook me={me.data} onSaved={me.setData} />
    </div>
  );
}

function ProfileForm({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const [name, setName] = useState(me.name);
  const [password, setPassword] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [done, setDone] = useState('');
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    void action.run(async () => {
      const change = password ? { name: name.trim(), password, currentPassword } : { name: name.trim() };
      const saved = await usersApi.updateMe(change);
      updateSessionUser({ id: saved.id, email: saved.email, name: saved.name, role: saved.role, createdAt: saved.createdAt, emailVerified: saved.emailVerified });
      onSaved(saved);
      setPassword('');
      setCurrentPassword('');
      setDone('Saved.');
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Profile</h2>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="name" />
      <TextField label="New password (optional)" type="password" value={password} autoComplete="new-password"
        onChange={(e) => setPassword(e.target.value)} error={errors.password} hint="At least 8 characters" />
      {password ? (
        <TextField label="Current password" type="password" value={currentPassword} autoComplete="current-password"
          onChange={(e) => setCurrentPassword(e.target.value)} error={errors.currentPassword} />
      ) : null}
      <ErrorNotice error={action.error} />
      <SuccessNotice>{done}</SuccessNotice>
      <button type="submit" className="primary" disabled={action.busy}>Save profile</button>
    </form>
  );
}

function AddressBook({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<Address>(emptyAddress);
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const { setError } = action;
  useEffect(() => setError(null), [editing, setError]);

  const save = (addresses: Address[]) =>
    action.run(async () => {
      onSaved(await usersApi.updateMe({ addresses }));
      setEditing(null);
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Address[] = [...me.addresses];
    if (editing === 'new') next.push(cleanAddress(draft));
    else if (editing !== null) next[editing] = { ...cleanAddress(draft), id: me.addresses[editing].id };
    void save(next);
  };
  const index = editing === 'new' ? me.addresses.length : editing;

  return (
    <section className="card">
      <h2>Addresses</h2>
      {!me.addresses.length ? <p className="muted">No saved addresses yet. Checkout fills them in for you.</p> : null}
      <ul className="address-list">
        {me.addresses.map((address, i) => (
          <li key={i}>
            <span>{addressText(address)}</span>
            <span className="row-actions">
              <button type="button" className="link-button" onClick={() => { setDraft({ ...emptyAddress, ...address }); setEditing(i); }}>Edit</button>
              <button type="button" className="link-button danger-text" onClick={() => void save(me.addresses.filter((_, j) => j !== i))}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
      {editing !== null ? (
        <form onSubmit={submit} noValidate>
          <AddressFields value={draft} onChange={setDraft} errors={errors} errorPrefix={`addresses.${index}`} />
          <ErrorNotice error={action.error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={action.busy}>Save address</button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => { setDraft({ ...emptyAddress, name: me.name }); setEditing('new'); }}>Add an address</button>
      )}
    </section>
  );
}
