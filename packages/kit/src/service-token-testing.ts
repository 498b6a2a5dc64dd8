import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createServiceCredential, generateServiceSecret } from './service-token.ts';

export interface TestServiceCredential {
  /** The variable that gives a service under test this secret: spread it into its config. */
  env: { SERVICE_TOKEN_SECRET: string };
  /** The header of a valid service token, as a peer service sends it. */
  headers(): Promise<Record<string, string>>;
  /** `app.inject` as a peer service: the options' headers plus a valid service token. */
  inject(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A fresh secret per call, so a test file's services trust only each other. */
export function createTestServiceCredential(): TestServiceCredential {
  const secret = generateServiceSecret();
  const credential = createServiceCredential({ service: 'test', secret });
  return {
    env: { SERVICE_TOKEN_SECRET: secret },
    headers: () => credential.headers(),
    async inject(app, options) {
      return app.inject({ ...options, headers: { ...options.headers, ...(await credential.headers()) } });
    },
  };
}
