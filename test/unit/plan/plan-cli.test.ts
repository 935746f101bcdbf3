/**
 * `dts plan` end to end through the CLI entry: exit codes (0 / 2 / 1 like terraform plan
 * -detailed-exitcode), the three formats, --state-dir against the run manifests the engine saves,
 * a markdown snapshot, and the mysql-to-rocketmq example against a modified copy of itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../runtime/cli/main.js';
import { synthesize } from '../../../runtime/cli/synth.js';
import type { Manifest, TaskSpec } from '../../../runtime/manifest/types.js';
import { planManifests, readRunManifest, readRunManifests, renderPlan, runManifestPath, saveRunManifest } from '../../../runtime/plan/index.js';
import { TaskStateStore } from '../../../runtime/state/index.js';
import { FULL_SAMPLE } from '../manifest/sample.js';
import { captureOutput } from '../../support/capture-output.js';

jest.setTimeout(120_000);

const ROOT = new URL('../../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'dts-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function writeManifest(name: string, m: Manifest): string {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(m));
  return file;
}

/** FULL_SAMPLE after a typical pull request: one of each impact. */
function changedSample(): Manifest {
  const m = clone(FULL_SAMPLE) as unknown as { tasks: Record<string, unknown>[] } & Manifest;
  const mq = m.tasks[0] as unknown as { objects: unknown[]; throttle: { incremental: { rps: number } }; rocketmq: { ordering: { rule: string } }; source: { password: unknown } };
  mq.objects.push({ database: 'billing', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] });
  mq.throttle.incremental.rps = 40;
  mq.rocketmq.ordering.rule = 'database-table';
  mq.source.password = { fromEnv: 'SRC_PW_ROTATED' };
  const my = m.tasks[1] as unknown as { destination: { host: string } };
  my.destination.host = '10.1.2.3';
  return m;
}

const output = captureOutput();

