// Locating java and mvn, and resolving the RocketMQ jars into .dts/stack/rocketmq/lib (cached in ~/.m2).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { aptInstall, onPath } from './apt.js';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StackPaths } from './config.js';

export function javaBinary(): string {
  const fromHome = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  if (fromHome && existsSync(fromHome)) return fromHome;
  const found = onPath('java');
  if (!found) throw new Error('stack: java not found: install a Java 17 runtime (Debian: openjdk-17-jre-headless) for RocketMQ');
  return found;
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
  if (missing.length > 0) aptInstall(missing, log, 'rocketmq');
}

export function jarsResolved(paths: StackPaths): boolean {
  return existsSync(paths.rocketmq.libMarker);
}

/** `mvn -q dependency:copy-dependencies` on scripts/stack/rocketmq/pom.xml; a no-op once resolved. */
export function resolveRocketMqJars(paths: StackPaths, log: (line: string) => void): boolean {
  if (jarsResolved(paths)) return false;
  log('rocketmq: resolving jars with maven (first run only; cached in ~/.m2)');
  copyMavenJars(paths.rocketmq.pom, paths.rocketmq.lib, paths.rocketmq.libMarker, 'rocketmq-proxy-', 'the RocketMQ jars');
  return true;
}

/**
 * `mvn -q dependency:copy-dependencies` of `pom` into `lib` (cached in ~/.m2), then `marker` written;
 * fails naming `what` unless a jar named `mustHave...` arrived.
 */
export function copyMavenJars(pom: string, lib: string, marker: string, mustHave: string, what: string): void {
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });
  const result = spawnSync('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const jars = existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.jar')) : [];
  if (result.status !== 0 || !jars.some((j) => j.startsWith(mustHave))) {
    throw new Error(
      `stack: maven could not resolve ${what} (exit ${result.status}): ${(result.stdout + result.stderr).slice(-2000)}` +
        ' — check network access to Maven Central and run `npm run stack -- up` again',
    );
  }
  writeFileSync(marker, `${jars.length} jars\n`);
}

/**
 * Compiles one Java source against `classpath` into `classes` (javac next to java, or on PATH), unless
 * its class there is newer than the source; returns `classes`.
 */
export function compileJava(source: string, classpath: string, classes: string): string {
  const compiled = join(classes, `${basename(source, '.java')}.class`);
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) return classes;
  mkdirSync(classes, { recursive: true });
  const besideJava = join(dirname(javaBinary()), 'javac');
  const javac = existsSync(besideJava) ? besideJava : 'javac';
  const r = spawnSync(javac, ['-nowarn', '-cp', classpath, '-d', classes, source], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`javac could not compile ${source} (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || '').slice(-1500)} — install a JDK (Debian: openjdk-17-jdk-headless; \`npm run stack -- up\` does it as root)`);
  }
  return classes;
}

/**
 * Runs `java <args>` (stdin from `input`, if any); resolves with its stdout, rejects naming `what`
 * with the tail of its stderr (SLF4J's warnings left out) on a non-zero exit or past `timeoutMs`.
 */
export function runJava(what: string, args: readonly string[], timeoutMs: number, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaBinary(), [...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`}): ${err.split('\n').filter((l) => !l.startsWith('SLF4J')).join('\n').slice(-2000)}`));
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}
