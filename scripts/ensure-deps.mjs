// Runs before `npm test` and `npm run demo`: on a fresh clone node_modules is absent, so install
// what package-lock.json pins. Plain JS because tsx itself may not be installed yet.
// `npm install`, not `npm ci`: the registry this project is built against serves only the Linux builds
// of some optional platform packages (jest's @unrs/resolver-binding-*), so the lock cannot list the
// others and `npm ci` refuses it as "out of sync"; `npm install` installs the same pinned versions.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || !existsSync(join(root, 'node_modules', 'tsx'))) {
  console.error('[deps] node_modules missing: running npm install (versions from package-lock.json)');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
