/**
 * Destination prechecks of a MySQL -> RocketMQ task: every topic the task writes (the default topic,
 * per-object topics, the DDL topic) exists on the instance and is FIFO ("Ordered Message" on 5.x,
 * "Partitionally Ordered" on 4.x), as the seed document requires; with remotingEndpoints, that
 * endpoint gives every topic's write queues (batched delivery needs them at start).
 */
import type { RocketMqEndpointSpec, TaskSpec } from '../../manifest/types.js';
import type { Logger } from '../../log.js';
import type { SinkPrecheck } from '../sink.js';
import { REMOTING_ENDPOINT_FIX, inspectTopics, remotingProducerOptions } from './client.js';
import { RemotingError } from './remoting/connection.js';
import { RemotingProducer } from './remoting/producer.js';

/** The Sink interface's precheck result (one shape for both sinks, the retry hint included). */
export type SinkPrecheckResult = SinkPrecheck;

/** Every topic a task can write to, default first. */
export function topicsOf(task: TaskSpec, endpoint: RocketMqEndpointSpec): string[] {
  const topics = new Set<string>([endpoint.topic]);
  for (const o of task.objects) if (o.topic) topics.add(o.topic);
  if (endpoint.ddlTopic) topics.add(endpoint.ddlTopic);
  return [...topics];
}

export async function rocketMqPrechecks(
  task: TaskSpec,
  context: { log: Logger; baseDir?: string; topicRecheckMs?: number },
): Promise<SinkPrecheckResult[]> {
  const endpoint = task.destination;
  if (endpoint.engine !== 'rocketmq') return [];
  const topics = topicsOf(task, endpoint);
  let infos;
  try {
    infos = await inspectTopics(endpoint, topics, { task: task.name, log: context.log, baseDir: context.baseDir, ...(context.topicRecheckMs !== undefined ? { topicRecheckMs: context.topicRecheckMs } : {}) });
  } catch (error) {
    return [
      {
        id: 'rocketmq-connectivity',
        status: 'fail',
        message: `task ${task.name}: cannot reach RocketMQ at ${endpoint.endpoints} (${(error as Error).message})`,
        fix: 'check that endpoints points at the proxy gRPC port (not namesrv), that the instance runs, and the account credentials',
        retry: 'connection',
      },
    ];
  }
  const results: SinkPrecheckResult[] = [
    {
      id: 'rocketmq-connectivity',
      status: 'pass',
      // Said where users look: rocketmq-client-nodejs offers TLS only with the system's CAs, and the
      // remoting producer speaks plain TCP (README, "Encryption in transit").
      message: `task ${task.name}: RocketMQ at ${endpoint.endpoints} answers (not encrypted: the engine's RocketMQ connections are plain TCP; keep the engine and the instance in one VPC)`,
    },
  ];
  for (const info of infos) {
    const role = info.topic === endpoint.ddlTopic ? 'DDL topic' : 'topic';
    if (!info.exists) {
      results.push({
        id: 'rocketmq-topic-exists',
        status: 'fail',
        message: `task ${task.name}: ${role} ${info.topic} does not exist on ${endpoint.endpoints}`,
        fix: `create topic ${info.topic} as an ordered (FIFO) topic, e.g. declare it with RocketMqTopic({ ordered: true }) and deploy`,
      });
    } else if (!info.messageTypes.includes('FIFO')) {
      results.push({
        id: 'rocketmq-topic-fifo',
        status: 'fail',
        message: `task ${task.name}: ${role} ${info.topic} accepts ${info.messageTypes.join('/') || 'no'} messages, not FIFO`,
        fix: `recreate ${info.topic} with message type FIFO (5.x "Ordered Message", 4.x "Partitionally Ordered Message")`,
      });
    } else {
      results.push({
        id: 'rocketmq-topic-fifo',
        status: 'pass',
        message: `task ${task.name}: ${role} ${info.topic} exists and is FIFO (${info.queues} queues)`,
      });
    }
  }
  if (endpoint.remotingEndpoints && infos.every((i) => i.exists)) results.push(await remotingPrecheck(task, endpoint, topics, context.baseDir));
  return results;
}

/** The remoting endpoint gives every topic's write queues (what batched delivery needs at start). */
async function remotingPrecheck(task: TaskSpec, endpoint: RocketMqEndpointSpec, topics: readonly string[], baseDir?: string): Promise<SinkPrecheckResult> {
  const producer = new RemotingProducer(remotingProducerOptions(endpoint, { task: task.name, baseDir }));
  try {
    const queues: number[] = [];
    for (const topic of topics) queues.push((await producer.writeQueues(topic)).length);
    return {
      id: 'rocketmq-remoting',
      status: 'pass',
      message: `task ${task.name}: remoting endpoint ${endpoint.remotingEndpoints} gives the write queues of ${topics.join(', ')} (${queues.join(', ')})`,
    };
  } catch (error) {
    return {
      id: 'rocketmq-remoting',
      status: 'fail',
      message: `task ${task.name}: remoting endpoint ${endpoint.remotingEndpoints} did not give the routes of ${topics.join(', ')}: ${(error as Error).message}`,
      fix: REMOTING_ENDPOINT_FIX,
      ...(error instanceof RemotingError && error.responseCode === undefined ? { retry: 'connection' as const } : {}),
    };
  } finally {
    producer.close();
  }
}
