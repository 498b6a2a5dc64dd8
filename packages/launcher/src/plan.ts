import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateServiceSecret } from '@emporium/kit';

/**
 * Every service of the platform, in port order: users on base+1 ... reviews on base+5, payments on
 * base+6, notifications on base+7 (docs/ARCHITECTURE.md). Only those whose folder has a server run.
 */
export const SERVICES = ['users', 'products', 'discounts', 'orders', 'reviews', 'payments', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface Settings {
  root: string;
  dataDir: string;
  portBase: number;
  /** A PostgreSQL server URL; each service gets its own database on it. Unset: the embedded server. */
  postgres?: string;
  /** Where the embedded server listens (when `postgres` is not set). */
  postgresPort: number;
  databasePrefix: string;
  demo: boolean;
  /** Demo mode's first start also plays a short story through the API: sales, orders, reviews (demo-activity.ts). */
  demoActivity: boolean;
  /** Where the gateway listens; unset: the gateway's own default (every interface). */
  gatewayHost?: string;
  /** Why it listens there, for the banner. */
  gatewayHostReason: string;
  /** Only when the user set them: no admin with a published password outside demo mode. */
  adminEmail?: string;
  adminPassword?: string;
  /** Seals users' signing key: yours (AUTH_KEY_ENCRYPTION_KEY), or one kept in the data folder. */
  authKeyEncryptionKey?: string;
  logLevel: string;
  readyTimeoutMs: number;
  buildWeb: boolean;
  /**
   * Signs the tokens services show each other on /internal routes. A new one at every start: the launcher
   * starts and restarts every service itself, so they always share the current one, and nothing secret is
   * left on disk. No stored data depends on it (events get a fresh token when they are sent).
   */
  serviceTokenSecret: string;
}

export interface ProcessSpec {
  name: ServiceName | 'gateway';
  script: string;
  port: number;
  /** Where the launcher asks for /health/ready. */
  readyUrl: string;
  env: Record<string, string>;
  /** Where its data lives, for the console: a folder or a database URL. */
  storage: string | null;
}

/** The launcher's own variables, read once at start; a bad one stops it with a message naming it. */
export function readSettings(env: Record<string, string | undefined>, root: string): Settings {
  const portBase = Number(env.EMPORIUM_PORT_BASE ?? 8080);
  if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65_530) {
    throw new Error(`EMPORIUM_PORT_BASE must be a port number (1..65530), got ${JSON.stringify(env.EMPORIUM_PORT_BASE)}`);
  }
  const postgres = env.EMPORIUM_POSTGRES || undefined;
  if (postgres && !/^postgres(ql)?:\/\//.test(postgres)) {
    throw new Error(`EMPORIUM_POSTGRES must be a postgres:// URL, got ${JSON.stringify(postgres)}`);
  }
  const readyTimeoutMs = Number(env.EMPORIUM_READY_TIMEOUT_MS ?? 120_000);
  const postgresPort = Number(env.EMPORIUM_POSTGRES_PORT ?? portBase + 50);
  if (!Number.isInteger(postgresPort) || postgresPort < 1 || postgresPort > 65_535) {
    throw new Error(`EMPORIUM_POSTGRES_PORT must be a port number, got ${JSON.stringify(env.EMPORIUM_POSTGRES_PORT)}`);
  }
  const demo = env.EMPORIUM_DEMO !== 'false';
  // Test harnesses that make their own data turn the demo's first-start story off.
  const demoActivity = demo && env.EMPORIUM_DEMO_ACTIVITY !== 'false';
  return {
    root,
    dataDir: resolve(env.EMPORIUM_DATA_DIR || 'data'),
    portBase,
    postgres,
    postgresPort,
    databasePrefix: env.EMPORIUM_DATABASE_PREFIX || 'emporium_',
    demo,
    demoActivity,
    ...gatewayHostOf(env.EMPORIUM_HOST, demo),
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    authKeyEncryptionKey: env.AUTH_KEY_ENCRYPTION_KEY || undefined,
    logLevel: env.EMPORIUM_LOG_LEVEL || env.LOG_LEVEL || 'info',
    readyTimeoutMs: Number.isFinite(readyTimeoutMs) && readyTimeoutMs > 0 ? readyTimeoutMs : 120_000,
    buildWeb: !env.EMPORIUM_SKIP_WEB_BUILD,
    serviceTokenSecret: generateServiceSecret(),
  };
}

