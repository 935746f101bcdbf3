// Drains a topic with rocketmq-client-nodejs's SimpleConsumer on an orderly group, the way a
// DTS/Canal consumer would read it: messages in receive order, with their group and properties.
import type { MessageView } from 'rocketmq-client-nodejs';
import { createConsumerGroup, stackSimpleConsumer } from '../../scripts/stack/index.js';

export interface Received {
  readonly topic: string;
  readonly group: string | undefined;
  readonly keys: readonly string[];
  readonly properties: ReadonlyMap<string, string>;
  readonly body: Buffer;
  readonly json: () => Record<string, unknown>;
}

/** Receives until `until(received)` holds or nothing new arrived for `idleMs`. */
export async function consumeTopics(
  consumerGroup: string,
  topics: string[],
  options: { until?: (received: readonly Received[]) => boolean; idleMs?: number; timeoutMs?: number } = {},
): Promise<Received[]> {
  await createConsumerGroup(consumerGroup, { orderly: true });
  const consumer = stackSimpleConsumer(consumerGroup, topics, 2000);
  await consumer.startup();
  const received: Received[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastNew = Date.now();
  try {
    while (Date.now() < deadline) {
      if (options.until?.(received)) break;
      if (!options.until && Date.now() - lastNew > (options.idleMs ?? 5000)) break;
      const batch: MessageView[] = await consumer.receive(32, 15_000);
      for (const m of batch) {
        received.push({
          topic: m.topic,
          group: m.messageGroup,
          keys: m.keys,
          properties: m.properties,
          body: m.body,
          json: () => JSON.parse(m.body.toString('utf8')) as Record<string, unknown>,
        });
        await consumer.ack(m);
      }
      if (batch.length > 0) lastNew = Date.now();
    }
  } finally {
    await consumer.shutdown();
  }
  return received;
}
