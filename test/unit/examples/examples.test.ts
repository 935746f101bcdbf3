/**
 * `dts synth` on each example (the app from its cdktf.json, no cdktf-cli): both files per stack,
 * schema-valid, byte-identical on repeat, and a password given through Secret.fromEnv's variable
 * appears nowhere under the output directory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { synthesize } from '../../../runtime/cli/synth.js';
import { validateCommand } from '../../../runtime/cli/validate.js';
import type { Manifest } from '../../../runtime/manifest/types.js';

jest.setTimeout(120_000);

const ROOT = new URL('../../../', import.meta.url).pathname;
const SENTINEL = 'S3ntinel-Pa55word-do-not-leak';
const outdirs: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function synthTo(example: string): { outdir: string; stacks: readonly string[] } {
  const outdir = mkdtempSync(join(tmpdir(), `dts-${example}-`));
  outdirs.push(outdir);
  const env = { ...process.env };
  process.env.DTS_SOURCE_PASSWORD = SENTINEL;
  process.env.DTS_DEST_PASSWORD = SENTINEL;
  process.env.DTS_ROCKETMQ_PASSWORD = SENTINEL;
  try {
    const result = synthesize(join(ROOT, 'examples', example), { outdir });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    return { outdir, stacks: result.stacks };
  } finally {
    process.env = env;
  }
}

afterAll(() => {
  for (const d of outdirs) rmSync(d, { recursive: true, force: true });
});

describe.each([
  ['mysql-to-rocketmq', 'shop-to-rocketmq'],
  ['mysql-to-mysql', 'shop-replica'],
])('example %s', (example, stackName) => {
  let first: { outdir: string; stacks: readonly string[] };

  it('dts synth writes cdk.tf.json and a valid dts.manifest.json', async () => {
    first = synthTo(example);
    expect(first.stacks).toEqual([stackName]);
    const dir = join(first.outdir, 'stacks', stackName);
    const tf = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as { terraform: { required_providers: Record<string, unknown> }; provider: Record<string, unknown> };
    expect(tf.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '1.266.0' });
    expect(tf.provider.alicloud).toBeDefined();
    const manifest = JSON.parse(readFileSync(join(dir, 'dts.manifest.json'), 'utf8')) as Manifest;
    expect(manifest.stack).toBe(stackName);
    expect(manifest.tasks.length).toBeGreaterThan(0);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await validateCommand([dir])).toBe(0);
    } finally {
      write.mockRestore();
    }
  });

  it('the sentinel password appears nowhere under the output directory', () => {
    const files = filesUnder(first.outdir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(SENTINEL);
  });

  it('synth twice is byte-identical', () => {
    const second = synthTo(example);
    for (const file of ['cdk.tf.json', 'dts.manifest.json']) {
      const a = readFileSync(join(first.outdir, 'stacks', stackName, file));
      const b = readFileSync(join(second.outdir, 'stacks', stackName, file));
      expect(b.equals(a)).toBe(true);
    }
  });
});

describe('example contents mirror the seed documents', () => {
  it('mysql-to-rocketmq: shop -> ordered dts-shop, DDL to dts-shop-ddl, canal-json, ordering by columns, local broker', () => {
    const { outdir } = synthTo('mysql-to-rocketmq');
    const m = JSON.parse(readFileSync(join(outdir, 'stacks', 'shop-to-rocketmq', 'dts.manifest.json'), 'utf8')) as Manifest;
    const t = m.tasks[0]!;
    expect(t.source).toMatchObject({ host: '127.0.0.1', port: 23306, user: 'dts', password: { fromEnv: 'DTS_SOURCE_PASSWORD' } });
    expect(t.destination).toMatchObject({ engine: 'rocketmq', endpoints: '127.0.0.1:28081', topic: 'dts-shop', ddlTopic: 'dts-shop-ddl' });
    expect(t.rocketmq).toMatchObject({ format: 'canal-json', ordering: { rule: 'columns' } });
    expect(t.objects.map((o) => `${o.database}.${o.table ?? '*'}`)).toEqual(['shop.*', 'shop.customers', 'shop.orders']);
    const tf = readFileSync(join(outdir, 'stacks', 'shop-to-rocketmq', 'cdk.tf.json'), 'utf8');
    expect(tf).toContain('"message_type": "FIFO"');
  });

  it('mysql-to-mysql: bundled task to 127.0.0.1:23307 and a managed DTS job', () => {
    const { outdir } = synthTo('mysql-to-mysql');
    const dir = join(outdir, 'stacks', 'shop-replica');
    const m = JSON.parse(readFileSync(join(dir, 'dts.manifest.json'), 'utf8')) as Manifest;
    expect(m.tasks.map((t) => t.name)).toEqual(['shop-replica']);
    expect(m.tasks[0]!.destination).toMatchObject({ engine: 'mysql', port: 23307, user: 'dts_writer', password: { fromEnv: 'DTS_DEST_PASSWORD' } });
    const tf = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, unknown>; variable: Record<string, { sensitive: boolean }> };
    expect(Object.keys(tf.resource)).toEqual(expect.arrayContaining(['alicloud_dts_synchronization_instance', 'alicloud_dts_synchronization_job', 'alicloud_db_instance']));
    expect(tf.variable.dts_source_password?.sensitive).toBe(true);
  });
});

describe('root cdktf.json', () => {
  it('synthesizes both example stacks (no terraformProviders, no .gen needed)', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as Record<string, unknown>;
    expect(config.terraformProviders).toBeUndefined();
    const outdir = mkdtempSync(join(tmpdir(), 'dts-root-'));
    outdirs.push(outdir);
    const r = synthesize(ROOT, { outdir });
    expect(r.errors).toEqual([]);
    expect(r.stacks).toEqual(['shop-replica', 'shop-to-rocketmq']);
  });
});

describe('dts synth errors', () => {
  it('reports a directory without cdktf.json', () => {
    const r = synthesize(join(ROOT, 'schemas'));
    expect(r.errors[0]).toMatch(/cdktf.json not found/);
  });
});
