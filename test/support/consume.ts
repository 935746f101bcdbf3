// Drains topics with rocketmq-client-nodejs's SimpleConsumer on an orderly group, the way a
// DTS/Canal consumer would read them: messages in receive order, with their group and properties.
import type { MessageView } from 'rocketmq-client-nodejs';
import { createConsumerGroup, startStackSimpleConsumer } from '../../scripts/stack/index.js';

export interface Received {
  /** The broker's id of the message: a redelivery (an ack after the invisible time) repeats it; a message the engine sent again does not. */
  readonly messageId?: string;
  readonly topic: string;
  readonly group: string | undefined;
  readonly keys: readonly string[];
  readonly properties: ReadonlyMap<string, string>;
  readonly body: Buffer;
  readonly json: () => Record<string, unknown>;
}

export interface DrainOptions {
  /** Stop as soon as this holds. */
  readonly until?: (received: readonly Received[]) => boolean;
  /** Without `until`: stop once nothing new arrived for this long. */
  readonly idleMs?: number;
  readonly timeoutMs?: number;
  /** Long-polling wait of one receive call. */
  readonly awaitMs?: number;
}

/** Receives (and acks) from an existing consumer group until `until` holds, it goes idle, or the timeout. */
export async function drainGroup(consumerGroup: string, topics: string[], options: DrainOptions = {}): Promise<Received[]> {
  const consumer = await startStackSimpleConsumer(consumerGroup, topics, options.awaitMs ?? 2000);
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
          messageId: m.messageId,
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

/** Creates an orderly consumer group (one mqadmin call), then drains it. */
export async function consumeTopics(consumerGroup: string, topics: string[], options: DrainOptions = {}): Promise<Received[]> {
  await createConsumerGroup(consumerGroup, { orderly: true });
  return drainGroup(consumerGroup, topics, options);
}