describe('dts plan exit codes', () => {
  it('0 when nothing changed', async () => {
    const a = writeManifest('same-a', FULL_SAMPLE);
    expect(await main(['plan', a, '--against', a])).toBe(0);
    expect(output.out).toContain('No changes.');
    expect(output.out).toContain('0 to create, 0 to update in place, 0 to replace, 0 to destroy, 2 unchanged.');
  });

  it('2 when something changed', async () => {
    expect(await main(['plan', writeManifest('new', changedSample()), '--against', writeManifest('old', FULL_SAMPLE)])).toBe(2);
    expect(output.out).toContain('-/+ task to-mysql: replace (forced by destination.host)');
    expect(output.out).toContain('~ task to-mq: update in place');
    expect(output.out).toContain('~ source.password: (sensitive: env SRC_PW) -> (sensitive: env SRC_PW_ROTATED)  [safe]');
    expect(output.out).toContain('+ objects[billing]  [backfill]');
  });

  it.each([
    [['plan'], 'give exactly one'],
    [['plan', '/nonexistent/x.json'], 'does not exist'],
    [['plan', 'a', 'b'], 'give exactly one'],
    [['plan', 'x', '--format', 'yaml'], '--format must be one of text, markdown, json'],
    [['plan', 'x', '--against', 'y', '--state-dir', 'z'], 'alternatives'],
    [['plan', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('1 on error: %j', async (argv, message) => {
    expect(await main(argv)).toBe(1);
    expect(output.err).toContain(message);
  });

  it('1 when a manifest is invalid, naming the file and the path', async () => {
    const bad = writeManifest('bad', { ...clone(FULL_SAMPLE), version: 2 } as unknown as Manifest);
    expect(await main(['plan', bad, '--against', bad])).toBe(1);
    expect(output.err).toContain(`${bad} is not a valid manifest`);
  });
});

describe('dts plan formats', () => {
  it('markdown is stable (snapshot) and carries the comment marker', () => {
    const plan = planManifests({ desired: changedSample(), previous: FULL_SAMPLE.tasks.map((spec) => ({ spec, running: true })), against: 'base/dts.manifest.json' });
    const md = renderPlan(plan, 'markdown');
    expect(md.startsWith('<!-- dts-plan:sample -->\n')).toBe(true);
    expect(renderPlan(plan, 'markdown')).toBe(md);
    expect(md).toMatchSnapshot();
  });

  it('json is the plan for machines', async () => {
    expect(await main(['plan', writeManifest('new-j', changedSample()), '--against', writeManifest('old-j', FULL_SAMPLE), '--format', 'json'])).toBe(2);
    const json = JSON.parse(output.out) as { hasChanges: boolean; summary: Record<string, number>; tasks: { task: string; action: string; changes: { path: string; impacts: string[]; before?: unknown }[] }[] };
    expect(json.hasChanges).toBe(true);
    expect(json.summary).toEqual({ create: 0, update: 1, replace: 1, destroy: 0, unchanged: 0 });
    const mq = json.tasks.find((t) => t.task === 'to-mq')!;
    expect(mq.changes.find((c) => c.path === 'rocketmq.ordering.rule')).toMatchObject({ before: 'columns', impacts: ['breaks consumers'] });
    expect(mq.changes.find((c) => c.path === 'source.password')!.before).toEqual({ sensitive: true, reference: 'env SRC_PW' });
  });
});

describe('dts plan --state-dir (what the engine last ran)', () => {
  it('saves and reads run manifests, and plans against them with the persisted task state', async () => {
    const stateDir = join(tmp, 'state');
    const [mq, my] = FULL_SAMPLE.tasks as [TaskSpec, TaskSpec];
    expect(await saveRunManifest(stateDir, 'sample', mq)).toBe(runManifestPath(stateDir, 'sample', 'to-mq'));
    await saveRunManifest(stateDir, 'sample', my);
    expect(await readRunManifest(stateDir, 'sample', 'to-mq')).toEqual(mq);
    expect(await readRunManifest(stateDir, 'sample', 'nope')).toBeUndefined();
    await new TaskStateStore(join(stateDir, 'sample', 'to-mq')).writeStatus('Synchronizing');
    expect((await readRunManifests(stateDir, 'sample')).map((r) => [r.spec.name, r.state])).toEqual([['to-mq', 'Synchronizing'], ['to-mysql', 'NotStarted']]);

    const desired = clone(FULL_SAMPLE) as unknown as { tasks: { syncTypes: { schema: boolean; incremental: boolean } }[] } & Manifest;
    desired.tasks[0]!.syncTypes.incremental = false; // running: forces replacement
    desired.tasks[1]!.syncTypes.schema = false; // never started: in place
    const file = writeManifest('desired-state', desired);
    expect([await main(['plan', file, '--state-dir', stateDir, '--format', 'json']), output.err.replace(/^.*ExperimentalWarning.*\n.*\n/m, '')]).toEqual([2, '']);
    const plan = JSON.parse(output.out) as { against: string; tasks: { task: string; action: string }[] };
    expect(plan.against).toBe(`the manifests last run (state dir ${stateDir})`);
    expect(plan.tasks.map((t) => [t.task, t.action])).toEqual([['to-mq', 'replace'], ['to-mysql', 'update']]);
  });

  it('plans every task as create when the state dir holds none', async () => {
    expect(await main(['plan', writeManifest('fresh', FULL_SAMPLE), '--state-dir', join(tmp, 'empty-state')])).toBe(2);
    expect(output.out).toContain('2 to create');
  });

  it('fails with the file and the fix when a run manifest is corrupt', async () => {
    const stateDir = join(tmp, 'state-bad');
    await saveRunManifest(stateDir, 'sample', FULL_SAMPLE.tasks[0]!);
    writeFileSync(runManifestPath(stateDir, 'sample', 'to-mq'), '{');
    expect(await main(['plan', writeManifest('x', FULL_SAMPLE), '--state-dir', stateDir])).toBe(1);
    expect(output.err).toContain('manifest.json is not valid JSON');
    expect(output.err).toContain('delete it');
  });
});

describe('dts plan on the synthesized mysql-to-rocketmq example vs a modified copy', () => {
  it('reports backfill, consumer-breaking, safe and sensitive changes, exit 2', async () => {
    const base = mkdtempSync(join(tmp, 'base-'));
    const head = mkdtempSync(join(tmp, 'head-'));
    const a = synthesize(join(ROOT, 'examples', 'mysql-to-rocketmq'), { outdir: base });
    const b = synthesize(join(ROOT, 'test', 'unit', 'plan', 'fixtures', 'shop-to-rocketmq-v2'), { outdir: head });
    expect([a.errors, b.errors]).toEqual([[], []]);
    const baseStack = join(base, 'stacks', 'shop-to-rocketmq');
    const headStack = join(head, 'stacks', 'shop-to-rocketmq');

    expect(await main(['plan', baseStack, '--against', baseStack])).toBe(0);
    output.out = '';
    expect(await main(['plan', headStack, '--against', baseStack, '--format', 'markdown'])).toBe(2);
    const rows = output.out.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toContain('| `shop-to-rocketmq` | ~ update in place | 🟠 breaks consumers<br>🔵 backfill<br>🟢 safe |');
    const row = (path: string): string | undefined => rows.find((r) => r.includes(`| \`${path}\` |`));
    expect(row('objects[billing]')).toContain('🔵 backfill');
    expect(row('objects[shop.orders].partitionKey')).toContain('| `["customer_id"]` | `["id"]` | 🟠 breaks consumers |');
    expect(row('rocketmq.tpsLimit')).toContain('| `5000` | `8000` | 🟢 safe |');
    expect(row('throttle.incremental.rps')).toContain('| `10000` | `15000` | 🟢 safe |');
    expect(row('source.password')).toContain('`(sensitive: env DTS_SOURCE_PASSWORD)` | `(sensitive: env DTS_SOURCE_PASSWORD_V2)`');
    expect(rows.filter((r) => /^\| [+~-] \|/.test(r))).toHaveLength(5);
    // The synthesized manifests hold no secret values, so neither can the plan.
    expect(readFileSync(join(headStack, 'dts.manifest.json'), 'utf8')).not.toContain('"value"');
  });
});
