/** Ports between one instance of the services and the next: orders' second instance on base+104. */
export const INSTANCE_PORT_STRIDE = 100;
export const MAX_REPLICAS = 9;

/**
 * EMPORIUM_REPLICAS: `2` (every service twice) or `orders=3,products=2` (the rest once). The gateway is
 * one process here: it alone owns the public port; under Kubernetes it has replicas like the rest.
 */
export function replicasOf<S extends string>(value: string | undefined, services: readonly S[]): Record<S, number> {
  const replicas = Object.fromEntries(services.map((name) => [name, 1])) as Record<S, number>;
  if (!value) return replicas;
  const count = (text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICAS) throw new Error(`EMPORIUM_REPLICAS: instances must be 1..${MAX_REPLICAS}, got ${JSON.stringify(text)}`);
    return n;
  };
  if (/^\d+$/.test(value.trim())) {
    for (const name of services) replicas[name] = count(value.trim());
    return replicas;
  }
  for (const part of value.split(',')) {
    const [name, n] = part.split('=').map((x) => x.trim());
    if (!services.includes(name as S) || n === undefined) {
      throw new Error(`EMPORIUM_REPLICAS must be a number or service=count pairs (services: ${services.join(', ')}), got ${JSON.stringify(value)}`);
    }
    replicas[name as S] = count(n);
  }
  return replicas;
}
