import { describe, expect, it } from '@jest/globals';
import { OrderedSender, type OutgoingMessage, type RetryPolicy } from '../../../../runtime/sinks/rocketmq/sender.js';

const message = (group: string, n: number): OutgoingMessage => ({
  topic: 't',
  messageGroup: group,
  body: Buffer.from(`${group}:${n}`),
  keys: [String(n)],
  properties: {},
  rows: 1,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noRetry: RetryPolicy = (error) => ({ fail: error instanceof Error ? error : new Error(String(error)) });

describe('OrderedSender', () => {
  it('keeps per-group order while groups overlap, within the window', async () => {
    const received = new Map<string, number[]>();
    const inGroup = new Set<string>();
    let inFlight = 0;
    let maxInFlight = 0;
    let overlappedGroups = false;
    const sender = new OrderedSender({
      window: 4,
      retry: noRetry,
      send: async ([m]) => {
        if (inGroup.has(m.messageGroup)) throw new Error(`two sends of group ${m.messageGroup} overlap`);
        inGroup.add(m.messageGroup);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (inFlight > 1) overlappedGroups = true;
        await sleep(Math.random() * 3);
        const [g, n] = m.body.toString().split(':');
        received.set(g!, [...(received.get(g!) ?? []), Number(n)]);
        inFlight--;
        inGroup.delete(m.messageGroup);
      },
    });
    for (let i = 0; i < 200; i++) await sender.enqueue(message(`g${i % 7}`, i));
    await sender.drain();
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(overlappedGroups).toBe(true);
    for (let g = 0; g < 7; g++) {
      const expected = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 7 === g);
      expect(received.get(`g${g}`)).toEqual(expected);
    }
    expect(sender.ackedThrough()).toBe(199);
  });

  it('reports acknowledgement only up to the first unacknowledged message', async () => {
    const release = new Map<string, () => void>();
    const sender = new OrderedSender({
      retry: noRetry,
      send: ([m]) => new Promise<void>((resolve) => release.set(m.body.toString(), resolve)),
    });
    await sender.enqueue(message('a', 0));
    await sender.enqueue(message('b', 1));
    await sender.enqueue(message('c', 2));
    expect(sender.ackedThrough()).toBe(-1);
    release.get('b:1')!();
    release.get('c:2')!();
    await sleep(1);
    expect(sender.ackedThrough()).toBe(-1);
    release.get('a:0')!();
    await sleep(1);
    expect(sender.ackedThrough()).toBe(2);
  });

  /** Three messages fit, the fourth waits until the broker answers; then everything is acknowledged. */
  async function expectFourthWaits(options: { maxBuffered?: number; maxBufferedBytes?: number }, make: (n: number) => OutgoingMessage): Promise<void> {
    let releaseAll: () => void = () => undefined;
    const gate = new Promise<void>((r) => (releaseAll = r));
    const sender = new OrderedSender({ ...options, retry: noRetry, send: () => gate });
    for (let i = 0; i < 3; i++) await sender.enqueue(make(i));
    let fourthQueued = false;
    const fourth = sender.enqueue(make(3)).then(() => (fourthQueued = true));
    await sleep(5);
    expect(fourthQueued).toBe(false);
    expect(sender.bufferedCount()).toBe(3);
    releaseAll();
    await fourth;
    await sender.drain();
    expect(sender.ackedThrough()).toBe(3);
  }

  it('blocks enqueue when the buffer is full (backpressure)', async () => {
    await expectFourthWaits({ maxBuffered: 3 }, (n) => message('g', n));
  });

  it('blocks enqueue when the buffered bodies pass maxBufferedBytes (issue 10: bounded by bytes, not only count)', async () => {
    await expectFourthWaits({ maxBuffered: 4096, maxBufferedBytes: 3 * 1024 * 1024 }, (n) => ({ ...message(`g${n}`, n), body: Buffer.alloc(1024 * 1024) }));
  });

  it('takes one message larger than maxBufferedBytes when nothing else waits', async () => {
    const sender = new OrderedSender({ maxBufferedBytes: 1024, retry: noRetry, send: async () => undefined });
    await sender.enqueue({ ...message('g', 0), body: Buffer.alloc(4096) });
    await sender.drain();
    expect(sender.ackedThrough()).toBe(0);
  });

  it('retries a failed send in place, keeping the group order', async () => {
    const sent: string[] = [];
    let failures = 2;
    const sender = new OrderedSender({
      retry: (_e, attempt) => (attempt < 5 ? { retryAfterMs: 1 } : { fail: new Error('gave up') }),
      send: async ([m]) => {
        if (m.body.toString() === 'g:1' && failures-- > 0) throw new Error('UNAVAILABLE');
        sent.push(m.body.toString());
      },
    });
    for (let i = 0; i < 4; i++) await sender.enqueue(message('g', i));
    await sender.drain();
    expect(sent).toEqual(['g:0', 'g:1', 'g:2', 'g:3']);
  });

  it('fails, and stops accepting messages, once the retry policy gives up', async () => {
    const sender = new OrderedSender({
      retry: (e, attempt) => (attempt < 3 ? { retryAfterMs: 1 } : { fail: new Error(`task t: broker refused message: ${String(e)}`) }),
      send: async () => {
        throw new Error('disk full');
      },
    });
    await sender.enqueue(message('g', 0));
    await expect(sender.drain()).rejects.toThrow('broker refused message: Error: disk full');
    await expect(sender.enqueue(message('g', 1))).rejects.toThrow('broker refused');
    expect(sender.ackedThrough()).toBe(-1);
  });

  it('stops retrying once aborted (a sink closed while a send was failing must not keep the process alive)', async () => {
    let calls = 0;
    const sender = new OrderedSender({
      retry: () => ({ retryAfterMs: 20 }), // retries forever, as within a long retry window
      send: async () => {
        calls++;
        throw new Error('remoting: connection closed');
      },
    });
    await sender.enqueue(message('g', 0));
    const drained = sender.drain();
    await sleep(50);
    sender.abort(new Error('task t: sink closed'));
    await expect(drained).rejects.toThrow('sink closed');
    const after = calls;
    await sleep(80);
    expect(calls).toBe(after);
    await expect(sender.enqueue(message('g', 1))).rejects.toThrow('sink closed');
  });

  it('sends a lane in batches, in order, one request at a time, within the batch limits', async () => {
    const requests: string[][] = [];
    const busy = new Set<string>();
    const lane = (m: OutgoingMessage) => (m.messageGroup < 'g3' ? 'queue-0' : 'queue-1');
    let release: () => void = () => undefined;
    let gate = new Promise<void>((r) => (release = r));
    const sender = new OrderedSender({
      retry: noRetry,
      laneOf: lane,
      maxBatchMessages: 4,
      maxBatchBytes: 20,
      send: async (batch) => {
        const l = lane(batch[0]!);
        if (busy.has(l)) throw new Error(`two requests of ${l} overlap`);
        if (batch.some((m) => lane(m) !== l)) throw new Error('a batch mixes lanes');
        busy.add(l);
        await gate;
        busy.delete(l);
        requests.push(batch.map((m) => m.body.toString()));
      },
    });
    // queue-0: g0, g1, g2 interleaved (4-byte bodies: 5 fit in 20 bytes, the count caps at 4).
    for (let i = 0; i < 10; i++) await sender.enqueue(message(`g${i % 3}`, i));
    await sender.enqueue({ ...message('g5', 10), body: Buffer.alloc(50) });
    await sender.enqueue(message('g5', 11));
    await sleep(5);
    release();
    for (let round = 0; round < 10; round++) {
      gate = new Promise<void>((r) => (release = r));
      release();
      await sleep(2);
    }
    await sender.drain();
    const queue0 = requests.filter((r) => r[0]!.startsWith('g0') || r[0]!.startsWith('g1') || r[0]!.startsWith('g2'));
    expect(queue0).toEqual([
      ['g0:0'],
      ['g1:1', 'g2:2', 'g0:3', 'g1:4'],
      ['g2:5', 'g0:6', 'g1:7', 'g2:8'],
      ['g0:9'],
    ]);
    // A 50-byte body over the 20-byte limit still goes, alone.
    expect(requests.filter((r) => r.some((b) => !b.startsWith('g0') && !b.startsWith('g1') && !b.startsWith('g2')))).toHaveLength(2);
    expect(sender.ackedThrough()).toBe(11);
  });
});

describe('throttledBatch', () => {
  it('caps a batch at one second of each throttle, and leaves it alone without one', async () => {
    const { throttledBatch } = await import('../../../../runtime/sinks/rocketmq/sink.js');
    const transport = { maxBatchMessages: 1024, maxBatchBytes: 1024 * 1024 };
    expect(throttledBatch(transport, {})).toEqual({ maxBatchMessages: 1024, maxBatchBytes: 1024 * 1024 });
    expect(throttledBatch(transport, { tpsLimit: 150 })).toEqual({ maxBatchMessages: 150, maxBatchBytes: 1024 * 1024 });
    expect(throttledBatch(transport, { tpsLimit: 5000, rps: 300 })).toEqual({ maxBatchMessages: 300, maxBatchBytes: 1024 * 1024 });
    expect(throttledBatch(transport, { mbps: 0.5 })).toEqual({ maxBatchMessages: 1024, maxBatchBytes: 524288 });
    expect(throttledBatch({ maxBatchMessages: 1 }, { tpsLimit: 150 })).toEqual({ maxBatchMessages: 1 });
    expect(throttledBatch(transport, { tpsLimit: 0.5 })).toEqual({ maxBatchMessages: 1, maxBatchBytes: 1024 * 1024 });
  });
});
