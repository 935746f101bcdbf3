import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../runtime/cli/main.js';
import { FULL_SAMPLE } from './sample.js';
import { captureOutput } from '../../support/capture-output.js';

const dir = mkdtempSync(join(tmpdir(), 'dts-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dts validate', () => {
  const output = captureOutput();

  it('accepts a valid manifest given as a stack directory', async () => {
    const stackDir = join(dir, 'stacks', 'ok');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'dts.manifest.json'), JSON.stringify(FULL_SAMPLE));
    expect(await main(['validate', stackDir])).toBe(0);
    expect(output.out).toContain('valid');
  });

  it('prints each error with its JSON path and exits 1', async () => {
    const broken = JSON.parse(JSON.stringify(FULL_SAMPLE)) as { tasks: { retry: { connectionMinutes: number }; source: { port: unknown } }[] };
    broken.tasks[0]!.retry.connectionMinutes = 3;
    broken.tasks[1]!.source.port = 'x';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    expect(await main(['validate', file])).toBe(1);
    expect(output.err).toContain('$.tasks[0].retry.connectionMinutes: must be >= 10');
    expect(output.err).toContain('$.tasks[1].source.port: must be integer');
  });

  it('reports unreadable JSON and a missing path', async () => {
    const file = join(dir, 'garbage.json');
    writeFileSync(file, '{not json');
    expect(await main(['validate', file])).toBe(1);
    expect(output.err).toContain('$: is not valid JSON');
    expect(await main(['validate', join(dir, 'nope')])).toBe(1);
    expect(output.err).toContain('does not exist');
  });
});
