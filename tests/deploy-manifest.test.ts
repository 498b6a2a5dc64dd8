// The Kubernetes manifest is plain YAML; these checks read the env of one Deployment as text, which
// is enough to keep settings that security depends on from being dropped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = readFileSync(new URL('../deploy/kubernetes/emporium.yaml', import.meta.url), 'utf8');
const deployment = (name: string) => {
  const doc = manifest.split(/^---$/m).find((d) => /kind: Deployment/.test(d) && new RegExp(`name: ${name}[ ,}]`).test(d));
  assert.ok(doc, `a Deployment ${name}`);
  return doc;
};

test('finding 5: users takes the signing key\'s encryption key from a Secret, never a literal', () => {
  assert.match(deployment('users'), /- name: AUTH_KEY_ENCRYPTION_KEY\s+valueFrom: \{ secretKeyRef: \{ name: emporium-auth, key: AUTH_KEY_ENCRYPTION_KEY \} \}/);
});

test('finding 5: the gateway and users trust the proxy in front of them, so login limits count client addresses', () => {
  for (const name of ['gateway', 'users']) assert.match(deployment(name), /- name: TRUST_PROXY\s+value: \S+/, name);
});

test('finding 3: no Deployment turns demo mode on', () => {
  assert.doesNotMatch(manifest, /DEMO_MODE|EMPORIUM_DEMO/);
});

test('notifications sends through the SMTP server named in a Secret, and its peers know where it is', () => {
  assert.match(deployment('notifications'), /- name: SMTP_URL\s+valueFrom: \{ secretKeyRef: \{ name: emporium-smtp, key: SMTP_URL \} \}/);
  assert.match(deployment('notifications'), /containerPort: 8087/);
  for (const name of ['users', 'orders', 'gateway']) assert.match(deployment(name), /- name: NOTIFICATIONS_URL\s+value: http:\/\/notifications:8087/, name);
});

test('payments takes Stripe\'s keys from an optional Secret, never a literal, and orders and the gateway know where it is', () => {
  assert.match(deployment('payments'), /- name: STRIPE_SECRET_KEY\s+valueFrom: \{ secretKeyRef: \{ name: emporium-stripe, key: STRIPE_SECRET_KEY, optional: true \} \}/);
  assert.match(deployment('payments'), /- name: STRIPE_WEBHOOK_SECRET\s+valueFrom: \{ secretKeyRef: \{ name: emporium-stripe, key: STRIPE_WEBHOOK_SECRET, optional: true \} \}/);
  assert.match(deployment('payments'), /containerPort: 8086/);
  assert.match(deployment('payments'), /- name: TEST_CARD_ENABLED\s+value: "false"/, 'no sandbox payments in a real shop');
  for (const name of ['orders', 'gateway']) assert.match(deployment(name), /- name: PAYMENTS_URL\s+value: http:\/\/payments:8086/, name);
});
