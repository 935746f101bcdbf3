// The construct library under CDK Terrain (npm `cdktn`, the maintained continuation of cdktf): both
// examples synthesized with every `cdktf` import resolved to `cdktn` (what the npm alias
// "cdktf": "npm:cdktn@0.24.0" does) write the same files as under cdktf: dts.manifest.json byte for
// byte; cdk.tf.json and cdktf's own manifest.json the same JSON, except the CDK library version they
// record (0.21.0 / 0.24.0), cdktn printing an empty object as {} where cdktf breaks the line.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DTS = join(ROOT, 'runtime/cli/dts.mjs');

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function synth(example: string, env: NodeJS.ProcessEnv = {}): Map<string, Buffer> {
  const output = mkdtempSync(join(tmpdir(), 'dts-cdktn-'));
  const run = spawnSync(process.execPath, [DTS, 'synth', join(ROOT, 'examples', example), '--output', output], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  return files(output);
}

describe('the examples under cdktn 0.24', () => {
  for (const example of ['mysql-to-rocketmq', 'mysql-to-mysql']) {
    it(`${example}: the same cdk.tf.json and dts.manifest.json, byte for byte`, () => {
      const log = join(mkdtempSync(join(tmpdir(), 'dts-cdktn-log-')), 'resolved.txt');
      const underCdktf = synth(example);
      const underCdktn = synth(example, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${join(ROOT, 'scripts/cdktn/register.mjs')}`, CDKTN_RESOLVE_LOG: log });
      expect(readFileSync(log, 'utf8')).toMatch(/node_modules\/cdktn\//);
      expect([...underCdktn.keys()].sort()).toEqual([...underCdktf.keys()].sort());
      expect([...underCdktf.keys()].some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
      for (const [file, bytes] of underCdktf) {
        const other = underCdktn.get(file)!;
        if (file.endsWith('dts.manifest.json')) {
          expect({ file, sameBytes: other.equals(bytes) }).toEqual({ file, sameBytes: true });
          continue;
        }
        const [a, b] = [JSON.parse(bytes.toString('utf8')), JSON.parse(other.toString('utf8'))];
        const version = (j: { version?: string; '//'?: { metadata: { version: string } } }) => j['//']?.metadata.version ?? j.version;
        expect([version(a), version(b)]).toEqual(['0.21.0', '0.24.0']);
        if (a['//']) [a, b].forEach((j) => delete j['//'].metadata.version);
        else [a, b].forEach((j) => delete j.version);
        expect({ file, json: b }).toEqual({ file, json: a });
      }
    }, 180_000);
  }
});
