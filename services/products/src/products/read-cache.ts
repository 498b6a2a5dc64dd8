/**
 * A small in-process cache for public reads. A write on this instance calls invalidate() after
 * it commits, so the next read here sees it; entries live at most ttlMs, so a write on another
 * instance shows within that time. Concurrent misses for one key share one load, and a load
 * that began before an invalidation is never stored.
 */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

export function createReadCache(options: { ttlMs: number; maxEntries?: number; now?: () => number }): ReadCache {
  const { ttlMs, maxEntries = 2_000, now = Date.now } = options;
  let entries = new Map<string, Entry>();

  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const found = entries.get(key);
      if (found && found.expiresAt > now()) return found.value as Promise<T>;
      const generation = entries;
      const value = load();
      if (generation.size >= maxEntries) generation.delete(generation.keys().next().value as string);
      generation.set(key, { value, expiresAt: now() + ttlMs });
      // A failed load is not remembered: the next read tries again.
      value.catch(() => {
        if (generation.get(key)?.value === value) generation.delete(key);
      });
      return value;
    },
    invalidate() {
      // A new map rather than clear(): loads still running for the old one store into a map nobody reads.
      entries = new Map();
    },
  };
}
