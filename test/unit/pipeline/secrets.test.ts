import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecret } from '../../../runtime/secrets.js';

describe('resolveSecret', () => {
  it('reads an environment variable', () => {
    process.env.DTS_TEST_SECRET_A = 's3cr3t';
    expect(resolveSecret({ fromEnv: 'DTS_TEST_SECRET_A' }, { task: 't1', what: 'source password' })).toBe('s3cr3t');
  });

  it('names the task, the variable and the fix when the variable is missing, never a value', () => {
    delete process.env.DTS_TEST_SECRET_B;
    expect(() => resolveSecret({ fromEnv: 'DTS_TEST_SECRET_B' }, { task: 't1', what: 'source password' })).toThrow(
      'task t1: source password comes from environment variable DTS_TEST_SECRET_B, which is not set: export it',
    );
  });

  it('reads a file relative to the base dir, dropping one trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-secret-'));
    writeFileSync(join(dir, 'pw'), 'p@ss\n');
    expect(resolveSecret({ fromFile: 'pw' }, { task: 't', what: 'pw', baseDir: dir })).toBe('p@ss');
    expect(() => resolveSecret({ fromFile: 'missing' }, { task: 't', what: 'pw', baseDir: dir })).toThrow(/ENOENT\): create it or fix the path/);
  });
});
