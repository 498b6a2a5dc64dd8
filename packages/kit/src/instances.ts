import { Pool } from 'undici';

/**
 * Several instances of one service behind one name: an undici Pool per instance, calls spread over the
 * instances in rotation, one that fails taken out until it answers its readiness probe again.
 *
 * Why Pools with our own rotation rather than undici's BalancedPool: BalancedPool lowers a failing
 * upstream's weight but never below 1 (a dead instance keeps getting calls), counts refused connections
 * only (an instance that hangs until the timeout keeps its full weight), raises the weight again only
 * when a real call happens to connect (no probe), and does not say which upstream served a call, so a
 * retry cannot be steered to another instance. All four are what a failover needs.
 */
export interface Instance {
  readonly origin: string;
  readonly pool: Pool;
}

export interface InstanceSet {
  readonly name: string;
  readonly instances: readonly Instance[];
  /**
   * The next instance in rotation that is not in `tried`; when every untried one is out of rotation, one
   * of those (better a call to an instance that may be back than none); null when all were tried.
   */
  next(tried?: ReadonlySet<Instance>): Instance | null;
  /** Takes an instance out of rotation until its probe answers (a lone instance stays: there is no other). */
  failed(instance: Instance): void;
  /** The instances in rotation now, by origin (tests, readiness). */
  inRotation(): string[];
  close(): Promise<void>;
}

export interface InstanceSetOptions {
  /** Names the service in logs. */
  name: string;
  connections: number;
  /** Asked with GET until it answers 200, to bring a failed instance back. */
  probePath?: string;
  probeIntervalMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** `http://a:1,http://b:2` (a `<NAME>_URL` variable) as a list of origins. */
export function parseUrls(value: string | readonly string[]): string[] {
  const list = typeof value === 'string' ? value.split(',') : [...value];
  const urls = list.map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) throw new Error('no URL given');
  return urls;
}

export function createInstanceSet(urls: string | readonly string[], options: InstanceSetOptions): InstanceSet {
  const { name, probePath = '/health/ready', probeIntervalMs = 1000, log } = options;
  const instances: Instance[] = parseUrls(urls).map((url) => ({
    origin: new URL(url).origin,
    pool: new Pool(url, { connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 }),
  }));
  const out = new Set<Instance>();
  const probes = new Map<Instance, NodeJS.Timeout>();
  let cursor = 0;
  let closed = false;

  function next(tried: ReadonlySet<Instance> = new Set()): Instance | null {
    let fallback: Instance | null = null;
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[(cursor + i) % instances.length];
      if (tried.has(instance)) continue;
      if (out.has(instance)) {
        fallback ??= instance;
        continue;
      }
      cursor = (cursor + i + 1) % instances.length;
      return instance;
    }
    return fallback;
  }

  async function answers(instance: Instance): Promise<boolean> {
    try {
      const res = await instance.pool.request({ method: 'GET', path: probePath, headersTimeout: 1000, bodyTimeout: 1000 });
      await res.body.dump();
      return res.statusCode === 200;
    } catch {
      return false;
    }
  }

  function probe(instance: Instance): void {
    const timer = setTimeout(async () => {
      if (closed) return;
      if (await answers(instance)) {
        probes.delete(instance);
        out.delete(instance);
        log?.info({ peer: name, instance: instance.origin }, 'instance answers again: back in rotation');
      } else if (!closed) {
        probe(instance);
      }
    }, probeIntervalMs);
    timer.unref();
    probes.set(instance, timer);
  }

  function failed(instance: Instance): void {
    if (instances.length === 1 || out.has(instance) || closed) return;
    out.add(instance);
    log?.warn({ peer: name, instance: instance.origin }, 'instance failed: out of rotation until it answers');
    probe(instance);
  }

  return {
    name,
    instances,
    next,
    failed,
    inRotation: () => instances.filter((i) => !out.has(i)).map((i) => i.origin),
    async close() {
      closed = true;
      for (const timer of probes.values()) clearTimeout(timer);
      await Promise.all(instances.map((i) => i.pool.close()));
    },
  };
}

/**
 * What a call that got no answer means for trying it elsewhere: `unsent` (the connection was refused:
 * nothing reached the instance, any call may go to another), `lost` (the connection broke or the
 * instance did not answer in time: it may have acted, so only an idempotent call goes again), or null
 * when the failure is not the instance's (our own request body, a caller's abort).
 */
export function instanceFailure(err: unknown): 'unsent' | 'lost' | null {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') return 'unsent';
  if ((err as Error).name === 'TimeoutError') return 'lost';
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED'].includes(code)) return 'lost';
  return null;
}
