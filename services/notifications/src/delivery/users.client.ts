import { AppError, createPeer, type ServiceCredential } from '@emporium/kit';

export interface Contact {
  id: string;
  email: string;
  name: string;
}

export interface UsersClient {
  /** The addresses of these accounts; unknown ids are left out. Throws when users cannot answer. */
  contacts(ids: string[]): Promise<Contact[]>;
  close(): Promise<void>;
}

export function createUsersClient(url: string, timeoutMs: number, credential: ServiceCredential): UsersClient {
  const peer = createPeer({ name: 'users', url, timeoutMs, credential });
  return {
    async contacts(ids) {
      const res = await peer.request<{ items: Contact[] }>({ method: 'GET', path: '/internal/users/contacts', query: { ids: ids.join(',') } });
      if (res.status !== 200) throw new AppError('DEPENDENCY.FAILED', 503, `The users service answered ${res.status} unexpectedly.`);
      return res.body.items;
    },
    close: () => peer.close(),
  };
}
