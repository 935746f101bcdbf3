// Captures what a CLI command writes to stdout and stderr during each test of the calling file.
import { afterEach, beforeEach, jest } from '@jest/globals';

export interface CapturedOutput {
  /** Everything written so far in this test; assign '' to start over mid-test. */
  out: string;
  err: string;
}

export function captureOutput(): CapturedOutput {
  const captured: CapturedOutput = { out: '', err: '' };
  beforeEach(() => {
    captured.out = '';
    captured.err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((captured.out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((captured.err += String(s)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return captured;
}
