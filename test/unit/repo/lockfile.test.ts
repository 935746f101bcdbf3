// `npm ci`, what every CI system runs on a fresh clone, accepts the committed lock file: npm's own
// check (--dry-run validates package.json against package-lock.json without installing), and the lock
// lists the optional platform packages of other platforms (macOS, Windows), not only this machine's.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/stack/config.js';

describe('package-lock.json', () => {
  it('is accepted by npm ci', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-npm-ci-'));
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(REPO_ROOT, f), join(dir, f));
    const r = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    expect({ code: r.status, out: r.status === 0 ? '' : `${r.stdout}${r.stderr}`.slice(-2000) }).toEqual({ code: 0, out: '' });
    expect(r.stdout).toMatch(/added \d+ packages/);
  }, 60_000);

  it('lists the optional platform packages of macOS and Windows too', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { os?: string[] }> };
    const platforms = new Set(Object.values(lock.packages).flatMap((p) => p.os ?? []));
    expect([...platforms]).toEqual(expect.arrayContaining(['darwin', 'win32', 'linux']));
  });
});
