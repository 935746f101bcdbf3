// Installing what a step needs from Debian's packages: only as root with apt-get, otherwise an error
// naming the packages to install. Used by the stack (MariaDB, Java, Maven) and the tests' tools.
import { execFileSync, spawnSync } from 'node:child_process';

export function onPath(name: string): string | undefined {
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : undefined;
}

/** apt-get install PACKAGES (no recommends); throws naming them when not root or without apt-get. */
export function aptInstall(packages: readonly string[], log: (line: string) => void, purpose: string): void {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new Error(`${purpose}: ${packages.join(', ')} missing: install ${packages.join(' ')} (Debian packages) and run again`);
  }
  log(`${purpose}: installing ${packages.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The path of `binary`, installing its Debian package first when it is missing. */
export function ensureDebianTool(binary: string, pkg: string, purpose: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): string {
  const found = onPath(binary);
  if (found) return found;
  aptInstall([pkg], log, purpose);
  const installed = onPath(binary);
  if (!installed) throw new Error(`${purpose}: apt-get installed ${pkg} but ${binary} is still not found`);
  return installed;
}
