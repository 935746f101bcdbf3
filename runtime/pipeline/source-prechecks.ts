/** Source-side prechecks of a task (runtime/prechecks), in the shape the runner merges with the sink's. */
import type { TaskSpec } from '../manifest/types.js';
import type { SinkPrecheck } from '../sinks/sink.js';
import type { MySqlConnectionConfig } from '../sources/mysql/connection.js';

export async function sourcePrechecks(_task: TaskSpec, _connection: MySqlConnectionConfig): Promise<SinkPrecheck[]> {
  return [];
}
