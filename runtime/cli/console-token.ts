/**
 * The console token of `dts run` and `dts console`: `--token-file FILE` (its first line), else the
 * DTS_CONSOLE_TOKEN variable, else none (loopback only; see console/access.ts). Never printed.
 */
import { readFileSync } from 'node:fs';
import { TOKEN_ENV, validToken } from '../console/access.js';

export function consoleToken(file: string | undefined, what: string): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${what}: cannot read the console token file ${file}: ${(e as Error).message}`);
    }
    return validToken(text.split('\n')[0] ?? '', what);
  }
  const env = process.env[TOKEN_ENV];
  return env === undefined || env === '' ? undefined : validToken(env, what);
}
