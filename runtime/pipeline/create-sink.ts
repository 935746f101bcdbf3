/** Picks the sink for a task's destination engine. */
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import type { DeliveryObserver, Sink } from '../sinks/sink.js';
import { RocketMqSink } from '../sinks/rocketmq/sink.js';
import { createMySqlSink } from '../sinks/mysql/create.js';
import type { TransactionMark } from '../state/offsets.js';
import type { OwnerGuard } from '../lease/task-lease.js';

export interface SinkContext {
  readonly log: Logger;
  readonly baseDir?: string;
  readonly initialMark?: TransactionMark;
  readonly observer?: DeliveryObserver;
  /** The engine's lease on the task (runtime/lease): every delivery checks it. */
  readonly guard?: OwnerGuard;
}

export async function createSink(task: TaskSpec, context: SinkContext): Promise<Sink> {
  switch (task.destination.engine) {
    case 'rocketmq':
      return new RocketMqSink(task, context);
    case 'mysql':
      return createMySqlSink(task, context);
  }
}
