import { describe, expect, it } from '@jest/globals';
import { startWithin } from '../../../../runtime/sinks/rocketmq/startup.js';

describe('startWithin', () => {
  it('gives up on a client whose startup never answers, retries with a fresh one, and returns the first that starts', async () => {
    let created = 0;
    let shutdowns = 0;
    const client = await startWithin(
      () => {
        const n = ++created;
        return {
          n,
          startup: () => (n < 3 ? new Promise<void>(() => undefined) : Promise.resolve()),
          shutdown: async () => void shutdowns++,
        };
      },
      'test client',
      30,
      3,
    );
    expect(client.n).toBe(3);
    expect(shutdowns).toBe(2);
  });

  it('names what did not start and why after the last attempt', async () => {
    await expect(
      startWithin(() => ({ startup: () => Promise.reject(new Error('UNAVAILABLE')), shutdown: async () => undefined }), 'task t: RocketMQ producer', 30, 2),
    ).rejects.toThrow('task t: RocketMQ producer did not start after 2 attempts: UNAVAILABLE');
  });
});
