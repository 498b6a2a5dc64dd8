// A list read page by page through the API's cursor, reset when its inputs change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../api/types.ts';
export { useAction } from '../../hooks.ts';

export function usePagedList<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const ticket = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const fetchPage = useCallback(async (cursor: string | undefined, append: boolean) => {
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loader.current(cursor);
      if (mine !== ticket.current) return;
      setItems((current) => (append ? [...current, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      if (mine === ticket.current) setError(failure);
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void fetchPage(undefined, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);

  return {
    items, setItems, nextCursor, loading, error,
    reload: () => setRound((n) => n + 1),
    loadMore: () => void fetchPage(nextCursor ?? undefined, true),
  };
}
