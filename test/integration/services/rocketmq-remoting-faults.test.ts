// The remoting transport against the real broker in trouble: its JVM paused (SIGSTOP) while a batch is
// on its way. The request times out at the engine; once the JVM runs again it reads the request and
// stores the batch anyway; the engine's retry stores it a second time. A consumer (RocketMQ's own Java
// client over remoting) then sees every message, and each duplicate with the msgId of its original,
// so it can dedupe (UNIQ_KEY kept across retries, as the Java producer keeps it).
import { afterAll, describe, expect, it } from '@jest/globals';
import { proxyPid } from '../../../scripts/stack/rocketmq.js';
import { stackPaths } from '../../../scripts/stack/config.js';
import { openRemotingTransport } from '../../../runtime/sinks/rocketmq/remoting/transport.js';
import type { OutgoingMessage } from '../../../runtime/sinks/rocketmq/sender.js';
import { ROCKETMQ_REMOTING_ENDPOINT, consumeOverRemoting, createTopic, deleteTopic, uniqueName } from '../../support/stack.js';

describe('remoting: a batch stored after its request timed out (real broker, JVM paused)', () => {
  const topics: string[] = [];
  afterAll(async () => {
    for (const t of topics) await deleteTopic(t).catch(() => undefined);
  });

  it('comes back with the same message ids, so the duplicates dedupe', async () => {
    const topic = uniqueName('remoting-pause');
    await createTopic(topic, { fifo: true });
    topics.push(topic);
    const transport = await openRemotingTransport({ endpoint: ROCKETMQ_REMOTING_ENDPOINT, producerGroup: 'dts-producer-group', requestTimeoutMs: 2000 }, [topic]);
    const pid = proxyPid(stackPaths());
    expect(pid).toBeDefined();
    const batch: OutgoingMessage[] = Array.from({ length: 5 }, (_, i) => ({ topic, messageGroup: 'g-pause', body: Buffer.from(`m${i}`), keys: [`k${i}`], properties: {}, rows: 1 }));
    try {
      await transport.send([{ ...batch[0]!, body: Buffer.from('warm-up'), keys: ['warm'] }]); // connected, route read
      process.kill(pid!, 'SIGSTOP');
      let timedOut: unknown;
      try {
        timedOut = await transport.send(batch).then(() => undefined, (e: unknown) => e);
      } finally {
        process.kill(pid!, 'SIGCONT');
      }
      expect(String(timedOut)).toMatch(/no answer from .* within 2000 ms/);
      await new Promise((r) => setTimeout(r, 2000)); // the broker reads the waiting request and stores it
      await transport.send(batch); // the engine's retry
    } finally {
      await transport.close();
    }
    const read = (await consumeOverRemoting(topic, 11)).filter((m) => m.keys !== 'warm');
    const byKey = new Map<string, Set<string>>();
    for (const m of read) byKey.set(m.keys!, (byKey.get(m.keys!) ?? new Set()).add(m.msgId!));
    // Stored twice (the timed-out request and its retry) ...
    expect(read).toHaveLength(10);
    // ... and each message's two copies carry one msgId; the five messages have five.
    expect([...byKey.keys()].sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    for (const [key, ids] of byKey) expect({ key, ids: ids.size }).toEqual({ key, ids: 1 });
    expect(new Set(read.map((m) => m.msgId)).size).toBe(5);
  }, 120_000);
});
