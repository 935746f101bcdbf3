// RocketMQ's own Java client (scripts/java/RocketMqTool.java, compiled once with javac) run against the
// stack: the broker's ceiling for `npm run bench`, and a consumer reading over the remoting protocol
// for the tests.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAMESRV_ADDR, stackPaths } from './config.js';
import { compileJava, runJava } from './java.js';

const TOOL = join(dirname(fileURLToPath(import.meta.url)), '..', 'java', 'RocketMqTool.java');

/** Compiles the tool once into .dts/stack/java-classes; returns that directory. */
function compiledTool(): string {
  const paths = stackPaths();
  return compileJava(TOOL, join(paths.rocketmq.lib, '*'), join(paths.root, 'java-classes'));
}

function runTool(args: readonly string[], timeoutMs: number): Promise<string> {
  const paths = stackPaths();
  const classes = compiledTool();
  return runJava(`RocketMqTool ${args[0]}`, ['-Xmx512m', `-Drocketmq.client.logRoot=${join(paths.logs, 'rocketmq-java-client')}`, '-cp', `${join(paths.rocketmq.lib, '*')}:${classes}`, 'RocketMqTool', ...args], timeoutMs);
}

/** Batch sends of `bodyBytes`-byte messages, one thread per queue, one batch in flight per queue. */
export async function javaClientCeiling(topic: string, messages: number, bodyBytes: number, batch: number): Promise<{ messages: number; ms: number }> {
  const out = await runTool(['ceiling', NAMESRV_ADDR, topic, String(messages), String(bodyBytes), String(batch)], 10 * 60_000);
  return JSON.parse(out.trim().split('\n').pop()!) as { messages: number; ms: number };
}

export interface RemotingMessage {
  readonly queueId: number;
  readonly queueOffset: number;
  /** Broker store time, ms. */
  readonly storeTimestamp: number;
  readonly messageGroup: string | null;
  readonly keys: string | null;
  /** The message id a client reports (the producer's UNIQ_KEY). */
  readonly msgId: string | null;
  readonly body: Buffer;
}

/** Every message of the topic, read from each queue's first offset over the remoting protocol. */
export async function consumeOverRemoting(topic: string, expected: number, idleMs = 5000): Promise<RemotingMessage[]> {
  // Bounded below jest's 120 s per test, so a consumer that hangs fails with its own output.
  const out = await runTool(['consume', NAMESRV_ADDR, topic, String(expected), String(idleMs)], 90_000);
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      const m = JSON.parse(l) as { q: number; o: number; st: number; g: string | null; k: string | null; id: string | null; b: string };
      return { queueId: m.q, queueOffset: m.o, storeTimestamp: m.st, messageGroup: m.g, keys: m.k, msgId: m.id, body: Buffer.from(m.b, 'base64') };
    });
}

/** How many messages the topic holds and their body bytes (read over the remoting protocol). */
export async function topicStats(topic: string, idleMs = 5000): Promise<{ messages: number; bytes: number }> {
  const out = await runTool(['stats', NAMESRV_ADDR, topic, String(idleMs)], 10 * 60_000);
  return JSON.parse(out.trim().split('\n').pop()!) as { messages: number; bytes: number };
}
