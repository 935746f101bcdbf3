// Service proof: the local RocketMQ keeps FIFO order per messageGroup end to end through the proxy,
// when the topic carries message.type=FIFO and the consumer group is orderly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import {
  createConsumerGroup,
  createTopic,
  deleteConsumerGroup,
  deleteTopic,
  startStackProducer,
  startStackSimpleConsumer,
  topicExists,
  topicRoute,
  uniqueName,
} from '../../support/stack.js';

const GROUPS = ['order-1001', 'order-2002'] as const;
const PER_GROUP = 15;

interface Received {
  group: string;
  seq: number;
  messageGroup?: string;
}

describe('RocketMQ FIFO topic through the proxy (rocketmq-client-nodejs)', () => {
  const topic = uniqueName('fifo_proof');
  const normalTopic = uniqueName('normal_proof');
  const consumerGroup = uniqueName('fifo_proof_group');
  let producer: Producer;
  let consumer: SimpleConsumer;

  beforeAll(async () => {
    await Promise.all([
      createTopic(topic, { fifo: true, queues: 4 }),
      createTopic(normalTopic, { fifo: false, queues: 2 }),
      createConsumerGroup(consumerGroup, { orderly: true }),
    ]);
    producer = await startStackProducer([topic, normalTopic]);
    consumer = await startStackSimpleConsumer(consumerGroup, [topic], 2000);
  });

  afterAll(async () => {
    await Promise.allSettled([consumer?.shutdown(), producer?.shutdown()]);
    await Promise.allSettled([deleteTopic(topic), deleteTopic(normalTopic), deleteConsumerGroup(consumerGroup)]);
  });

  it('admin helpers create the topic with the asked number of queues on the stack broker', async () => {
    const route = await topicRoute(topic);
    expect(route?.queueDatas).toHaveLength(1);
    expect(route?.queueDatas[0]).toMatchObject({ readQueueNums: 4, writeQueueNums: 4 });
    expect(Object.values(route?.brokerDatas[0]?.brokerAddrs ?? {})).toEqual(['127.0.0.1:30911']);
    expect(await topicExists(uniqueName('never_created'))).toBe(false);
  });

  it('keeps per-messageGroup order and delivers every message', async () => {
    const received: Received[] = [];
    let receiving = true;
    const receiveErrors: Error[] = [];
    const receiveLoop = (async () => {
      while (receiving) {
        try {
          const messages = await consumer.receive(16, 15000);
          for (const message of messages) {
            const body = JSON.parse(message.body.toString()) as { group: string; seq: number };
            received.push({ ...body, messageGroup: message.messageGroup });
            await consumer.ack(message);
          }
          if (received.length >= GROUPS.length * PER_GROUP) receiving = false;
        } catch (error) {
          receiveErrors.push(error as Error);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();

    // Sends of one group are awaited one by one (that is what makes them ordered); groups run in parallel.
    await Promise.all(
      GROUPS.map(async (group) => {
        for (let seq = 0; seq < PER_GROUP; seq++) {
          const receipt = await producer.send({
            topic,
            body: Buffer.from(JSON.stringify({ group, seq })),
            messageGroup: group,
            keys: [`${group}-${seq}`],
          });
          expect(receipt.messageId).toBeTruthy();
        }
      }),
    );

    const deadline = Date.now() + 60000;
    while (receiving && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    receiving = false;
    await receiveLoop;

    expect(received).toHaveLength(GROUPS.length * PER_GROUP);
    for (const group of GROUPS) {
      const ofGroup = received.filter((r) => r.group === group);
      expect(ofGroup.map((r) => r.seq)).toEqual([...Array(PER_GROUP).keys()]);
      expect(ofGroup.every((r) => r.messageGroup === group)).toBe(true);
    }
    // Transient receive errors are tolerated only if nothing was lost (checked above).
    expect(receiveErrors.filter((e) => !/timeout|DEADLINE|not found/i.test(e.message))).toEqual([]);
  });

  it('refuses a messageGroup message on a topic without message.type=FIFO', async () => {
    await expect(
      producer.send({ topic: normalTopic, body: Buffer.from('x'), messageGroup: 'order-1' }),
    ).rejects.toThrow();
  });
});
