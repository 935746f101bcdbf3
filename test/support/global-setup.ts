// Integration tests run against the real local stack: bring it up (a fast no-op when it already runs).
// Jest loads global setup outside its module system (no `.js` -> `.ts` mapping), so the stack's own
// CLI runs in a child process through tsx, exactly as `npm run stack -- up` does.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default async function globalSetup(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'stack', 'cli.ts'), 'up'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  if (result.status !== 0) {
    throw new Error(`integration setup: the local stack did not come up (exit ${result.status}): run \`npm run stack -- up\` and read its message`);
  }
  process.stderr.write(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
