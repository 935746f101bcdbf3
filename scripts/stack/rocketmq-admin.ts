// RocketMQ administration through mqadmin (org.apache.rocketmq.tools.command.MQAdminStartup).
// Each call starts a short JVM (~1-3 s); fine for tests and setup, not for hot paths.
import { execFile } from 'node:child_process';
import { NAMESRV_ADDR, ROCKETMQ_CLUSTER, stackPaths } from './config.js';
import { RemotingProducer } from '../../runtime/sinks/rocketmq/remoting/producer.js';
import { javaBinary } from './java.js';
import { mqadminCommand } from './rocketmq-config.js';

export interface MqAdminResult {
  ok: boolean;
  output: string;
}

export function runMqAdmin(subcommand: readonly string[], timeoutMs = 60000): Promise<MqAdminResult> {
  const paths = stackPaths();
  return new Promise((resolve) => {
    execFile(
      javaBinary(),
      mqadminCommand(paths, subcommand),
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ROCKETMQ_HOME: paths.rocketmq.home } },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        // mqadmin prints "... command failed" and a stack trace but may still exit 0.
        const failed = error !== null || /command failed|Exception/.test(output);
        resolve({ ok: !failed, output });
      },
    );
  });
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => /Exception|failed|error/i.test(l)) ?? text.split('\n')[0] ?? '';
}

export interface CreateTopicOptions {
  /** FIFO topics carry the attribute message.type=FIFO; only they accept messages with a messageGroup. */
  fifo: boolean;
  /** Read and write queues (default 8). */
  queues?: number;
}

/**
 * Waits until the name server gives the topic's route with `queues` write queues: mqadmin returns once
 * the broker made the topic, the broker registers it with the name server after that, and a client
 * started in between was left without settings (a flake in CI: "no settings from the proxy").
 */
async function awaitRoute(name: string, queues: number, timeoutMs = 30_000): Promise<void> {
  const producer = new RemotingProducer({ endpoint: NAMESRV_ADDR, producerGroup: 'dts-stack-admin', requestTimeoutMs: 3000 });
  const deadline = Date.now() + timeoutMs;
  let last = '';
  try {
    while (Date.now() < deadline) {
      try {
        const found = await producer.writeQueues(name);
        if (found.length === queues) return;
        last = `${found.length} write queues`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    producer.close();
  }
  throw new Error(`stack: RocketMQ topic ${name} was created but the name server has no route with ${queues} write queues after ${timeoutMs} ms (${last})`);
}

/** Creates or updates a topic on the stack's broker (idempotent); resolves once its route is served. */
export async function createTopic(name: string, options: CreateTopicOptions): Promise<void> {
  const queues = options.queues ?? 8;
  const args = ['updateTopic', '-n', NAMESRV_ADDR, '-c', ROCKETMQ_CLUSTER, '-t', name, '-r', String(queues), '-w', String(queues)];
  args.push('-a', options.fifo ? '+message.type=FIFO' : '+message.type=NORMAL');
  const result = await runMqAdmin(args);
  if (!result.ok || !/success/i.test(result.output)) {
    throw new Error(`stack: creating RocketMQ topic ${name} failed: ${firstLine(result.output)} — is the stack up (\`npm run stack -- status\`)?`);
  }
  await awaitRoute(name, queues);
}

export interface CreateConsumerGroupOptions {
  /** Orderly groups (consumeMessageOrderly=true) are required to consume FIFO topics in order. */
  orderly: boolean;
  /** Delivery attempts before a message goes to the dead letter queue (default 16). */
  maxRetries?: number;
}

export async function createConsumerGroup(name: string, options: CreateConsumerGroupOptions): Promise<void> {
  const args = ['updateSubGroup', '-n', NAMESRV_ADDR, '-c', ROCKETMQ_CLUSTER, '-g', name, '-o', String(options.orderly)];
  args.push('-r', String(options.maxRetries ?? 16));
  const result = await runMqAdmin(args);
  if (!result.ok || !/success/i.test(result.output)) {
    throw new Error(`stack: creating RocketMQ consumer group ${name} failed: ${firstLine(result.output)} — is the stack up?`);
  }
}

export interface TopicRoute {
  brokerDatas: { cluster: string; brokerName: string; brokerAddrs: Record<string, string> }[];
  queueDatas: { brokerName: string; readQueueNums: number; writeQueueNums: number; perm: number; topicSysFlag: number }[];
}

/** The name server's route for `name`, or undefined when the topic does not exist. */
export async function topicRoute(name: string): Promise<TopicRoute | undefined> {
  const result = await runMqAdmin(['topicRoute', '-n', NAMESRV_ADDR, '-t', name]);
  if (/No topic route info/i.test(result.output)) return undefined;
  const start = result.output.indexOf('{');
  if (!result.ok || start < 0) throw new Error(`stack: reading the route of topic ${name} failed: ${firstLine(result.output)}`);
  // fastjson prints integer map keys bare ({0:"127.0.0.1:30911"}); quote them for JSON.parse.
  const json = result.output.slice(start).replace(/([{,]\s*)(\d+)\s*:/g, '$1"$2":');
  return JSON.parse(json) as TopicRoute;
}

export async function topicExists(name: string): Promise<boolean> {
  return (await topicRoute(name)) !== undefined;
}

export async function deleteTopic(name: string): Promise<void> {
  const result = await runMqAdmin(['deleteTopic', '-n', NAMESRV_ADDR, '-c', ROCKETMQ_CLUSTER, '-t', name]);
  if (!result.ok) throw new Error(`stack: deleting RocketMQ topic ${name} failed: ${firstLine(result.output)}`);
}

export async function deleteConsumerGroup(name: string): Promise<void> {
  const result = await runMqAdmin(['deleteSubGroup', '-n', NAMESRV_ADDR, '-c', ROCKETMQ_CLUSTER, '-g', name]);
  if (!result.ok) throw new Error(`stack: deleting RocketMQ consumer group ${name} failed: ${firstLine(result.output)}`);
}
