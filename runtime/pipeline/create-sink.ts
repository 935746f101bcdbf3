/**
 * Picks the sink for a task's destination engine. Each sink is imported when a task needs it: the
 * RocketMQ client (gRPC, protobuf, its logger) is half the modules the engine would load, and a
 * MySQL-only engine starts without it.
 */
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import type { DeliveryObserver, Sink } from '../sinks/sink.js';
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
    case 'rocketmq': {
      const { RocketMqSink } = await import('../sinks/rocketmq/sink.js');
      return new RocketMqSink(task, context);
    }
    case 'mysql': {
      const { createMySqlSink } = await import('../sinks/mysql/create.js');
      return createMySqlSink(task, context);
    }
  }
}
