// Locating java and mvn, and resolving the RocketMQ jars into .dts/stack/rocketmq/lib (cached in ~/.m2).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackPaths } from './config.js';

function onPath(name: string): string | undefined {
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : undefined;
}

export function javaBinary(): string {
  const fromHome = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  if (fromHome && existsSync(fromHome)) return fromHome;
  const found = onPath('java');
  if (!found) throw new Error('stack: java not found: install a Java 17 runtime (Debian: openjdk-17-jre-headless) for RocketMQ');
  return found;
}

function aptInstall(packages: string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new Error(`stack: ${packages.join(', ')} missing: install ${packages.join(' ')} and run \`npm run stack -- up\` again`);
  }
  log(`rocketmq: installing ${packages.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Makes sure java and mvn exist (installing Debian's packages as root when missing). */
export function ensureJavaTooling(log: (line: string) => void): void {
  const missing: string[] = [];
  if (!onPath('java') && !(process.env.JAVA_HOME && existsSync(join(process.env.JAVA_HOME, 'bin', 'java')))) {
    missing.push('openjdk-17-jre-headless');
  }
  if (!onPath('mvn')) missing.push('maven');
  // RocketMQ's Java client runs as a single-file program (scripts/java/RocketMqTool.java: the broker
  // ceiling in `npm run bench`, a remoting consumer in the tests), which needs the JDK's compiler.
  if (!onPath('javac') && !(process.env.JAVA_HOME && existsSync(join(process.env.JAVA_HOME, 'bin', 'javac')))) missing.push('openjdk-17-jdk-headless');
  if (missing.length > 0) aptInstall(missing, log);
}

export function jarsResolved(paths: StackPaths): boolean {
  return existsSync(paths.rocketmq.libMarker);
}

/** `mvn -q dependency:copy-dependencies` on scripts/stack/rocketmq/pom.xml; a no-op once resolved. */
export function resolveRocketMqJars(paths: StackPaths, log: (line: string) => void): boolean {
  if (jarsResolved(paths)) return false;
  const lib = paths.rocketmq.lib;
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });
  log('rocketmq: resolving jars with maven (first run only; cached in ~/.m2)');
  const result = spawnSync('mvn', ['-q', '-B', '-f', paths.rocketmq.pom, 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const jars = existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.jar')) : [];
  if (result.status !== 0 || !jars.some((j) => j.startsWith('rocketmq-proxy-'))) {
    throw new Error(
      `stack: maven could not resolve the RocketMQ jars (exit ${result.status}): ${(result.stdout + result.stderr).slice(-2000)}` +
        ' — check network access to Maven Central and run `npm run stack -- up` again',
    );
  }
  writeFileSync(paths.rocketmq.libMarker, `${jars.length} jars\n`);
  return true;
}
