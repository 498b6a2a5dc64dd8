import { AppError, buildService, type App } from '@emporium/kit';
import { Type } from 'typebox';

/**
 * A stand-in for the users service's session routes: refresh token `r<n>` works once and yields
 * `r<n+1>`. It also tries to set a cookie and reports the cookies it received, which the gateway
 * must never pass on in either direction.
 */
export async function startFakeUsers(): Promise<{ app: App; url: string; seen: { cookies: (string | null)[]; loggedOut: string[] } }> {
  const app = await buildService({ name: 'fake-users', logLevel: 'silent' });
  const seen = { cookies: [] as (string | null)[], loggedOut: [] as string[] };
  let spent = 0;
  const pair = (n: number) => ({ user: { id: 'u1', email: 'ann@example.com', name: 'Ann', role: 'customer' }, accessToken: `a${n}`, refreshToken: `r${n}` });
  app.addHook('onRequest', async (request, reply) => {
    seen.cookies.push(request.headers.cookie ?? null);
    reply.header('set-cookie', 'service=tries; Path=/');
  });
  const Login = Type.Object({ email: Type.String(), password: Type.String() });
  app.post('/api/auth/login', { schema: { body: Login } }, async () => pair(++spent));
  app.post('/api/auth/register', { schema: { body: Login } }, async (_request, reply) => reply.code(201).send(pair(++spent)));
  const Refresh = Type.Object({ refreshToken: Type.String() });
  app.post('/api/auth/refresh', { schema: { body: Refresh } }, async (request) => {
    if (request.body.refreshToken !== `r${spent}`) throw new AppError('AUTH.INVALID_REFRESH_TOKEN', 401, 'Not valid');
    return pair(++spent);
  });
  app.post('/api/auth/logout', { schema: { body: Refresh } }, async (request, reply) => {
    seen.loggedOut.push(request.body.refreshToken);
    return reply.code(204).send();
  });
  app.get('/api/users/me', async () => ({ id: 'u1' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, seen };
}
