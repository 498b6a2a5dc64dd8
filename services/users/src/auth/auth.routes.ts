import type { App } from '@emporium/kit';
import { Type } from 'typebox';
import { Login, RefreshTokenBody, Register, Session } from './auth.schemas.ts';
import { login, logout, refresh, register, type AuthDeps } from './auth.service.ts';

const tags = ['auth'];

export function authRoutes(app: App, deps: AuthDeps): void {
  app.post('/api/auth/register', { schema: { tags, summary: 'Create an account and sign in', body: Register, response: { 201: Session } } }, async (request, reply) => {
    reply.status(201);
    return register(deps, request.body);
  });

  app.post(
    '/api/auth/login',
    { schema: { tags, summary: 'Sign in with email and password', description: 'Failed sign-ins are limited per account and per client address (429 with Retry-After)', body: Login, response: { 200: Session } } },
    async (request) => login(deps, request.body, request.ip),
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags, summary: 'Exchange a refresh token for a new pair', description: 'A refresh token works once; reusing one revokes its whole session', body: RefreshTokenBody, response: { 200: Session } } },
    async (request) => refresh(deps, request.body.refreshToken),
  );

  app.post('/api/auth/logout', { schema: { tags, summary: 'Sign out: revoke a refresh token', body: RefreshTokenBody, response: { 204: Type.Null({ description: 'Signed out' }) } } }, async (request, reply) => {
    await logout(deps, request.body.refreshToken);
    return reply.status(204).send(null);
  });
}
