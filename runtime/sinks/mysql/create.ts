/** Builds the MySQL sink for the pipeline: secrets resolved at run time, never stored. */
import type { Logger } from '../../log.js';
import type { MySqlEndpointSpec, TaskSpec } from '../../manifest/types.js';
import { resolveSecret } from '../../secrets.js';
import { connectionConfigFor } from '../../sources/mysql/connection.js';
import { MySqlSink } from './sink.js';

export function createMySqlSink(task: TaskSpec, context: { readonly log: Logger; readonly baseDir?: string }): MySqlSink {
  const destination = task.destination as MySqlEndpointSpec;
  const secret = (spec: MySqlEndpointSpec, what: string) =>
    resolveSecret(spec.password, { task: task.name, what, ...(context.baseDir !== undefined ? { baseDir: context.baseDir } : {}) });
  return new MySqlSink({
    task,
    logger: context.log,
    destination: connectionConfigFor(destination, secret(destination, 'destination password')),
    source: connectionConfigFor(task.source, secret(task.source, 'source password')),
  });
}
