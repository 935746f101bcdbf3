// SyncRuntime.kubernetes: both examples synthesized with their engine tasks on Kubernetes
// (examples/kubernetes). Every Kubernetes object validates against the Kubernetes API's OpenAPI schema
// (kubernetes-models: its validators and, through tsc, its types, so no field the API lacks slips
// through); no secret value appears anywhere; the pod runs exactly the task's manifest.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { KUBERNETES_INSTANCE_RESOURCES, KubernetesProvider, MySqlEndpoint, Secret, SyncDestination, SyncRuntime, SyncTask, kubernetesName } from '../../../lib/index.js';
import type { Manifest } from '../../../runtime/manifest/types.js';
import { validateManifest } from '../../../runtime/manifest/validate.js';
import { kubernetesObjects, typeCheckObjects, validateObjects, type KubernetesObject } from '../../support/kubernetes-objects.js';
import { mysqlDest, newStack, source, synthManifest, tf } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRATCH = join(ROOT, 'scratch', 'unit-kubernetes');
/** Values the synth must never see in its output (set as the referenced environment variables). */
const SENTINELS = { DTS_SOURCE_PASSWORD: 'sentinel-source-pw-4711', DTS_DEST_PASSWORD: 'sentinel-dest-pw-4712', DTS_ROCKETMQ_PASSWORD: 'sentinel-mq-pw-4713', DTS_CONSOLE_TOKEN: 'sentinel-console-token-4714' };

interface Synthesized {
  readonly tfJson: { resource: Record<string, Record<string, Record<string, unknown>>> };
  readonly manifest: Manifest;
  readonly raw: string;
}

function synthExample(): Map<string, Synthesized> {
  const output = mkdtempSync(join(tmpdir(), 'dts-k8s-'));
  const run = spawnSync(process.execPath, [join(ROOT, 'runtime/cli/dts.mjs'), 'synth', join(ROOT, 'examples/kubernetes'), '--output', output], {
    encoding: 'utf8',
    env: { ...process.env, ...SENTINELS },
  });
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
  const stacks = new Map<string, Synthesized>();
  for (const stack of readdirSync(join(output, 'stacks'))) {
    const dir = join(output, 'stacks', stack);
    const tfText = readFileSync(join(dir, 'cdk.tf.json'), 'utf8');
    const manifestText = readFileSync(join(dir, 'dts.manifest.json'), 'utf8');
    stacks.set(stack, { tfJson: JSON.parse(tfText), manifest: JSON.parse(manifestText), raw: tfText + manifestText + run.stdout + run.stderr });
  }
  return stacks;
}

const tlsDest = (ca: string) =>
  MySqlEndpoint.selfManaged({ host: '127.0.0.1', port: 23307, user: 'dts_writer', password: Secret.fromEnv('DTS_DEST_PASSWORD'), ssl: { ca: Secret.fromFile(ca) } });

