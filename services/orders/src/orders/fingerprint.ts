// The kit's, shared with payments (its Idempotency-Key follows the same rules); kept here for orders' own imports.
export { canonicalJson, requestFingerprint } from '@emporium/kit';
