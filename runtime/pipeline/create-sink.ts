/** Picks the sink for a task's destination engine. */
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import type { DeliveryObserver, Sink } from '../sinks/sink.js';
import { RocketMqSink } from '../sinks/rocketmq/sink.js';
import type { TransactionMark } from './commit-tracker.js';

export interface SinkContext {
  readonly log: Logger;
  readonly baseDir?: string;
  readonly initialMark?: TransactionMark;
  readonly observer?: DeliveryObserver;
}

export async function createSink(task: TaskSpec, context: SinkContext): Promise<Sink> {
  switch (task.destination.engine) {
    case 'rocketmq':
      return new RocketMqSink(task, context);
    case 'mysql':
      throw new Error(`task ${task.name}: the MySQL destination sink is not part of this build yet`);
  }
}
