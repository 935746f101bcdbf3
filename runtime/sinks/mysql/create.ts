/** Builds the MySQL sink for the pipeline: secrets resolved at run time, never stored. */
import type { Logger } from '../../log.js';
import type { MySqlEndpointSpec, TaskSpec } from '../../manifest/types.js';
import { resolveConnection } from '../../sources/mysql/connection.js';
import type { DeliveryObserver } from '../sink.js';
import { MySqlSink } from './sink.js';
import type { OwnerGuard } from '../../lease/task-lease.js';

export function createMySqlSink(task: TaskSpec, context: { readonly log: Logger; readonly baseDir?: string; readonly observer?: DeliveryObserver; readonly guard?: OwnerGuard }): MySqlSink {
  const where = { task: task.name, baseDir: context.baseDir };
  return new MySqlSink({
    task,
    logger: context.log,
    destination: resolveConnection(task.destination as MySqlEndpointSpec, 'destination', where),
    source: resolveConnection(task.source, 'source', where),
    ...(context.observer ? { observer: context.observer } : {}),
    ...(context.guard ? { guard: context.guard } : {}),
  });
}
