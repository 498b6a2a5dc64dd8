import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateServiceSecret } from '@emporium/kit';

/** Every service of the platform, in port order: users on base+1 ... reviews on base+5. */
export const SERVICES = ['users', 'products', 'discounts', 'orders', 'reviews'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface Settings {
  root: string;
  dataDir: string;
  portBase: number;
  /** A PostgreSQL server URL; each service then gets its own database on it. */
  postgres?: string;
  databasePrefix: string;
  demo: boolean;
  gatewayHost?: string;
  adminEmail: string;
  adminPassword: string;
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
  return {
    root,
    dataDir: resolve(env.EMPORIUM_DATA_DIR || 'data'),
    portBase,
    postgres,
    databasePrefix: env.EMPORIUM_DATABASE_PREFIX || 'emporium_',
    demo: env.EMPORIUM_DEMO !== 'false',
    gatewayHost: env.EMPORIUM_HOST || undefined,
    adminEmail: env.ADMIN_EMAIL || 'admin@emporium.test',
    adminPassword: env.ADMIN_PASSWORD || 'admin-demo',
    logLevel: env.EMPORIUM_LOG_LEVEL || env.LOG_LEVEL || 'info',
    readyTimeoutMs: Number.isFinite(readyTimeoutMs) && readyTimeoutMs > 0 ? readyTimeoutMs : 120_000,
    buildWeb: !env.EMPORIUM_SKIP_WEB_BUILD,
    serviceTokenSecret: generateServiceSecret(),
  };
}

/** A service exists once its folder has a server; the rest are picked up as they land. */
export function existingServices(root: string): ServiceName[] {
  return SERVICES.filter((name) => existsSync(join(root, 'services', name, 'src', 'server.ts')));
}

export const servicePort = (settings: Settings, name: ServiceName) => settings.portBase + 1 + SERVICES.indexOf(name);

export function databaseUrl(settings: Settings, name: ServiceName): string | undefined {
  if (!settings.postgres) return undefined;
  const url = new URL(settings.postgres);
  url.pathname = `/${settings.databasePrefix}${name}`;
  return url.toString();
}

/** The processes to run (the services that exist, then the gateway) and each one's environment. */
export function planProcesses(settings: Settings, services: ServiceName[]): ProcessSpec[] {
  const peers = Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${servicePort(settings, name)}`]));
  const common = { ...peers, LOG_LEVEL: settings.logLevel };
  const specs: ProcessSpec[] = services.map((name) => {
    const port = servicePort(settings, name);
    const database = databaseUrl(settings, name);
    const folder = join(settings.dataDir, name);
    const storage: Record<string, string> = database ? { DATABASE_URL: database } : { DATA_DIR: folder };
    return {
      name,
      script: join(settings.root, 'services', name, 'src', 'server.ts'),
      port,
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
      storage: database ?? folder,
      env: {
        ...common,
        ...storage,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_JWKS_URL: `http://127.0.0.1:${servicePort(settings, 'users')}/.well-known/jwks.json`,
        DEMO_MODE: String(settings.demo),
        SERVICE_TOKEN_SECRET: settings.serviceTokenSecret,
        ...(name === 'users' ? { ADMIN_EMAIL: settings.adminEmail, ADMIN_PASSWORD: settings.adminPassword } : {}),
      },
    };
  });
  specs.push({
    name: 'gateway',
    script: join(settings.root, 'gateway', 'src', 'server.ts'),
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

/** An address to reach a server listening on `host` from this machine (any-address binds answer on loopback). */
function reachableHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
