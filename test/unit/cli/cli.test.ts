import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { main, packageVersion } from '../../../runtime/cli/main.js';
import { captureOutput } from '../../support/capture-output.js';

describe('dts cli', () => {
  const output = captureOutput();

  it('prints the package version', async () => {
    expect(await main(['--version'])).toBe(0);
    expect(output.out.trim()).toBe(packageVersion());
    expect(output.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help listing every command', async () => {
    expect(await main(['--help'])).toBe(0);
    for (const c of ['synth', 'validate', 'plan', 'precheck', 'run', 'status', 'verify']) expect(output.out).toContain(`  ${c}`);
  });

  it('rejects an unknown command with exit 1', async () => {
    expect(await main(['frobnicate'])).toBe(1);
    expect(output.err).toContain('frobnicate');
  });
});
