/** Source-side prechecks of a task (runtime/prechecks), in the shape the runner merges with the sink's. */
import type { TaskSpec } from '../manifest/types.js';
import { runPrechecks, sourcePrecheck } from '../prechecks/index.js';
import type { SinkPrecheck } from '../sinks/sink.js';
import type { MySqlConnectionConfig } from '../sources/mysql/connection.js';

export async function sourcePrechecks(task: TaskSpec, connection: MySqlConnectionConfig): Promise<SinkPrecheck[]> {
  const report = await runPrechecks([sourcePrecheck(task, connection)]);
  return report.results.map((r) => ({ id: r.id, status: r.status, message: r.message, ...(r.fix ? { fix: r.fix } : {}) }));
}
