// The remoting producer against the real broker (through the name server): a message group lands in
// the queue the 5.x proxy picks for it over gRPC, batches arrive whole and in order for a FIFO
// consumer on the proxy and for RocketMQ's own Java client reading over remoting, requests over the
// broker's 4 MiB are cut or sent alone, and failures name the endpoint.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RemotingProducer } from '../../../runtime/sinks/rocketmq/remoting/producer.js';
import { Property, batchEntry, encodeProperties } from '../../../runtime/sinks/rocketmq/remoting/protocol.js';
import { queueOfGroup, type WriteQueue } from '../../../runtime/sinks/rocketmq/remoting/route.js';
import { openRemotingTransport } from '../../../runtime/sinks/rocketmq/remoting/transport.js';
import type { OutgoingMessage } from '../../../runtime/sinks/rocketmq/sender.js';
import { consumeTopics } from '../../support/consume.js';
import { ROCKETMQ_REMOTING_ENDPOINT, consumeOverRemoting, createTopic, deleteTopic, startStackProducer, uniqueName } from '../../support/stack.js';

const entry = (group: string, text: string, keys: string[] = []) =>
  batchEntry(Buffer.from(text), encodeProperties(new Map([[Property.SHARDING_KEY, group], [Property.KEYS, keys.join(' ')], ['dts_seq', text]])));
const header = (group: string) => encodeProperties(new Map([[Property.SHARDING_KEY, group]]));

