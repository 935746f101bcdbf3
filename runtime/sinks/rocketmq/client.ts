/**
 * The one place that talks to rocketmq-client-nodejs. Points at the proxy's gRPC endpoint (never
 * namesrv), passes a logger of ours (the client's default writes under ~/logs) and maps our
 * OutgoingMessage onto the client's MessageOptions.
 */
import { Producer, type ILogger, type SessionCredentials } from 'rocketmq-client-nodejs';
import type { RocketMqEndpointSpec } from '../../manifest/types.js';
import { resolveSecret } from '../../secrets.js';
import type { RemotingProducerOptions } from './remoting/producer.js';
import type { OutgoingMessage, Transport } from './sender.js';
import { startWithin } from './startup.js';

import type { Logger } from '../../log.js';

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

/** The 5.x account of the endpoint, resolved from its secret references (none: no ACL). */
export function sessionCredentials(endpoint: RocketMqEndpointSpec, context: { task: string; baseDir?: string }): SessionCredentials | undefined {
  if (!endpoint.accessKey || !endpoint.secretKey) return undefined;
  return {
    accessKey: resolveSecret(endpoint.accessKey, { task: context.task, what: 'RocketMQ access key', baseDir: context.baseDir }),
    accessSecret: resolveSecret(endpoint.secretKey, { task: context.task, what: 'RocketMQ secret key', baseDir: context.baseDir }),
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
  const credentials = sessionCredentials(endpoint, context);
  const producer = await startWithin(
    () =>
      new Producer({
        endpoints: endpoint.endpoints,
        namespace: endpoint.namespace ?? '',
        sessionCredentials: credentials,
        requestTimeout: 5000,
        maxAttempts: 3,
        topics: [...topics],
        logger: clientLogger(context.log),
      }),
    `task ${context.task}: RocketMQ producer at ${endpoint.endpoints}`,
  );
  return {
    producer,
    async send(message) {
      const receipt = await producer.send({
        topic: message.topic,
        body: message.body,
        messageGroup: message.messageGroup,
        keys: [...message.keys],
        tag: message.tag,
        properties: new Map(Object.entries(message.properties)),
      });
      return { messageId: receipt.messageId };
    },
    async close() {
      await producer.shutdown();
    },
  };
}

/** What batched delivery over remoting needs, from the endpoint (its secrets resolved here). */
export function remotingProducerOptions(endpoint: RocketMqEndpointSpec, context: { task: string; baseDir?: string }): RemotingProducerOptions {
  const credentials = sessionCredentials(endpoint, context);
  return {
    endpoint: endpoint.remotingEndpoints ?? '',
    producerGroup: endpoint.producerGroup,
    ...(endpoint.namespace ? { namespace: endpoint.namespace } : {}),
    ...(credentials ? { credentials: { accessKey: credentials.accessKey, secretKey: credentials.accessSecret } } : {}),
  };
}

/** The fix when the remoting endpoint gives no routes (precheck and sink start alike). */
export const REMOTING_ENDPOINT_FIX = "point remotingEndpoints at the name server (or a cluster-mode proxy's remoting port), or remove it to send over gRPC";

/** The sender's transport over gRPC: one message per request, a lane per message group. */
export async function openGrpcTransport(
  endpoint: RocketMqEndpointSpec,
  topics: readonly string[],
  context: { task: string; log: Logger; baseDir?: string },
): Promise<Transport> {
  const connection = await connectProducer(endpoint, topics, context);
  return {
    send: async (batch) => {
      for (const m of batch) await connection.send(m);
    },
    maxBatchMessages: 1,
    close: () => connection.close(),
  };
}

/** Producer that may look up a topic's route (protected in the client), for prechecks. */
class RouteInspectingProducer extends Producer {
  route(topic: string) {
    return this.getRouteData(topic);
  }
}

/** RocketMQ 5 proto MessageType: 1 NORMAL, 2 FIFO, 3 DELAY, 4 TRANSACTION. */
const MESSAGE_TYPE_NAMES: Record<number, string> = { 1: 'NORMAL', 2: 'FIFO', 3: 'DELAY', 4: 'TRANSACTION' };

export interface TopicInfo {
  readonly topic: string;
  readonly exists: boolean;
  /** Message types the topic's queues accept, e.g. ['FIFO']. */
  readonly messageTypes: readonly string[];
  readonly queues: number;
}

/** How long a topic the proxy says does not exist is asked again before the precheck reports it missing. */
export const TOPIC_RECHECK_MS = 60_000;

/** Looks up each topic's route through the proxy: whether it exists, its queues and message type. */
export async function inspectTopics(
  endpoint: RocketMqEndpointSpec,
  topics: readonly string[],
  context: { task: string; log: Logger; baseDir?: string; topicRecheckMs?: number },
): Promise<TopicInfo[]> {
  const credentials = sessionCredentials(endpoint, context);
  const producer = await startWithin(
    () =>
      new RouteInspectingProducer({
        endpoints: endpoint.endpoints,
        namespace: endpoint.namespace ?? '',
        sessionCredentials: credentials,
        requestTimeout: 5000,
        logger: clientLogger(context.log),
      }),
    `task ${context.task}: RocketMQ route lookup at ${endpoint.endpoints}`,
    10000,
    2,
  );
  try {
    const infos: TopicInfo[] = [];
    for (const topic of topics) {
      // A broker that has just started answers "no such topic" for about 20 s before its topics are
      // registered (measured on the local stack): a missing topic is asked again every 3 s for up to
      // TOPIC_RECHECK_MS before it is reported missing.
      const firstMiss = Date.now();
      for (;;) {
        const found = await lookUp(topic);
        if (found.exists || Date.now() - firstMiss >= (context.topicRecheckMs ?? TOPIC_RECHECK_MS)) {
          infos.push(found);
          break;
        }
        context.log.warn('topic not found; asking again (a broker that has just started registers its topics late)', { topic });
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
    return infos;
  } finally {
    await producer.shutdown();
  }

  async function lookUp(topic: string): Promise<TopicInfo> {
    try {
      const route = await producer.route(topic);
      const types = new Set<string>();
      for (const q of route.messageQueues) for (const t of q.acceptMessageTypesList) types.add(MESSAGE_TYPE_NAMES[t] ?? `TYPE_${t}`);
      return { topic, exists: !route.isEmpty(), messageTypes: [...types].sort(), queues: route.getQueueCount() };
    } catch (error) {
      if ((error as { name?: string }).name === 'NotFoundException' || /not ?found|does not exist|NOT_FOUND/i.test(String(error))) {
        return { topic, exists: false, messageTypes: [], queues: 0 };
      }
      throw error;
    }
  }
}
