// Node RocketMQ client helpers: always the proxy's gRPC endpoint, always a quiet logger
// (the client's default logger writes under ~/logs).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Producer, SimpleConsumer, type ILogger, type MessageView } from 'rocketmq-client-nodejs';
import { ROCKETMQ_ENDPOINT, stackPaths } from './config.js';
import { startWithin as startClientWithin, type Startable } from '../../runtime/sinks/rocketmq/startup.js';

/** Logger for rocketmq-client-nodejs: warnings and errors go to .dts/stack/logs/rocketmq-client.log. */
export function quietRocketMqLogger(file: string = join(stackPaths().logs, 'rocketmq-client.log')): ILogger {
  const write = (level: string, args: unknown[]): void => {
    try {
      mkdirSync(stackPaths().logs, { recursive: true });
      const text = args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      appendFileSync(file, `${new Date().toISOString()} ${level} ${text}\n`);
    } catch {
      // Logging must never break a producer or consumer.
    }
  };
  return {
    info: () => {},
    debug: () => {},
    warn: (...args: unknown[]) => write('WARN', args),
    error: (...args: unknown[]) => write('ERROR', args),
    close: () => {},
  };
}

export function stackProducer(topics: string[] = []): Producer {
  return new Producer({ endpoints: ROCKETMQ_ENDPOINT, namespace: '', logger: quietRocketMqLogger(), topics, requestTimeout: 5000 });
}

export function stackSimpleConsumer(consumerGroup: string, topics: string[], awaitDuration = 3000): SimpleConsumer {
  return new SimpleConsumer({
    endpoints: ROCKETMQ_ENDPOINT,
    namespace: '',
    logger: quietRocketMqLogger(),
    consumerGroup,
    subscriptions: new Map(topics.map((t) => [t, '*'])),
    awaitDuration,
    requestTimeout: 5000,
  });
}

export type { MessageView };

/** Starts a client of the stack's proxy with a deadline (see runtime/sinks/rocketmq/startup.ts). */
export async function startWithin<T extends Startable>(create: () => T, what: string, timeoutMs = 20000, attempts = 3): Promise<T> {
  try {
    return await startClientWithin(create, what, timeoutMs, attempts);
  } catch (error) {
    throw new Error(`${(error as Error).message} (through ${ROCKETMQ_ENDPOINT}): check \`npm run stack -- status\` and .dts/stack/logs/rocketmqlogs/proxy.log`);
  }
}

/** A started producer on the stack's proxy (see startWithin). */
export function startStackProducer(topics: string[], timeoutMs?: number): Promise<Producer> {
  return startWithin(() => stackProducer(topics), `RocketMQ producer for ${topics.join(', ')}`, timeoutMs);
}

/** A started SimpleConsumer on the stack's proxy (see startWithin). */
export function startStackSimpleConsumer(consumerGroup: string, topics: string[], awaitDuration = 3000, timeoutMs?: number): Promise<SimpleConsumer> {
  return startWithin(() => stackSimpleConsumer(consumerGroup, topics, awaitDuration), `RocketMQ consumer ${consumerGroup}`, timeoutMs);
}
