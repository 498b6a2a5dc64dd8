import { Type, type Static } from 'typebox';
import { Email, NewPassword, User, UserName } from '../users/users.schemas.ts';

export const Register = Type.Object({ email: Email, password: NewPassword, name: UserName });
export type Register = Static<typeof Register>;

// No rules on what a login may look like beyond a size: a wrong guess is a 401, never a hint.
export const Login = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type Login = Static<typeof Login>;

export const RefreshTokenBody = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) });

export const Session = Type.Object({
  user: User,
  accessToken: Type.String({ description: 'A JWT for Authorization: Bearer, valid 15 minutes' }),
  refreshToken: Type.String({ description: 'Opaque; exchange once at /api/auth/refresh for a new pair' }),
});

const EmailToken = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the emailed link' });

export const VerifyEmailBody = Type.Object({ token: EmailToken });

export const PasswordResetBody = Type.Object({ email: Email });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = Type.Object({ token: EmailToken, password: NewPassword });
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;
