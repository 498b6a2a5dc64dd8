import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateServiceSecret } from '@emporium/kit';
import { INSTANCE_PORT_STRIDE, replicasOf } from './replicas.ts';

/**
 * Every service of the platform, in port order: users on base+1 ... reviews on base+5, payments on
 * base+6, notifications on base+7 (docs/ARCHITECTURE.md). Only those whose folder has a server run.
 * The n-th instance of a service (EMPORIUM_REPLICAS) takes its port plus 100 * (n - 1): orders'
 * second instance on base+104, its third on base+204; the embedded database's base+50 stays free.
 */
export const SERVICES = ['users', 'products', 'discounts', 'orders', 'reviews', 'payments', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface Settings {
  root: string;
  dataDir: string;
  portBase: number;
  /** Instances of each service (EMPORIUM_REPLICAS); 1 when not named. */
  replicas: Record<ServiceName, number>;
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
  /** The process as logs and the console name it: the service, or `orders-2` for one of several instances. */
  label: string;
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
  const replicas = replicasOf(env.EMPORIUM_REPLICAS, SERVICES);
  const highest = portBase + INSTANCE_PORT_STRIDE * (Math.max(...Object.values(replicas)) - 1) + SERVICES.length;
  if (highest > 65_535) throw new Error(`EMPORIUM_PORT_BASE ${portBase} leaves no room for ${JSON.stringify(env.EMPORIUM_REPLICAS)} instances (port ${highest})`);
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
    replicas,
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

/** The port of a service's `instance`-th instance (1-based). */
export const servicePort = (settings: Settings, name: ServiceName, instance = 1) =>
  settings.portBase + INSTANCE_PORT_STRIDE * (instance - 1) + 1 + SERVICES.indexOf(name);

/** Every instance's port of a service, first to last. */
export const instancePorts = (settings: Settings, name: ServiceName) =>
  Array.from({ length: settings.replicas[name] }, (_, i) => servicePort(settings, name, i + 1));

/** Where a service's instances are, as its `<NAME>_URL` variable lists them (comma-separated). */
const instanceUrls = (settings: Settings, name: ServiceName, path = '') =>
  instancePorts(settings, name).map((port) => `http://127.0.0.1:${port}${path}`).join(',');

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
    ...services.flatMap((name) => instancePorts(settings, name).map((port, i) => ({ name: labelOf(settings, name, i + 1), port, host: '127.0.0.1' }))),
    { name: 'gateway', port: settings.portBase, host: settings.gatewayHost ?? '0.0.0.0' },
  ];
}

/** The processes to run (every instance of the services that exist, then the gateway) and each one's environment. */
export function planProcesses(settings: Settings, services: ServiceName[]): ProcessSpec[] {
  const peers = Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_URL`, instanceUrls(settings, name)]));
  const common = { ...peers, LOG_LEVEL: settings.logLevel };
  const specs: ProcessSpec[] = services.flatMap((name) =>
    instancePorts(settings, name).map((port, i) => serviceSpec(settings, name, i + 1, port, common)),
  );
  specs.push({
    name: 'gateway',
    label: 'gateway',
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

/** `orders` when it runs once, `orders-1`, `orders-2` ... when it runs several times. */
export const labelOf = (settings: Settings, name: ServiceName, instance: number) => (settings.replicas[name] > 1 ? `${name}-${instance}` : name);

function serviceSpec(settings: Settings, name: ServiceName, instance: number, port: number, common: Record<string, string>): ProcessSpec {
  const database = databaseUrl(settings, name);
  return {
    name,
    label: labelOf(settings, name, instance),
    script: join(settings.root, 'services', name, 'dist', 'server.js'),
    port,
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
    storage: database,
    env: {
      ...common,
      // Every instance of a service shares its database: that is where all its state is.
      DATABASE_URL: database,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWKS_URL: instanceUrls(settings, 'users', '/.well-known/jwks.json'),
      DEMO_MODE: String(settings.demo),
      SERVICE_TOKEN_SECRET: settings.serviceTokenSecret,
      ...(name === 'users' ? usersEnv(settings) : {}),
      // Links in emails lead to the shop as this machine serves it; SMTP_URL passes through from the shell.
      ...(name === 'notifications' ? { SHOP_URL: `http://localhost:${settings.portBase}` } : {}),
    },
  };
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
