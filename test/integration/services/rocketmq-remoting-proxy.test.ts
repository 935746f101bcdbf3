// The remoting producer through a real 5.x proxy in cluster mode (what ApsaraMQ 5.x and most 5.x
// deployments run in front of the brokers; the stack's own proxy is in local mode, which relays no
// remoting sends): the proxy answers routes with its own address and relays each batch to the broker
// it names, FIFO type check included; consumers on the stack's gRPC proxy see each group in order.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startClusterProxy, type ClusterProxy } from '../../../scripts/stack/cluster-proxy.js';
import { openRemotingTransport } from '../../../runtime/sinks/rocketmq/remoting/transport.js';
import type { OutgoingMessage } from '../../../runtime/sinks/rocketmq/sender.js';
import { RemotingProducer } from '../../../runtime/sinks/rocketmq/remoting/producer.js';
import { consumeTopics } from '../../support/consume.js';
import { consumeOverRemoting, createTopic, deleteTopic, uniqueName } from '../../support/stack.js';

describe('remoting producer through a cluster-mode proxy (real proxy and broker)', () => {
  const topic = uniqueName('via_proxy');
  let proxy: ClusterProxy;

  beforeAll(async () => {
    await createTopic(topic, { fifo: true });
    proxy = await startClusterProxy();
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('routes through the proxy and relays batches per group, in order, to FIFO consumers', async () => {
    const producer = new RemotingProducer({ endpoint: proxy.remoting, producerGroup: 'dts-producer-group' });
    let queues;
    try {
      // A just-started proxy may not know the topic for a few seconds.
      for (let i = 0; ; i++) {
        try {
          queues = await producer.writeQueues(topic);
          break;
        } catch (error) {
          if (i > 30) throw error;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    } finally {
      producer.close();
    }
    expect(queues).toHaveLength(8);
    expect(new Set(queues.map((q) => q.address))).toEqual(new Set([proxy.remoting]));

    const transport = await openRemotingTransport({ endpoint: proxy.remoting, producerGroup: 'dts-producer-group' }, [topic]);
    const groups = ['dts-bucket-0', 'dts-bucket-1', 'dts-bucket-2', 'dts-bucket-3'];
    const sent = new Map<string, string[]>(groups.map((g) => [g, []]));
    const message = (group: string, n: number): OutgoingMessage => ({ topic, messageGroup: group, body: Buffer.from(`${group}#${n}`), keys: [String(n)], properties: { n: String(n) }, rows: 1 });
    try {
      for (let round = 0; round < 5; round++) {
        for (const g of groups) {
          const batch = Array.from({ length: 10 }, (_, i) => message(g, round * 10 + i));
          sent.get(g)!.push(...batch.map((m) => m.body.toString()));
          await transport.send(batch);
        }
      }
    } finally {
      await transport.close();
    }
    const viaGrpc = await consumeTopics(uniqueName('via_proxy_fifo'), [topic], { until: (r) => r.length >= 200, timeoutMs: 60_000 });
    const viaRemoting = await consumeOverRemoting(topic, 200);
    for (const g of groups) {
      expect(viaGrpc.filter((m) => m.group === g).map((m) => m.body.toString())).toEqual(sent.get(g));
      expect(viaRemoting.filter((m) => m.messageGroup === g).map((m) => m.body.toString())).toEqual(sent.get(g));
    }
    expect(viaGrpc.find((m) => m.body.toString() === 'dts-bucket-2#7')!.properties.get('n')).toBe('7');
  }, 120_000);
});
