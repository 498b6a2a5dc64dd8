/** The services behind the gateway, in the order of docs/ARCHITECTURE.md. */
export const UPSTREAM_NAMES = ['users', 'products', 'discounts', 'orders', 'reviews', 'payments', 'notifications'] as const;
export type UpstreamName = (typeof UPSTREAM_NAMES)[number];

const DOT_SEGMENT = /\/(\.|%2e){1,2}(\/|$)/i;

/**
 * Which service owns a public path (`/api/...`, query string excluded), or null when none does.
 * Matching is by whole path segments, so `/api/productsx` belongs to nobody. Internal routes
 * (`/internal/...`) never match: they are for peers on the private network only.
 */
export function upstreamFor(pathname: string): UpstreamName | null {
  // Dot segments could walk out of /api on a server that normalises them (/api/products/../../internal).
  if (DOT_SEGMENT.test(pathname)) return null;
  const segments = pathname.split('/');
  if (segments[1] !== 'api') return null;
  const [, , resource, , sub] = segments;
  switch (resource) {
    case 'auth':
    case 'users':
      return 'users';
    case 'reviews':
      return 'reviews';
    case 'products':
      return sub === 'reviews' ? 'reviews' : 'products';
    case 'categories':
      return 'products';
    case 'discounts':
    case 'prices':
    case 'promotions':
      return 'discounts';
    case 'orders':
    case 'checkout':
    case 'shipping-methods':
    case 'tax-rates':
      return 'orders';
    case 'payments':
      return 'payments';
    case 'notifications':
      return 'notifications';
    default:
      return null;
  }
}

export function upstreamUrls(config: Record<`${Uppercase<UpstreamName>}_URL`, string> & { UPSTREAMS: string }): Map<UpstreamName, string> {
  const enabled = new Set(config.UPSTREAMS.split(',').filter(Boolean));
  const urls = new Map<UpstreamName, string>();
  for (const name of UPSTREAM_NAMES) {
    if (enabled.has(name)) urls.set(name, config[`${name.toUpperCase() as Uppercase<UpstreamName>}_URL`]);
  }
  return urls;
}
