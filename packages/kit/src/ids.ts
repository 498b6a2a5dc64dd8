import { Type } from 'typebox';

/**
 * An id as clients send it, in a path or a body: opaque, at most 100 characters (Fastify's longest
 * path parameter), never a comma or whitespace, since peers pass ids comma-separated in batch calls.
 * Refusing such an id here makes it a 400 at the first service that sees it, not a peer's surprise.
 */
export const Id = (options: { description?: string } = {}) => Type.String({ minLength: 1, maxLength: 100, pattern: '^[^,\\s]+$', ...options });

export const IdParams = Type.Object({ id: Id() });