describe('remoting producer (real broker, name server route)', () => {
  const topics: string[] = [];
  let producer: RemotingProducer;
  const newTopic = async () => {
    const t = uniqueName('remoting');
    await createTopic(t, { fifo: true });
    topics.push(t);
    return t;
  };

  beforeAll(() => {
    producer = new RemotingProducer({ endpoint: ROCKETMQ_REMOTING_ENDPOINT, producerGroup: 'dts-producer-group' });
  });
  afterAll(async () => {
    producer.close();
    for (const t of topics) await deleteTopic(t).catch(() => undefined);
  });

  it('puts a message group in the queue the proxy picks for it over gRPC', async () => {
    const topic = await newTopic();
    const groups = Array.from({ length: 24 }, (_, i) => (i < 16 ? `dts-bucket-${i}` : `shop.orders_${i}`));
    const grpc = await startStackProducer([topic]);
    try {
      for (const g of groups) await grpc.send({ topic, body: Buffer.from(`grpc:${g}`), messageGroup: g });
    } finally {
      await grpc.shutdown();
    }
    const queues = await producer.writeQueues(topic);
    expect(queues).toHaveLength(8);
    for (const g of groups) await producer.sendBatch(topic, queueOfGroup(g, queues), [entry(g, `remoting:${g}`)], header(g));
    const read = await consumeOverRemoting(topic, groups.length * 2);
    const queueOf = new Map<string, Set<number>>();
    for (const m of read) queueOf.set(m.messageGroup!, (queueOf.get(m.messageGroup!) ?? new Set()).add(m.queueId));
    expect(read).toHaveLength(groups.length * 2);
    for (const g of groups) expect({ g, queues: [...(queueOf.get(g) ?? [])] }).toEqual({ g, queues: [queueOfGroup(g, queues).queueId] });
    // The groups spread over the queues (not all in one).
    expect(new Set(groups.map((g) => queueOfGroup(g, queues).queueId)).size).toBeGreaterThan(4);
  });

  it('delivers batches whole and in order to a FIFO consumer on the proxy and to a remoting consumer', async () => {
    const topic = await newTopic();
    const queues = await producer.writeQueues(topic);
    const groups = ['g-a', 'g-b', 'g-c'];
    // Three groups interleaved, in batches of 7, each batch to its group's queue.
    const sent = new Map<string, string[]>(groups.map((g) => [g, []]));
    for (let b = 0; b < 6; b++) {
      const g = groups[b % 3]!;
      const texts = Array.from({ length: 7 }, (_, i) => `${g}#${b * 7 + i}`);
      sent.get(g)!.push(...texts);
      await producer.sendBatch(topic, queueOfGroup(g, queues), texts.map((t) => entry(g, t, [t, `k ${t}`.replace(' ', '_')])), header(g));
    }
    const viaProxy = await consumeTopics(uniqueName('remoting_fifo'), [topic], { until: (r) => r.length >= 42, timeoutMs: 60_000 });
    const viaRemoting = await consumeOverRemoting(topic, 42);
    for (const g of groups) {
      expect(viaProxy.filter((m) => m.group === g).map((m) => m.body.toString())).toEqual(sent.get(g));
      expect(viaRemoting.filter((m) => m.messageGroup === g).map((m) => m.body.toString())).toEqual(sent.get(g));
    }
    const first = viaProxy.find((m) => m.body.toString() === 'g-a#0')!;
    expect([...first.keys]).toEqual(['g-a#0', 'k_g-a#0']);
    expect(first.properties.get('dts_seq')).toBe('g-a#0');
  });

  it("gives every message of a batch the batch's properties (why a batch holds one message group)", async () => {
    const topic = await newTopic();
    const queues = await producer.writeQueues(topic);
    await producer.sendBatch(topic, queues[0]!, ['g1', 'g2', 'g3'].map((g) => entry(g, `${g}-body`)), header('g1'));
    const read = await consumeOverRemoting(topic, 3);
    expect(read.map((m) => `${m.body.toString()} ${m.messageGroup}`)).toEqual(['g1-body g1', 'g2-body g1', 'g3-body g1']);
  });

  it('cuts a batch over 4 MiB into requests and sends a near-4 MiB message alone, in order', async () => {
    const topic = await newTopic();
    const transport = await openRemotingTransport({ endpoint: ROCKETMQ_REMOTING_ENDPOINT, producerGroup: 'dts-producer-group' }, [topic]);
    const message = (n: number, bytes: number): OutgoingMessage => ({
      topic,
      messageGroup: 'big',
      body: Buffer.alloc(bytes, 48 + (n % 10)),
      keys: [String(n)],
      properties: { n: String(n) },
      rows: 1,
    });
    const MiB = 1024 * 1024;
    try {
      // 1.5 + 1.5 + 1.5 MiB does not fit one request; 4 MiB - 64 bytes fits no batch with its properties.
      await transport.send([message(0, 1.5 * MiB), message(1, 1.5 * MiB), message(2, 1.5 * MiB), message(3, 4 * MiB - 64), message(4, 10)]);
    } finally {
      await transport.close();
    }
    const read = await consumeOverRemoting(topic, 5);
    expect(read.map((m) => [m.keys, m.body.length])).toEqual([
      ['0', 1.5 * MiB],
      ['1', 1.5 * MiB],
      ['2', 1.5 * MiB],
      ['3', 4 * MiB - 64],
      ['4', 10],
    ]);
    expect(new Set(read.map((m) => m.queueId)).size).toBe(1);
  });

  it('names the endpoint and the fix when a topic is missing or nothing listens', async () => {
    await expect(producer.writeQueues(uniqueName('no_such_topic'))).rejects.toThrow(/does not exist at 127\.0\.0\.1:\d+: create it/);
    const nowhere = new RemotingProducer({ endpoint: '127.0.0.1:1', producerGroup: 'g', requestTimeoutMs: 2000 });
    try {
      await expect(nowhere.writeQueues('t')).rejects.toThrow(/cannot connect to 127\.0\.0\.1:1/);
    } finally {
      nowhere.close();
    }
    const queue: WriteQueue = { brokerName: 'broker-a', queueId: 0, address: '127.0.0.1:1' };
    await expect(producer.sendBatch('t', queue, [entry('g', 'x')], header('g'))).rejects.toThrow(/cannot connect to 127\.0\.0\.1:1/);
  });
});