const ofKind = (objects: readonly KubernetesObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe('SyncRuntime.kubernetes: both examples on Kubernetes', () => {
  const stacks = synthExample();

  it('synthesizes both stacks, each engine task with a ConfigMap, a StatefulSet, a state volume and a Service', () => {
    expect([...stacks.keys()].sort()).toEqual(['shop-replica', 'shop-to-rocketmq']);
    for (const [, s] of stacks) {
      const objects = kubernetesObjects(s.tfJson);
      const engineTasks = s.manifest.tasks.filter((t) => t.runtime?.kind === 'kubernetes');
      expect(engineTasks.length).toBe(1);
      for (const kind of ['ConfigMap', 'StatefulSet', 'PersistentVolumeClaim', 'Service']) expect(ofKind(objects, kind).length).toBe(engineTasks.length);
    }
    // The managed-DTS task of shop-replica stays on DTS, listed for `dts plan`.
    expect(stacks.get('shop-replica')!.manifest.managedTasks).toEqual([{ name: 'shop-cloud-copy', instanceClass: 'small' }]);
  });

  it('every object validates against the Kubernetes OpenAPI schema, with no field the API lacks', () => {
    const all = [...stacks.values()].flatMap((s) => kubernetesObjects(s.tfJson));
    expect(all.length).toBe(8);
    expect(validateObjects(all)).toEqual([]);
    expect(typeCheckObjects(all, SCRATCH)).toEqual([]);
  }, 120_000);

  it('the checks can fail: a misspelt field, a string where the API has an integer', () => {
    const set = kubernetesObjects(stacks.get('shop-replica')!.tfJson).find((o) => o.kind === 'StatefulSet')!;
    const typo = JSON.parse(JSON.stringify(set).replace('"mountPath"', '"mountPth"')) as KubernetesObject;
    expect(typeCheckObjects([typo], SCRATCH).join('\n')).toMatch(/mountPth/);
    const wrongType = { ...set, spec: { ...(set.spec as object), replicas: '2' } } as KubernetesObject;
    expect(validateObjects([wrongType]).join('\n')).toMatch(/replicas must be integer/);
  }, 120_000);

  it('holds no secret value: only references to the Secret, one per secret the task reads', () => {
    for (const [, s] of stacks) {
      for (const value of Object.values(SENTINELS)) expect(s.raw).not.toContain(value);
      const set = ofKind(kubernetesObjects(s.tfJson), 'StatefulSet')[0]!;
      const container = (set.spec as { template: { spec: { containers: { env: { name: string; value?: string; valueFrom?: unknown }[] }[] } } }).template.spec.containers[0]!;
      const fromSecret = container.env.filter((e) => e.valueFrom !== undefined);
      const task = s.manifest.tasks.find((t) => t.runtime)!;
      const referenced = new Set(JSON.stringify(task).match(/"fromEnv":"[^"]+"/g)!.map((m) => m.slice(11, -1)));
      expect(fromSecret.map((e) => e.name).sort()).toEqual([...referenced, 'DTS_CONSOLE_TOKEN'].sort());
      for (const e of fromSecret) expect(e.valueFrom).toEqual({ secretKeyRef: { name: 'dts-secrets', key: e.name } });
      expect(container.env.filter((e) => e.valueFrom === undefined).map((e) => e.name)).toEqual(['DTS_ENGINE_HEAP_MB']);
    }
  });

  it("runs the task's own manifest: the ConfigMap holds it, the pod names it, a change rolls the pods", () => {
    for (const [stack, s] of stacks) {
      const objects = kubernetesObjects(s.tfJson);
      const task = s.manifest.tasks.find((t) => t.runtime)!;
      const configMap = ofKind(objects, 'ConfigMap')[0]!;
      const text = (configMap.data as Record<string, string>)['dts.manifest.json']!;
      const podManifest = JSON.parse(text) as Manifest;
      expect(validateManifest(podManifest).ok).toBe(true);
      expect(podManifest).toEqual({ version: 1, stack, tasks: [task] });
      const set = ofKind(objects, 'StatefulSet')[0]! as KubernetesObject & { spec: Record<string, any> };
      const pod = set.spec.template;
      expect(pod.metadata.annotations['dts.cdktf.io/manifest-sha256']).toBe(createHash('sha256').update(text).digest('hex'));
      expect(pod.spec.containers[0].args).toEqual(['run', '/etc/dts/dts.manifest.json', '--task', task.name, '--state-dir', '/var/lib/dts', '--metrics-host', '0.0.0.0', '--metrics-port', '9464']);
      expect(set.spec.replicas).toBe(2);
      expect(set.metadata.name).toBe(kubernetesName(stack, task.name));
      const claim = ofKind(objects, 'PersistentVolumeClaim')[0]! as KubernetesObject & { spec: Record<string, any> };
      expect(claim.spec.accessModes).toEqual(['ReadWriteMany']); // two pods share the state dir
      expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: KUBERNETES_INSTANCE_RESOURCES.medium.cpu, memory: KUBERNETES_INSTANCE_RESOURCES.medium.memory }, limits: { memory: KUBERNETES_INSTANCE_RESOURCES.medium.memory } });
      expect(pod.spec.containers[0].livenessProbe.httpGet).toEqual({ path: '/livez', port: 9464 });
      expect(pod.spec.containers[0].readinessProbe.httpGet).toEqual({ path: '/readyz', port: 9464 });
      const service = ofKind(objects, 'Service')[0]! as KubernetesObject & { metadata: { annotations: Record<string, string> } };
      expect(service.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464', 'prometheus.io/path': '/metrics' });
    }
  });
});

