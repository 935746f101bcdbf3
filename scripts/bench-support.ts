/**
 * What the benchmarks share: running a child process to its exit while sampling its peak RSS
 * (VmHWM from /proc/<pid>/status) and timing its streaming phase (from the task entering
 * Synchronizing to its exit); piping a dump into a load.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface RunFigures {
  readonly label: string;
  readonly totalMs: number;
  readonly streamMs: number;
  readonly peakRssKb: number;
  /** CPU time the child used (user + system, all its threads), ms. */
  readonly cpuMs: number;
  readonly exitCode: number | null;
}

/** User + system CPU time of a live process, ms (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export function vmHwmKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a child to its exit, sampling its peak RSS and timing from Synchronizing to exit. */
export function measure(label: string, args: string[]): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let peak = 0;
    let cpu = 0;
    let syncAt: number | undefined;
    let stderr = '';
    const sampler = setInterval(() => {
      peak = Math.max(peak, vmHwmKb(child.pid!) ?? 0);
      cpu = Math.max(cpu, cpuMsOf(child.pid!) ?? 0);
    }, 50);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (syncAt === undefined && stderr.includes('"msg":"task state Synchronizing"')) syncAt = Date.now();
      peak = Math.max(peak, vmHwmKb(child.pid!) ?? 0);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const ended = Date.now();
      if (code !== 0) process.stderr.write(`${label}: exit ${code}\n${stderr.slice(-4000)}\n`);
      resolve({ label, totalMs: ended - started, streamMs: ended - (syncAt ?? started), peakRssKb: peak, cpuMs: cpu, exitCode: code });
    });
  });
}

/** Pipes one command's stdout into another's stdin (dump | load) without holding it in memory. */
export function pipe(from: [string, string[], NodeJS.ProcessEnv], to: [string, string[], NodeJS.ProcessEnv]): Promise<void> {
  return new Promise((resolve, reject) => {
    const a = spawn(from[0], from[1], { env: { ...process.env, ...from[2] }, stdio: ['ignore', 'pipe', 'pipe'] });
    const b = spawn(to[0], to[1], { env: { ...process.env, ...to[2] }, stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    a.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    b.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    a.stdout.pipe(b.stdin);
    let pending = 2;
    const done = (code: number | null) => {
      if (code !== 0) reject(new Error(`${from[0]} | ${to[0]} failed: ${errors.slice(-2000)}`));
      else if (--pending === 0) resolve();
    };
    a.on('exit', done);
    b.on('exit', done);
  });
}

