import { describe, expect, it } from '@jest/globals';
import { diskUsageProblem, diskUsedRatio, readDiskFigures } from '../../../scripts/stack/disk.js';

const GiB = 1024 ** 3;

describe('disk use as the RocketMQ broker sees it', () => {
  it('computes df Use%: used / (used + available), rounded up', () => {
    // 100 GiB disk, 10 GiB free for root, 5 GiB of those reserved: used 90, available 5 -> 94.7% -> 95%.
    expect(diskUsedRatio({ path: '/', totalBytes: 100 * GiB, freeBytes: 10 * GiB, availableBytes: 5 * GiB })).toBe(0.95);
    expect(diskUsedRatio({ path: '/', totalBytes: 100 * GiB, freeBytes: 78 * GiB, availableBytes: 78 * GiB })).toBe(0.22);
  });

  it('says plainly, with the df figure, that the broker refuses writes at 90%', () => {
    const message = diskUsageProblem({ path: '/work', totalBytes: 100 * GiB, freeBytes: 8 * GiB, availableBytes: 8 * GiB });
    expect(message).toContain('DISK FULL for RocketMQ');
    expect(message).toContain('/work is 92% full');
    expect(message).toContain('92.0 GiB used, 8.0 GiB available');
    expect(message).toMatch(/refuses every write at 90%/);
  });

  it('warns between 75% and 90% and is silent below', () => {
    expect(diskUsageProblem({ path: '/', totalBytes: 100 * GiB, freeBytes: 20 * GiB, availableBytes: 20 * GiB })).toMatch(/nearly full.*80%/);
    expect(diskUsageProblem({ path: '/', totalBytes: 100 * GiB, freeBytes: 30 * GiB, availableBytes: 30 * GiB })).toBeUndefined();
  });

  it('reads real figures for a path that does not exist yet (nearest existing parent)', () => {
    const figures = readDiskFigures('/tmp/does/not/exist/yet');
    expect(figures.path).toBe('/tmp');
    expect(figures.totalBytes).toBeGreaterThan(0);
    expect(diskUsedRatio(figures)).toBeGreaterThanOrEqual(0);
  });
});
