import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { Manifest, TaskSpec } from '../../../runtime/manifest/types.js';
import {
  AlicloudProvider,
  DtsStack,
  MySqlEndpoint,
  RocketMqInstance,
  RocketMqTopic,
  Secret,
  SyncDestination,
  SyncTask,
  type IRocketMqInstance,
  type RocketMqDestinationProps,
  type SyncTaskProps,
} from '../../../lib/index.js';

export function newStack(id = 'test'): DtsStack {
  const stack = new DtsStack(Testing.app(), id);
  new AlicloudProvider(stack, 'alicloud', { region: 'cn-hangzhou' });
  return stack;
}

export function source(port = 23306): MySqlEndpoint {
  return MySqlEndpoint.selfManaged({ host: '127.0.0.1', port, user: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD') });
}

export function mysqlDest(port = 23307): MySqlEndpoint {
  return MySqlEndpoint.selfManaged({ host: '127.0.0.1', port, user: 'dts_writer', password: Secret.fromEnv('DTS_DEST_PASSWORD') });
}

export interface RocketFixture {
  stack: DtsStack;
  mq: IRocketMqInstance;
  topic: RocketMqTopic;
}

export function rocketStack(version: '4.x' | '5.x' = '5.x'): RocketFixture {
  const stack = newStack();
  const mq = RocketMqInstance.fromInstanceId(stack, 'Mq', { instanceId: 'rmq-1', version, endpoints: '127.0.0.1:28081' });
  const topic = new RocketMqTopic(stack, 'Topic', { instance: mq, topicName: 'dts-shop', ordered: true });
  return { stack, mq, topic };
}

/** A MySQL -> RocketMQ task with sensible defaults; override anything. */
export function rocketTask(
  f: RocketFixture,
  overrides: Partial<SyncTaskProps> = {},
  dest: Partial<RocketMqDestinationProps> = {},
): SyncTask {
  return new SyncTask(f.stack, overrides.taskName ?? 'Task', {
    taskName: 'shop-to-mq',
    source: source(),
    destination: SyncDestination.rocketMq({ instance: f.mq, topic: f.topic, ...dest }),
    objects: [{ database: 'shop' }],
    ...overrides,
  });
}

export function mysqlTask(stack: DtsStack, id: string, overrides: Partial<SyncTaskProps> = {}): SyncTask {
  return new SyncTask(stack, id, {
    taskName: id,
    source: source(),
    destination: SyncDestination.mySql(mysqlDest()),
    objects: [{ database: 'shop' }],
    ...overrides,
  });
}

/** Runs a full synth (validations included) and returns the manifest written next to cdk.tf.json. */
export function synthManifest(stack: DtsStack): Manifest {
  const outdir = Testing.fullSynth(stack);
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack.node.id, 'dts.manifest.json'), 'utf8')) as Manifest;
}

export function onlyTask(stack: DtsStack): TaskSpec {
  const m = synthManifest(stack);
  if (m.tasks.length !== 1) throw new Error(`expected 1 task, got ${m.tasks.length}`);
  return m.tasks[0]!;
}

/** Warnings recorded in cdktf.out/manifest.json by a full synth. */
export function synthWarnings(stack: DtsStack): string[] {
  const outdir = Testing.fullSynth(stack);
  const m = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { annotations: { level: string; message: string }[] }>;
  };
  return Object.values(m.stacks).flatMap((s) => s.annotations.filter((a) => a.level === '@cdktf/warn').map((a) => a.message));
}

/** Parsed Terraform JSON of a stack (no validations). */
export function tf(stack: DtsStack): { resource: Record<string, Record<string, Record<string, unknown>>>; variable?: Record<string, Record<string, unknown>> } {
  return JSON.parse(Testing.synth(stack)) as never;
}

export function resourcesOf(stack: DtsStack, type: string): Record<string, unknown>[] {
  return Object.values(tf(stack).resource[type] ?? {});
}
