import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from '../../../runtime/util/token-bucket.js';

describe('TokenBucket', () => {
  it('lets a burst through then paces at the rate (virtual clock)', async () => {
    let now = 0;
    const slept: number[] = [];
    const bucket = new TokenBucket(10, 10, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    for (let i = 0; i < 10; i++) await bucket.take();
    expect(now).toBe(0);
    for (let i = 0; i < 20; i++) await bucket.take();
    expect(now).toBeGreaterThanOrEqual(2000);
    expect(now).toBeLessThan(2200);
  });

  it('lets one request larger than the burst through when the bucket is full', async () => {
    let now = 0;
    const bucket = new TokenBucket(100, 100, () => now, async (ms) => void (now += ms));
    await bucket.take(500);
    expect(now).toBe(0);
    await bucket.take(50);
    expect(now).toBeGreaterThanOrEqual(4500);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0)).toThrow('rate must be > 0');
  });
});
