import { currentUser, requireUser, type App } from '@emporium/kit';
import { Type } from 'typebox';
import { confirmPasswordReset, requestPasswordReset, resendVerification, verifyEmail, type AccountEmailDeps } from './account-emails.service.ts';
import { PasswordResetBody, PasswordResetConfirmBody, VerifyEmailBody } from './auth.schemas.ts';

const tags = ['auth'];
const noContent = { 204: Type.Null({ description: 'Done' }) };
const accepted = { 202: Type.Null({ description: 'Accepted' }) };
// An empty 202 body (the schema's `null` would be sent as the text "null"); the typed send wants a value.
const EMPTY = undefined as never;

export function accountEmailRoutes(app: App, deps: AccountEmailDeps): void {
  app.post(
    '/api/auth/verify-email',
    { schema: { tags, summary: 'Confirm an email address with the token from the emailed link', description: 'A used, expired or unknown token: 400', body: VerifyEmailBody, response: noContent } },
    async (request, reply) => {
      await verifyEmail(deps, request.body.token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/verify-email/resend',
    {
      onRequest: requireUser,
      schema: {
        tags, security: [{ bearer: [] }], summary: 'Send the verification email again',
        description: 'Nothing is sent when the address is verified already, or was sent 3 verification emails (the shop can change the number) in the last hour; the answer is the same',
        response: accepted,
      },
    },
    async (request, reply) => {
      await resendVerification(deps, currentUser(request));
      return reply.status(202).send(EMPTY);
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags, summary: 'Email a password reset link',
        description: '202 whatever the email, so nobody learns which addresses have an account. An address gets at most 3 reset emails an hour (the shop can change the number); further requests answer the same and send nothing',
        body: PasswordResetBody, response: accepted,
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email);
      return reply.status(202).send(EMPTY);
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        tags, summary: 'Set a new password with the token from the emailed link',
        description: 'The token works once, for 1 hour; every session of the account is signed out. A used, expired or unknown token: 400',
        body: PasswordResetConfirmBody, response: noContent,
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(deps, request.body);
      return reply.status(204).send(null);
    },
  );
}
