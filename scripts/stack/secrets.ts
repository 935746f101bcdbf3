// Random per-checkout passwords for the stack's accounts, kept in mode-600 files and never printed.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_ACCOUNTS, type StackAccount, stackPaths } from './config.js';

export function secretFile(account: StackAccount, secretsDir: string = stackPaths().secrets): string {
  return join(secretsDir, `${account}.password`);
}

/** Creates the password file for `account` if it does not exist yet; returns the password. */
export function ensureStackSecret(account: StackAccount, secretsDir: string = stackPaths().secrets): string {
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  chmodSync(secretsDir, 0o700);
  const file = secretFile(account, secretsDir);
  if (!existsSync(file)) {
    // base64url keeps the password free of quotes and backslashes, so it is safe inside SQL literals.
    writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return readStackSecret(account, secretsDir);
}

export function ensureStackSecrets(secretsDir: string = stackPaths().secrets): void {
  for (const account of STACK_ACCOUNTS) ensureStackSecret(account, secretsDir);
}

/** The password of a stack account (`admin`, `dts`, `dts_writer`). */
export function readStackSecret(account: StackAccount, secretsDir: string = stackPaths().secrets): string {
  const file = secretFile(account, secretsDir);
  if (!existsSync(file)) {
    throw new Error(`stack secret for account "${account}" is missing (${file}): run \`npm run stack -- up\` first`);
  }
  const value = readFileSync(file, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]{8,}$/.test(value)) {
    throw new Error(`stack secret file ${file} is malformed: delete .dts/stack and run \`npm run stack -- up\` again`);
  }
  return value;
}

/**
 * The environment variables the examples' `Secret.fromEnv` references read, with the local stack's
 * values: the source reader (`dts`), the destination writer (`dts_writer`), and a placeholder for the
 * RocketMQ account (the local broker runs without ACL; the example declares one for Alibaba Cloud).
 * Handed to child processes only (`npm run stack -- exec`, `npm run example`, the demo), never printed.
 */
export const STACK_SECRET_ENV = { DTS_SOURCE_PASSWORD: 'dts', DTS_DEST_PASSWORD: 'dts_writer' } as const satisfies Record<string, StackAccount>;
export const LOCAL_ROCKETMQ_PASSWORD = 'local-broker-has-no-acl';

export function stackSecretEnv(secretsDir: string = stackPaths().secrets): Record<string, string> {
  const env: Record<string, string> = { DTS_ROCKETMQ_PASSWORD: LOCAL_ROCKETMQ_PASSWORD };
  for (const [name, account] of Object.entries(STACK_SECRET_ENV)) env[name] = readStackSecret(account, secretsDir);
  return env;
}