/**
 * Demo mode has accounts whose passwords are published, so its gateway answers on this machine only
 * unless EMPORIUM_HOST says otherwise.
 */
function gatewayHostOf(host: string | undefined, demo: boolean): Pick<Settings, 'gatewayHost' | 'gatewayHostReason'> {
  if (host) return { gatewayHost: host, gatewayHostReason: 'EMPORIUM_HOST' };
  if (demo) return { gatewayHost: '127.0.0.1', gatewayHostReason: 'demo mode: its accounts have published passwords; EMPORIUM_HOST=0.0.0.0 opens it to the network' };
  return { gatewayHost: undefined, gatewayHostReason: 'every interface: not demo mode, EMPORIUM_HOST unset' };
}

/** A service exists once its folder has a server; the rest are picked up as they land. */
export function existingServices(root: string): ServiceName[] {
  return SERVICES.filter((name) => existsSync(join(root, 'services', name, 'src', 'server.ts')));
}

export const servicePort = (settings: Settings, name: ServiceName) => settings.portBase + 1 + SERVICES.indexOf(name);

export function databaseUrl(settings: Settings, name: ServiceName): string {
  if (!settings.postgres) throw new Error('no PostgreSQL server yet');
  const url = new URL(settings.postgres);
  url.pathname = `/${settings.databasePrefix}${name}`;
  return url.toString();
}

/** Every port the launcher will need, named (the embedded database's too when it runs one). */
export function plannedPorts(settings: Settings, services: ServiceName[]): { name: string; port: number; host: string }[] {
  return [
    ...(settings.postgres ? [] : [{ name: 'postgres', port: settings.postgresPort, host: '127.0.0.1' }]),
    ...services.map((name) => ({ name, port: servicePort(settings, name), host: '127.0.0.1' })),
    { name: 'gateway', port: settings.portBase, host: settings.gatewayHost ?? '0.0.0.0' },
  ];
}

/** The processes to run (the services that exist, then the gateway) and each one's environment. */
export function planProcesses(settings: Settings, services: ServiceName[]): ProcessSpec[] {
  const peers = Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${servicePort(settings, name)}`]));
  const common = { ...peers, LOG_LEVEL: settings.logLevel };
  const specs: ProcessSpec[] = services.map((name) => {
    const port = servicePort(settings, name);
    const database = databaseUrl(settings, name);
    return {
      name,
      script: join(settings.root, 'services', name, 'dist', 'server.js'),
      port,
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
      storage: database,
      env: {
        ...common,
        DATABASE_URL: database,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_JWKS_URL: `http://127.0.0.1:${servicePort(settings, 'users')}/.well-known/jwks.json`,
        DEMO_MODE: String(settings.demo),
        SERVICE_TOKEN_SECRET: settings.serviceTokenSecret,
        ...(name === 'users' ? usersEnv(settings) : {}),
        // Links in emails lead to the shop as this machine serves it; SMTP_URL passes through from the shell.
        ...(name === 'notifications' ? { SHOP_URL: `http://localhost:${settings.portBase}` } : {}),
      },
    };
  });
  specs.push({
    name: 'gateway',
    script: join(settings.root, 'gateway', 'dist', 'server.js'),
    port: settings.portBase,
    readyUrl: `http://${reachableHost(settings.gatewayHost)}:${settings.portBase}/health/ready`,
    storage: null,
    env: {
      ...common,
      PORT: String(settings.portBase),
      ...(settings.gatewayHost ? { HOST: settings.gatewayHost } : {}),
      UPSTREAMS: services.join(','),
      // Never the service secret: the public entry point must not be able to call /internal routes. An empty
      // value also hides one the launcher's own shell may have (processes inherit the rest of it).
      SERVICE_TOKEN_SECRET: '',
    },
  });
  return specs;
}

function usersEnv(settings: Settings): Record<string, string> {
  const sealing: Record<string, string> = settings.authKeyEncryptionKey ? { AUTH_KEY_ENCRYPTION_KEY: settings.authKeyEncryptionKey } : {};
  if (!settings.adminEmail || !settings.adminPassword) return sealing;
  return { ...sealing, ADMIN_EMAIL: settings.adminEmail, ADMIN_PASSWORD: settings.adminPassword };
}

/** An address to reach a server listening on `host` from this machine (any-address binds answer on loopback). */
export function reachableHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
