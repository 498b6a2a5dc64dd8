import { baseConfig, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8087 }),
  USERS_URL: PeerUrls(8081, 'Users service: the address of a customer an order event names by id'),
  SHOP_NAME: Type.String({ minLength: 1, maxLength: 100, default: 'Emporium' }),
  SHOP_URL: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048, default: 'http://localhost:8080', description: 'Where links in messages point (no trailing slash needed)' }),
  MAIL_FROM: Type.String({ minLength: 3, maxLength: 254, default: 'Emporium <no-reply@emporium.test>' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', description: 'smtp://user:pass@host:587 or smtps://...; unset: the built-in mailbox, nothing leaves the machine' })),
  SEND_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1_000, description: 'How often due messages are looked for (new ones are sent at once)' }),
  SEND_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 12, description: 'A message still failing after this many attempts is marked failed' }),
  SEND_RETRY_BASE_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 2_000, description: 'The first pause after a failed send; it doubles each time' }),
  SEND_RETRY_MAX_MS: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 600_000, description: 'The longest pause between two attempts' }),
  SMTP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
