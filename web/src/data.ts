// Loading data for a screen, through TanStack Query: it keys each request by what it asked for, so a
// slow answer to an old question never overwrites the answer to the current one.
import { keepPreviousData, QueryClient, useInfiniteQuery, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Page } from './api/types.ts';
import { getSession, onSessionChange } from './auth/session.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Screens show a failure at once with "Try again"; a refocused tab does not reload forms under the user's hands.
      queries: { retry: false, refetchOnWindowFocus: false },
    },
  });
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/**
 * One request for a screen, asked again whenever `key` changes, and every `pollMs` while the answer
 * says it will change soon (a change another service applies a moment later).
 */
export function useLoad<T>(key: QueryKey, load: () => Promise<T>, poll?: { pollMs: number; while: (data: T | undefined) => boolean }): Loaded<T> {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: key,
    queryFn: load,
    refetchInterval: poll ? (current) => (current.state.error == null && poll.while(current.state.data) ? poll.pollMs : false) : false,
  });
  const setData = (data: T) => void client.setQueryData(key, data);
  return { data: query.data, error: query.error, loading: query.isFetching, reload: () => void query.refetch(), setData };
}

/**
 * A list read page by page through the API's cursor, started again when `key` changes. The items
 * shown stay until the next ones arrive, so a screen never flashes "nothing here" between filters.
 */
export function usePagedList<P extends Page<unknown>>(key: QueryKey, load: (cursor?: string) => Promise<P>) {
  type Item = P['items'][number];
  const client = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items as Item[]);
  /** Shows a change the server accepted without reading the list again: each item kept, replaced or dropped (null). */
  const editItems = (edit: (item: Item) => Item | null): void => void
    client.setQueryData<typeof query.data>(key, (data) => data && {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => edit(item as Item)).filter((item) => item !== null) })),
    });
  return {
    items,
    editItems,
    firstPage: pages[0] as P | undefined,
    nextCursor: pages.at(-1)?.nextCursor ?? null,
    loading: query.isFetching,
    error: query.error,
    reload: () => void query.refetch(),
    loadMore: () => void query.fetchNextPage(),
  };
}

/** Forgets every answer when someone else signs in or out: one person's orders must never show to the next. */
export function forgetOnUserChange(client: QueryClient): () => void {
  let userId = getSession()?.user.id ?? null;
  return onSessionChange((session) => {
    const next = session?.user.id ?? null;
    if (next !== userId) client.clear();
    userId = next;
  });
}