describe('SyncRuntime.kubernetes: props and checks', () => {
  const k8s = (extra: Partial<Parameters<typeof SyncRuntime.kubernetes>[0]> = {}) =>
    SyncRuntime.kubernetes({ namespace: 'sync', image: 'registry.example.com/dts:1', secretName: 'dts', ...extra });

  it('one pod and ReadWriteOnce by default; sizes follow the instance class; file secrets are mounted from the Secret', () => {
    const stack = newStack();
    new KubernetesProvider(stack, 'kubernetes', {});
    new SyncTask(stack, 'copy', {
      taskName: 'copy',
      source: source(),
      destination: SyncDestination.mySql(tlsDest('/var/run/dts/ca.pem')),
      objects: [{ database: 'shop' }],
      runtime: k8s({ instanceClass: '4xlarge' }),
    });
    const objects = kubernetesObjects(tf(stack) as never);
    const set = ofKind(objects, 'StatefulSet')[0]! as KubernetesObject & { spec: Record<string, any> };
    expect(set.spec.replicas).toBe(1);
    expect((ofKind(objects, 'PersistentVolumeClaim')[0]!.spec as { accessModes: string[] }).accessModes).toEqual(['ReadWriteOnce']);
    const container = set.spec.template.spec.containers[0];
    expect(container.resources.requests).toEqual({ cpu: '4', memory: '3Gi' });
    expect(container.env.find((e: { name: string }) => e.name === 'DTS_ENGINE_HEAP_MB').value).toBe(String(KUBERNETES_INSTANCE_RESOURCES['4xlarge'].heapMb));
    expect(container.volumeMounts).toContainEqual({ name: 'secrets', mountPath: '/var/run/dts/ca.pem', subPath: 'ca.pem', readOnly: true });
    expect(validateObjects(objects)).toEqual([]);
    expect(synthManifest(stack).tasks[0]!.runtime).toEqual({ kind: 'kubernetes', namespace: 'sync', replicas: 1, instanceClass: '4xlarge' });
  });

  it('fails synth naming the prop and the fix', () => {
    const bad = (runtime: SyncRuntime, message: RegExp) => {
      const stack = newStack();
      new SyncTask(stack, 'copy', { taskName: 'copy', source: source(), destination: SyncDestination.mySql(mysqlDest()), objects: [{ database: 'shop' }], runtime });
      expect(() => Testing.fullSynth(stack)).toThrow(message);
    };
    bad(k8s({ namespace: 'Data_Sync' }), /namespace "Data_Sync" is not a DNS label/);
    bad(k8s({ replicas: 3 as never }), /replicas 3 must be 1, or 2 for a hot standby/);
    bad(k8s({ image: '' }), /image "" is not an image reference/);
    bad(k8s({ port: 80 }), /port 80 must be a whole number in 1024-65535/);
  });

  it('refuses a relative file secret: it cannot be mounted', () => {
    const stack = newStack();
    new SyncTask(stack, 'copy', { taskName: 'copy', source: source(), destination: SyncDestination.mySql(tlsDest('certs/ca.pem')), objects: [{ database: 'shop' }], runtime: k8s() });
    expect(() => Testing.fullSynth(stack)).toThrow(/Secret.fromFile\('certs\/ca.pem'\) is relative; on Kubernetes a file secret is mounted from the Secret at an absolute path/);
  });

  it('keeps object names DNS-safe and short', () => {
    expect(kubernetesName('Shop_Stack', 'Orders.To.MQ')).toBe('dts-shop-stack-orders-to-mq');
    const long = kubernetesName('a-very-long-stack-name-indeed', 'and-an-even-longer-task-name-too');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
