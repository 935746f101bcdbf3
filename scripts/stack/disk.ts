// Disk use as the RocketMQ broker computes it: it refuses writes at or above 90% (and starts deleting
// old commit log files early above 75%), which surfaces as cryptic send errors in tests.
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

export const BROKER_REFUSES_WRITES_RATIO = 0.9;
export const BROKER_CLEANS_EARLY_RATIO = 0.75;

export interface DiskFigures {
  path: string;
  totalBytes: number;
  /** Blocks free for root (statfs bfree). */
  freeBytes: number;
  /** Blocks free for ordinary users (statfs bavail); what df calls Avail. */
  availableBytes: number;
}

/** used / (used + available), rounded up to a whole percent: the same figure as `df` Use% and the broker. */
export function diskUsedRatio(d: DiskFigures): number {
  const used = d.totalBytes - d.freeBytes;
  const entire = used + d.availableBytes;
  if (entire <= 0) return 0;
  return Math.ceil((used * 100) / entire) / 100;
}

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** A plain sentence when disk use endangers the broker; undefined when it is fine. */
export function diskUsageProblem(d: DiskFigures): string | undefined {
  const ratio = diskUsedRatio(d);
  const pct = Math.round(ratio * 100);
  const figure = `${d.path} is ${pct}% full (df: ${gib(d.totalBytes - d.freeBytes)} used, ${gib(d.availableBytes)} available)`;
  if (ratio >= BROKER_REFUSES_WRITES_RATIO) {
    return `DISK FULL for RocketMQ: ${figure}; the broker refuses every write at 90% or more — free space or move .dts/stack`;
  }
  if (ratio > BROKER_CLEANS_EARLY_RATIO) {
    return `disk nearly full: ${figure}; above 75% the broker deletes old commit log files early, at 90% it refuses writes`;
  }
  return undefined;
}

export function readDiskFigures(path: string): DiskFigures {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const s = statfsSync(existing);
  return { path: existing, totalBytes: s.blocks * s.bsize, freeBytes: s.bfree * s.bsize, availableBytes: s.bavail * s.bsize };
}
