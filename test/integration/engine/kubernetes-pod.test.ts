// What a Kubernetes pod of SyncRuntime.kubernetes runs, run here as the container would run it (the
// image itself cannot be built on this machine): the synthesized StatefulSet's args and environment,
// the ConfigMap's manifest at the mount path (remapped to a scratch dir), the Secret's keys as
// environment variables. Two such "pods" form the hot standby: one owns the task and delivers, the
// other is Standby and ready; the probes answer without the token, /metrics only with it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { DtsStack, KubernetesProvider, MySqlEndpoint, Secret, SyncDestination, SyncRuntime, SyncTask } from '../../../lib/index.js';
import { KUBERNETES_PATHS } from '../../../lib/kubernetes/props.js';
import { readStackSecret, STACK_SECRET_ENV } from '../../../scripts/stack/secrets.js';
import { DESTINATION_PORT, SOURCE_PORT, STACK_HOST } from '../../../scripts/stack/index.js';
import { scratchDir, spawnEngine, waitForExit, type EngineProcess } from '../../support/engine.js';
import { kubernetesObjects } from '../../support/kubernetes-objects.js';
import { e2eTask, waitUntil } from '../mysql-e2e/helpers.js';

const TOKEN = 'pod-console-token-0123456789';

interface Pod {
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly manifest: string;
}

