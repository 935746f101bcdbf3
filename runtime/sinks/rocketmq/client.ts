/**
 * The one place that talks to rocketmq-client-nodejs. Points at the proxy's gRPC endpoint (never
 * namesrv), passes a logger of ours (the client's default writes under ~/logs) and maps our
 * OutgoingMessage onto the client's MessageOptions.
 */
import { Producer, type ILogger } from 'rocketmq-client-nodejs';
import type { RocketMqEndpointSpec } from '../../manifest/types.js';
import { resolveSecret } from '../../secrets.js';
import type { OutgoingMessage } from './sender.js';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Adapts our logger to the client's printf-style one; its debug/info chatter is dropped. */
export function clientLogger(log: Logger): ILogger {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    info: () => undefined,
    debug: () => undefined,
    warn: (...args: unknown[]) => log.warn(`rocketmq client: ${text(args)}`),
    error: (...args: unknown[]) => log.error(`rocketmq client: ${text(args)}`),
  };
}

export interface RocketMqConnection {
  readonly producer: Producer;
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

export async function connectProducer(
  endpoint: RocketMqEndpointSpec,
  topics: readonly string[],
  context: { task: string; log: Logger; baseDir?: string },
): Promise<RocketMqConnection> {
  const credentials =
    endpoint.accessKey && endpoint.secretKey
      ? {
          accessKey: resolveSecret(endpoint.accessKey, { task: context.task, what: 'RocketMQ access key', baseDir: context.baseDir }),
          accessSecret: resolveSecret(endpoint.secretKey, { task: context.task, what: 'RocketMQ secret key', baseDir: context.baseDir }),
        }
      : undefined;
  const producer = new Producer({
    endpoints: endpoint.endpoints,
    namespace: endpoint.namespace ?? '',
    sessionCredentials: credentials,
    requestTimeout: 5000,
    maxAttempts: 3,
    topics: [...topics],
    logger: clientLogger(context.log),
  });
  await producer.startup();
  return {
    producer,
    async send(message) {
      const receipt = await producer.send({
        topic: message.topic,
        body: message.body,
        messageGroup: message.messageGroup,
        keys: [...message.keys],
        tag: message.tag,
        properties: new Map(message.properties),
      });
      return { messageId: receipt.messageId };
    },
    async close() {
      await producer.shutdown();
    },
  };
}
