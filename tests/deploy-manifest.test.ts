// The Kubernetes manifests as the cluster gets them: `kubectl kustomize` builds the base and the production
// overlay, every object is checked against the Kubernetes schemas (kubernetes-models), and every variable a
// container sets is one its program's config schema reads, with nothing it requires left unset.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Type, type TSchema } from 'typebox';
import { parseAllDocuments } from 'yaml';
import { configSchema as gatewayConfig } from '../gateway/src/config.ts';
import { SERVICES } from '../packages/launcher/src/plan.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const OVERLAYS = ['deploy/kubernetes/base', 'deploy/kubernetes/overlays/production'];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
}
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };
type Container = { name: string; args: string[]; env?: EnvVar[]; envFrom?: unknown[]; securityContext?: any; resources?: any };

/** `kubectl kustomize <dir>`: the kustomize built into kubectl (v5), on this machine and CI's alike. */
function build(dir: string): K8sObject[] {
  let yaml: string;
  try {
    yaml = execFileSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
    throw new Error('kubectl is not installed: these checks build the manifests with `kubectl kustomize` (the Debian package kubectl, on the CI machine image)');
  }
  return parseAllDocuments(yaml).map((d) => d.toJSON() as K8sObject);
}

/** kubernetes-models' class for an object's apiVersion and kind, e.g. kubernetes-models/apps/v1/Deployment. */
async function modelOf(object: K8sObject): Promise<new (data: unknown) => { validate(): void }> {
  const module = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`);
  return module[object.kind] ?? module.default;
}

const configs: Record<string, Record<string, TSchema>> = { gateway: gatewayConfig };
for (const name of SERVICES) configs[name] = (await import(`../services/${name}/src/config.ts`)).configSchema;

/** What a program needs set: the schema's properties without a default, and a service's database. */
const required = (schema: Record<string, TSchema>, service: boolean) => [
  ...Object.entries(schema).filter(([, s]) => !Type.IsOptional(s) && (s as { default?: unknown }).default === undefined).map(([k]) => k),
  ...(service ? ['DATABASE_URL'] : []),
];

for (const dir of OVERLAYS) {
  describe(`kubectl kustomize ${dir}`, async () => {
    const objects = build(dir);
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    const byKind = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

    test('every object is valid against the Kubernetes schemas', async () => {
      assert.ok(objects.length > 30, `${objects.length} objects`);
      for (const object of objects) {
        const Model = await modelOf(object);
        assert.doesNotThrow(() => new Model(object).validate(), `${object.kind} ${object.metadata.name}`);
      }
    });

    test('every service and the gateway: 2+ replicas, probes, requests and limits, non-root, a disruption budget and an autoscaler', () => {
      assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), ['gateway', ...SERVICES].sort());
      for (const d of deployments) {
        const name = d.metadata.name;
        const pod = d.spec.template.spec;
        const [main] = pod.containers as (Container & Record<string, any>)[];
        assert.ok(d.spec.replicas >= 2, `${name} replicas`);
        assert.equal(main.readinessProbe.httpGet.path, '/health/ready', name);
        assert.equal(main.livenessProbe.httpGet.path, '/health/live', name);
        for (const c of [...pod.containers, ...(pod.initContainers ?? [])] as Container[]) {
          assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory, `${name}/${c.name} resources`);
          assert.equal(c.securityContext.allowPrivilegeEscalation, false, `${name}/${c.name}`);
        }
        assert.equal(pod.securityContext.runAsNonRoot, true, name);
        assert.ok(pod.securityContext.runAsUser > 0, name);
        assert.equal(byKind('PodDisruptionBudget', name)?.spec.minAvailable, 1, `${name} PDB`);
        const hpa = byKind('HorizontalPodAutoscaler', name);
        assert.ok(hpa && hpa.spec.minReplicas >= 2 && hpa.spec.maxReplicas > hpa.spec.minReplicas, `${name} HPA`);
        assert.ok(byKind('Service', name), `${name} Service`);
      }
    });

    test("each container sets exactly variables its program's config reads, and every one it requires", () => {
      for (const d of deployments) {
        const name = d.metadata.name;
        const pod = d.spec.template.spec;
        for (const c of [...pod.containers, ...(pod.initContainers ?? [])] as Container[]) {
          assert.equal(c.envFrom, undefined, 'variables are listed by name, so they can be checked');
          const set = (c.env ?? []).map((e) => e.name);
          const unknown = set.filter((v) => !(v in configs[name]));
          assert.deepEqual(unknown, [], `${name}/${c.name} sets variables its config does not read`);
          assert.equal(new Set(set).size, set.length, `${name}/${c.name}: a variable set twice`);
          const missing = required(configs[name], name !== 'gateway').filter((v) => !set.includes(v));
          assert.deepEqual(missing, [], `${name}/${c.name} leaves required variables unset`);
        }
      }
    });

    test('migrations run before a new pod takes traffic: an init container of the same program with --migrate-only', () => {
      for (const d of deployments.filter((x) => x.metadata.name !== 'gateway')) {
        const pod = d.spec.template.spec;
        const [migrate] = pod.initContainers as Container[];
        assert.deepEqual(migrate.args, [pod.containers[0].args[0], '--migrate-only'], d.metadata.name);
        assert.deepEqual(migrate.env, pod.containers[0].env, `${d.metadata.name}: the same settings as the program`);
      }
    });

    test('secrets come from Secrets, never literals; no demo mode; the gateway holds no service secret', () => {
      const secretVars = /DATABASE_URL|SECRET|PASSWORD|ENCRYPTION_KEY|SMTP_URL|REDIS_URL|ADMIN_EMAIL/;
      for (const d of deployments) {
        for (const e of (d.spec.template.spec.containers[0].env ?? []) as EnvVar[]) {
          if (secretVars.test(e.name)) assert.ok(e.valueFrom?.secretKeyRef && e.value === undefined, `${d.metadata.name} ${e.name}`);
          assert.ok(!/DEMO_MODE/.test(e.name), `${d.metadata.name} ${e.name}`);
        }
      }
      const gatewayEnv = byKind('Deployment', 'gateway')!.spec.template.spec.containers[0].env as EnvVar[];
      assert.ok(!gatewayEnv.some((e) => e.name === 'SERVICE_TOKEN_SECRET'));
      const env = (name: string) => byKind('Deployment', name)!.spec.template.spec.containers[0].env as EnvVar[];
      assert.equal(env('payments').find((e) => e.name === 'TEST_CARD_ENABLED')?.value, 'false', 'no sandbox payments in a real shop');
      assert.deepEqual(env('users').find((e) => e.name === 'AUTH_KEY_ENCRYPTION_KEY')?.valueFrom?.secretKeyRef, { name: 'emporium-auth', key: 'AUTH_KEY_ENCRYPTION_KEY' });
      for (const name of ['gateway', 'users']) assert.ok(env(name).find((e) => e.name === 'TRUST_PROXY')?.value, `${name} trusts the proxy in front of it`);
    });

    test('network policies: all ingress denied, the gateway open to the ingress controller only, each service to the gateway and its peers', () => {
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
      const deny = policies.find((p) => p.metadata.name === 'default-deny-ingress')!;
      assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress'] });
      const callers = (name: string) => {
        const policy = policies.find((p) => p.spec.podSelector.matchLabels?.app === name)!;
        return policy.spec.ingress.flatMap((rule: any) => rule.from.flatMap((f: any) => f.podSelector?.matchExpressions?.[0]?.values ?? []));
      };
      // users admits every pod of the platform (they all read its JWKS) by the label every pod carries.
      for (const d of deployments) assert.equal(d.spec.template.metadata.labels['app.kubernetes.io/part-of'], 'emporium', d.metadata.name);
      assert.deepEqual(callers('orders').sort(), ['gateway', 'payments', 'reviews']);
      assert.deepEqual(callers('payments').sort(), ['gateway', 'orders']);
      assert.deepEqual(callers('products').sort(), ['discounts', 'gateway', 'orders', 'reviews']);
      const gateway = policies.find((p) => p.spec.podSelector.matchLabels?.app === 'gateway')!;
      assert.ok(gateway.spec.ingress[0].from[0].namespaceSelector, 'the gateway takes connections from the ingress controller namespace');
      const ingress = objects.find((o) => o.kind === 'Ingress')!;
      assert.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, 'gateway');
    });
  });
}
