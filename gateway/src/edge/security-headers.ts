import type { FastifyInstance } from 'fastify';

/**
 * One policy for everything the gateway serves (the web UI, its files, /docs, API answers), so no
 * response is left out because it took another path (a 404, a 429, a proxied error).
 * - Scripts only from this origin: an injected `<script>` or inline handler does not run, which is
 *   what turns one XSS into account takeover. Neither the built UI nor Swagger UI has inline scripts.
 * - Styles from this origin; React's `style={...}` sets properties through the CSSOM, which CSP allows.
 * - Images also from any http(s) address: product pictures may live elsewhere (an image runs no code).
 * - `connect-src 'self'`: page scripts talk to this origin only, so an injected script cannot post
 *   what it reads to another host with fetch.
 * - `frame-ancestors 'none'`: nobody can frame the shop or the console (clickjacking).
 * - `style-src-attr 'unsafe-inline'`: `style="..."` attributes apply (never a `<style>` element). The
 *   console shows each email as the customer sees it, in an `<iframe sandbox="" srcdoc>`: that frame
 *   runs no script but inherits this policy, and emails are styled inline (mail clients drop `<style>`),
 *   so without this the console would show them unstyled. The UI itself renders no HTML it did not
 *   write (React escapes text), so the attribute adds no way in; scripts stay 'self' only.
 */
export const CONTENT_SECURITY_POLICY = policy("'self'", ["style-src-attr 'unsafe-inline'"]);

/**
 * Swagger UI's bundle inserts one `<style>` element with fixed text; /docs allows exactly that
 * text (its hash, as Chromium reports it), not inline styles in general. A Swagger UI update
 * that changes it shows up in the browser test of the docs.
 */
const SWAGGER_UI_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

function policy(styles: string, extra: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    ...extra,
    "img-src 'self' data: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  // A file is only ever what its Content-Type says (an uploaded-looking text is never run as a script).
  'x-content-type-options': 'nosniff',
  // No address of ours leaves the site: page URLs may carry tokens (`/reset-password?token=`).
  // Not `no-referrer`: browsers then send `Origin: null` on same-origin POSTs, which the session
  // routes check.
  'referrer-policy': 'same-origin',
} as const;

const DOCS_HEADERS = { ...SECURITY_HEADERS, 'content-security-policy': policy(`'self' ${SWAGGER_UI_STYLE}`) };

/** Registered on the root before any route plugin, so every reply of every plugin carries the headers. */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(request.url.startsWith('/docs') ? DOCS_HEADERS : SECURITY_HEADERS);
    done(null, payload);
  });
}
