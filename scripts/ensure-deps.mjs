// Runs before `npm test` and `npm run demo`: on a fresh clone node_modules is absent, so install
// exactly what package-lock.json pins with `npm ci`, as every CI system does (the lock lists the
// optional platform packages of every platform, jest's @unrs/resolver-binding-* included, so it is
// complete on macOS and Windows too). Plain JS because tsx itself may not be installed yet.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || !existsSync(join(root, 'node_modules', 'tsx'))) {
  console.error('[deps] node_modules missing: running npm ci (the versions package-lock.json pins)');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