/** Synthesizes a stack with one task on Kubernetes and returns what its pod would run. */
function synthPod(db: string, secretValues: Record<string, string>): Pod {
  const app = Testing.app();
  const stack = new DtsStack(app, 'podtest');
  new KubernetesProvider(stack, 'kubernetes', {});
  new SyncTask(stack, 'copy', {
    taskName: `${db}_t`,
    source: MySqlEndpoint.selfManaged({ host: STACK_HOST, port: SOURCE_PORT, user: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD') }),
    destination: SyncDestination.mySql(MySqlEndpoint.selfManaged({ host: STACK_HOST, port: DESTINATION_PORT, user: 'dts_writer', password: Secret.fromEnv('DTS_DEST_PASSWORD') })),
    objects: [{ database: db, targetDatabase: `${db}_d` }],
    runtime: SyncRuntime.kubernetes({ namespace: 'sync', image: 'registry.example.com/cdktf-dts:test', secretName: 'dts-secrets', replicas: 2 }),
  });
  const objects = kubernetesObjects(JSON.parse(Testing.synth(stack)) as never);
  const set = objects.find((o) => o.kind === 'StatefulSet') as unknown as { spec: { template: { spec: { containers: { args: string[]; env: { name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } }[] }[] } } } };
  const container = set.spec.template.spec.containers[0]!;
  const env: Record<string, string> = {};
  for (const e of container.env) env[e.name] = e.value ?? secretValues[e.valueFrom!.secretKeyRef.key]!;
  const configMap = objects.find((o) => o.kind === 'ConfigMap')!;
  return { args: container.args, env, manifest: (configMap.data as Record<string, string>)['dts.manifest.json']! };
}

describe('a Kubernetes pod of SyncRuntime.kubernetes, run as its container would (real MariaDB)', () => {
  const pods: EngineProcess[] = [];
  // Before e2eTask's hooks: jest runs afterAll hooks in the order they are declared, so the pods die
  // before the databases are dropped.
  afterAll(() => {
    for (const p of pods) p.kill('SIGKILL');
  });
  const e = e2eTask('k8spod', {
    prepare: async (src, db) => {
      await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(10))`);
      await src.query(`INSERT INTO ${db}.t VALUES (1, 'one')`);
    },
  });
  const { db } = e;

  it('two pods: one delivers, one stands by; probes without the token, metrics with it', async () => {
    const secrets: Record<string, string> = { DTS_CONSOLE_TOKEN: TOKEN };
    for (const [env, account] of Object.entries(STACK_SECRET_ENV)) secrets[env] = readStackSecret(account);
    const pod = synthPod(db, secrets);
    expect(Object.keys(pod.env).sort()).toEqual(['DTS_CONSOLE_TOKEN', 'DTS_DEST_PASSWORD', 'DTS_ENGINE_HEAP_MB', 'DTS_SOURCE_PASSWORD']);

    // The volumes: the ConfigMap at /etc/dts, the shared state volume at /var/lib/dts.
    const root = scratchDir('k8s-pod');
    const manifestDir = join(root, 'etc-dts');
    const stateDir = join(root, 'var-lib-dts');
    mkdirSync(manifestDir, { recursive: true });
    writeFileSync(join(manifestDir, 'dts.manifest.json'), pod.manifest);
    const remap = (a: string) => a.replace(KUBERNETES_PATHS.manifestDir, manifestDir).replace(KUBERNETES_PATHS.stateDir, stateDir);
    const args = pod.args.map(remap);
    expect(args[0]).toBe('run');
    const start = (port: number) => {
      // The pod's port is fixed (9464); two pods here need two ports.
      const podArgs = args.map((x, i) => (args[i - 1] === '--metrics-port' ? String(port) : x));
      const e = spawnEngine(args[1]!, { stateDir, env: pod.env, args: podArgs });
      pods.push(e);
      return e;
    };
    const port = 40_000 + Math.floor(Math.random() * 5000);
    const a = start(port);
    await a.waitForLog((l) => l.msg === 'this engine owns the task now', 30_000);
    const b = start(port + 1);
    await b.waitForLog((l) => l.msg === 'standing by', 30_000);

    await waitUntil('the row on the destination', async () => {
      try {
        const [r] = await e.dst.query(`SELECT v FROM ${db}_d.t WHERE id = 1`);
        return (r as unknown[]).length === 1;
      } catch {
        return false;
      }
    }, 60_000, 100);

    const get = async (p: number, path: string, token?: string) => {
      const r = await fetch(`http://127.0.0.1:${p}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return { code: r.status, body: await r.text() };
    };
    expect(await get(port, '/livez')).toEqual({ code: 200, body: 'ok\n' });
    await waitUntil('the owner synchronizing', async () => (await get(port, '/status', TOKEN)).body.includes('"state": "Synchronizing"'), 30_000, 200);
    // The probes need no token and say nothing of the tasks.
    expect(await get(port, '/readyz')).toEqual({ code: 200, body: 'ready\n' });
    expect(await get(port + 1, '/readyz')).toEqual({ code: 200, body: 'ready\n' });
    expect((await get(port + 1, '/status', TOKEN)).body).toContain('"state": "Standby"');
    expect((await get(port, '/metrics')).code).toBe(401);
    const metrics = await get(port, '/metrics', TOKEN);
    expect(metrics.code).toBe(200);
    expect(metrics.body).toMatch(new RegExp(`dts_task_state\\{[^}]*task="${db}_t"[^}]*state="Synchronizing"[^}]*\\} 1`));
    expect((await get(port + 1, '/metrics', TOKEN)).body).toMatch(new RegExp(`dts_task_state\\{[^}]*state="Standby"[^}]*\\} 1`));
    for (const secret of [secrets.DTS_SOURCE_PASSWORD!, secrets.DTS_DEST_PASSWORD!, TOKEN]) {
      expect(a.stderr() + a.stdout() + b.stderr() + b.stdout() + pod.manifest).not.toContain(secret);
    }

    // Kubernetes stops a pod with SIGTERM: it saves its checkpoint, gives up the lease, the standby takes over.
    a.kill('SIGTERM');
    expect((await waitForExit(a, 60_000)).code).toBe(0);
    await b.waitForLog((l) => l.msg === 'this engine owns the task now', 15_000);
    await e.src.query(`INSERT INTO ${db}.t VALUES (2, 'two')`);
    await waitUntil('the row written after the handover', async () => {
      const [r] = await e.dst.query(`SELECT v FROM ${db}_d.t WHERE id = 2`);
      return (r as unknown[]).length === 1;
    }, 30_000, 100);
    b.kill('SIGTERM');
    expect((await waitForExit(b, 60_000)).code).toBe(0);
  }, 180_000);
});
