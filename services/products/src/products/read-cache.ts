/**
 * A small in-process cache for public reads. A write on this instance calls invalidate() after it
 * commits, so the next read here sees it. An entry is fresh for ttlMs; for one ttl more it is still
 * answered while a single reload runs behind it (so no reader of a busy key waits on the database
 * when it expires: at 100k products a search with facets takes tens of milliseconds to load), and the
 * reload takes its place. A write on another instance therefore shows within two ttls. Concurrent
 * misses for one key share one load, and a load that began before an invalidation is never stored.
 */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  /** The value loaded successfully: only such an entry is answered once stale. */
  loaded: boolean;
  reloading: boolean;
}

export function createReadCache(options: { ttlMs: number; maxEntries?: number; now?: () => number }): ReadCache {
  const { ttlMs, maxEntries = 2_000, now = Date.now } = options;
  let entries = new Map<string, Entry>();

  function store(generation: Map<string, Entry>, key: string, value: Promise<unknown>): Entry {
    if (generation.size >= maxEntries && !generation.has(key)) generation.delete(generation.keys().next().value as string);
    const entry: Entry = { value, expiresAt: now() + ttlMs, loaded: false, reloading: false };
    generation.set(key, entry);
    value.then(() => (entry.loaded = true), () => {
      // A failed load is not remembered: the next read tries again.
      if (generation.get(key) === entry) generation.delete(key);
    });
    return entry;
  }

  function reload(generation: Map<string, Entry>, key: string, stale: Entry, load: () => Promise<unknown>): void {
    stale.reloading = true;
    const value = load();
    value.then(() => {
      if (generation.get(key) === stale) store(generation, key, value);
    }, () => (stale.reloading = false));
  }

  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const generation = entries;
      const found = generation.get(key);
      if (found && found.expiresAt > now()) return found.value as Promise<T>;
      if (found?.loaded && found.expiresAt + ttlMs > now()) {
        if (!found.reloading) reload(generation, key, found, load);
        return found.value as Promise<T>;
      }
      return store(generation, key, load()).value as Promise<T>;
    },
    invalidate() {
      // A new map rather than clear(): loads still running for the old one store into a map nobody reads.
      entries = new Map();
    },
  };
}
