// A list read page by page through the API's cursor, started again when its inputs change.
// Items and "loading" change together, so a screen never flashes "nothing here" between pages.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from './api/types.ts';

export function usePagedList<P extends Page<unknown>>(load: (cursor?: string) => Promise<P>, deps: unknown[]) {
  type Item = P['items'][number];
  const [items, setItems] = useState<Item[]>([]);
  const [firstPage, setFirstPage] = useState<P>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const ticket = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const fetchPage = useCallback(async (cursor: string | undefined) => {
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loader.current(cursor);
      if (mine !== ticket.current) return;
      if (!cursor) setFirstPage(page);
      setItems((current) => (cursor ? [...current, ...(page.items as Item[])] : (page.items as Item[])));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      if (mine === ticket.current) setError(failure);
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void fetchPage(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);

  return {
    items, setItems, firstPage, nextCursor, loading, error,
    reload: useCallback(() => setRound((n) => n + 1), []),
    loadMore: () => void fetchPage(nextCursor ?? undefined),
  };
}
