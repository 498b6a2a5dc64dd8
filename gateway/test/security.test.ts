import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { buildGateway, deadPort, startFakeProducts } from './helpers.ts';
import { startFakeUsers } from './fake-users.ts';

describe('issue 14: security headers and the public port', () => {
  let products: App;
  let gateway: App;
  let folder: string;

  before(async () => {
    const fake = await startFakeProducts();
    products = fake.app;
    folder = await mkdtemp(join(tmpdir(), 'gateway-security-'));
    await mkdir(join(folder, 'dist/assets'), { recursive: true });
    await mkdir(join(folder, 'public/images'), { recursive: true });
    await writeFile(join(folder, 'dist/index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(folder, 'dist/assets/app-1234.js'), 'console.log("shop")');
    await writeFile(join(folder, 'public/images/kettle.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    gateway = await buildGateway({
      UPSTREAMS: 'products,orders',
      PRODUCTS_URL: fake.url,
      ORDERS_URL: `http://127.0.0.1:${await deadPort()}`,
      PUBLIC_DIR: join(folder, 'public'),
      WEB_DIST_DIR: join(folder, 'dist'),
    });
  });
  after(async () => {
    await gateway.close();
    await products.close();
    await rm(folder, { recursive: true, force: true });
  });

  test('finding 4: the web UI, its files, /docs, images, API answers and errors carry CSP, nosniff and Referrer-Policy', async () => {
    const urls = ['/', '/console', '/assets/app-1234.js', '/images/kettle.svg', '/docs/', '/docs/static/swagger-ui.css', '/openapi.json',
      '/api/categories', '/api/nothing', '/health/ready'];
    for (const url of urls) {
      const res = await gateway.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.doesNotMatch(csp, /unsafe-eval/, url);
      // Style attributes only (the console's email preview); never inline scripts or <style> elements.
      assert.deepEqual(csp.split('; ').filter((directive) => directive.includes('unsafe-inline')), url.startsWith('/docs') ? [] : ["style-src-attr 'unsafe-inline'"], url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'same-origin', url);
    }
  });

  test('finding 5: the public port serves no /metrics', async () => {
    const res = await gateway.inject({ url: '/metrics' });
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /http_requests_total|process_cpu/);
  });

  test("finding 5: readiness names each upstream's state without its error text", async () => {
    const res = await gateway.inject({ url: '/health/ready' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json().checks, { products: 'up', orders: 'down: unreachable' });
    assert.doesNotMatch(res.body, /ECONN|127\.0\.0\.1|connect/);
  });
});

describe('issue 14: the web UI session in a cookie', () => {
  let users: Awaited<ReturnType<typeof startFakeUsers>>;
  const gateways: App[] = [];
  const gatewayWith = async (env: Record<string, string> = {}) => {
    const app = await buildGateway({ UPSTREAMS: 'users', USERS_URL: users.url, ...env });
    gateways.push(app);
    return app;
  };
  const web = { host: 'shop.example', origin: 'http://shop.example', 'sec-fetch-site': 'same-origin', 'x-emporium-session': 'cookie' };
  const json = { 'content-type': 'application/json' };
  const credentials = JSON.stringify({ email: 'ann@example.com', password: 'secret-123' });
  const cookieOf = (setCookie: unknown) => String(setCookie).split(';', 1)[0];

  before(async () => {
    users = await startFakeUsers();
  });
  after(async () => {
    for (const app of gateways) await app.close();
    await users.app.close();
  });

  test('finding 4: a web UI login puts the refresh token in an httpOnly, SameSite=Strict cookie on /api/auth, not in the body', async () => {
    const app = await gatewayWith();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json }, payload: credentials });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.refreshToken, undefined, 'page scripts never see the refresh token');
    assert.ok(body.accessToken);
    assert.equal(body.user.email, 'ann@example.com');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^emporium_refresh=r\d+; /);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/api/auth']) assert.match(cookie, new RegExp(`; ${attribute}(;|$)`));
    assert.doesNotMatch(cookie, /Secure/, 'plain http here');
    assert.doesNotMatch(cookie, /service=tries/, "a service's own cookie never reaches the browser");
  });

  test('finding 4: the cookie is Secure when the shop is served over https, as the gateway sees it', async () => {
    const behindProxy = await gatewayWith({ TRUST_PROXY: 'true' });
    const https = await behindProxy.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json, 'x-forwarded-proto': 'https' }, payload: credentials });
    assert.match(String(https.headers['set-cookie']), /; Secure/);
    const always = await gatewayWith({ SESSION_COOKIE_SECURE: 'always' });
    const plain = await always.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json }, payload: credentials });
    assert.match(String(plain.headers['set-cookie']), /; Secure/);
  });

  test('finding 4: refresh by cookie rotates the cookie; logout by cookie revokes the token and clears the cookie', async () => {
    const app = await gatewayWith();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json }, payload: credentials });
    const first = cookieOf(login.headers['set-cookie']);
    const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie: first } });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.json().refreshToken, undefined);
    const second = cookieOf(refreshed.headers['set-cookie']);
    assert.notEqual(second, first);
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie: 'emporium_refresh=r999' } });
    assert.equal(unknown.statusCode, 401);
    assert.match(String(unknown.headers['set-cookie']), /^emporium_refresh=; .*Max-Age=0/, 'a cookie that no longer works is cleared');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...web, cookie: second } });
    assert.equal(out.statusCode, 204);
    assert.equal(users.seen.loggedOut.at(-1), second.split('=')[1]);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assert.ok(users.seen.cookies.every((cookie) => cookie === null), 'no cookie ever reaches the users service');
  });

  test('a page reloaded while its refresh was on the way gets the same answer again, not the end of its session', async () => {
    const app = await gatewayWith();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json }, payload: credentials });
    const cookie = cookieOf(login.headers['set-cookie']);
    const refresh = () => app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie } });
    const [together, alsoTogether] = await Promise.all([refresh(), refresh()]);
    const lostThenAgain = await refresh();
    for (const res of [together, alsoTogether, lostThenAgain]) {
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['set-cookie'], together.headers['set-cookie']);
    }
    const apiReuse = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: json, payload: JSON.stringify({ refreshToken: cookie.split('=')[1] }) });
    assert.equal(apiReuse.statusCode, 401, 'outside the browser session a spent token stays spent');
  });

  test('finding 4: refresh or logout by cookie without the session header, or from another site, is refused', async () => {
    const app = await gatewayWith();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...web, ...json }, payload: credentials });
    const cookie = cookieOf(login.headers['set-cookie']);
    for (const url of ['/api/auth/refresh', '/api/auth/logout']) {
      const { 'x-emporium-session': _header, ...noHeader } = web;
      const formPost = await app.inject({ method: 'POST', url, headers: { ...noHeader, cookie } });
      assert.equal(formPost.statusCode, 403, url);
      assert.equal(formPost.json().code, 'AUTH.SESSION_HEADER_MISSING', url);
      for (const crossSite of [{ origin: 'http://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'same-site' }]) {
        const res = await app.inject({ method: 'POST', url, headers: { ...web, ...crossSite, cookie } });
        assert.equal(res.statusCode, 403, `${url} ${JSON.stringify(crossSite)}`);
        assert.equal(res.json().code, 'AUTH.CROSS_SITE');
      }
    }
    const still = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie } });
    assert.equal(still.statusCode, 200, 'the refused requests spent nothing');
  });

  test('finding 4: API clients keep refresh tokens in JSON bodies, and a browser without a cookie has no session', async () => {
    const app = await gatewayWith();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: credentials });
    assert.equal(login.headers['set-cookie'], undefined);
    const { refreshToken } = login.json();
    const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: json, payload: JSON.stringify({ refreshToken }) });
    assert.equal(refreshed.statusCode, 200);
    assert.match(refreshed.json().refreshToken, /^r\d+$/);
    const anonymous = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: web });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /problem\+json/);
  });
});
