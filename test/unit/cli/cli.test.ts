import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { main, packageVersion } from '../../../runtime/cli/main.js';

describe('dts cli', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('prints the package version', async () => {
    expect(await main(['--version'])).toBe(0);
    expect(out.trim()).toBe(packageVersion());
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help listing every command', async () => {
    expect(await main(['--help'])).toBe(0);
    for (const c of ['synth', 'validate', 'plan', 'precheck', 'run', 'status', 'verify']) expect(out).toContain(`  ${c}`);
  });

  it('rejects an unknown command with exit 1', async () => {
    expect(await main(['frobnicate'])).toBe(1);
    expect(err).toContain('frobnicate');
  });
});
