/** Source-side prechecks of a task (runtime/prechecks), in the shape the runner merges with the sink's. */
import type { TaskSpec } from '../manifest/types.js';
import { runPrechecks, sourcePrecheck } from '../prechecks/index.js';
import type { SinkPrecheck } from '../sinks/sink.js';
import { HEARTBEAT_TABLE, heartbeatDatabase, heartbeatProblem } from '../sources/heartbeat.js';
import type { MySqlConnectionConfig } from '../sources/mysql/connection.js';

export async function sourcePrechecks(task: TaskSpec, connection: MySqlConnectionConfig): Promise<SinkPrecheck[]> {
  const report = await runPrechecks([sourcePrecheck(task, connection)]);
  const results: SinkPrecheck[] = report.results.map((r) => ({ id: r.id, status: r.status, message: r.message, ...(r.fix ? { fix: r.fix } : {}), ...(r.retry ? { retry: r.retry } : {}) }));
  if (task.heartbeat) results.push(await heartbeatPrecheck(task, connection));
  return results;
}

async function heartbeatPrecheck(task: TaskSpec, connection: MySqlConnectionConfig): Promise<SinkPrecheck> {
  const database = heartbeatDatabase(task.objects);
  if (!database) return { id: 'heartbeat', status: 'fail', message: `task ${task.name}: heartbeat is on but the task selects no database`, fix: 'select a database or turn heartbeat off' };
  const problem = await heartbeatProblem(connection, database, task.serverId);
  if (!problem) return { id: 'heartbeat', status: 'pass', message: `task ${task.name}: heartbeat writes ${database}.${HEARTBEAT_TABLE} every second` };
  return {
    id: 'heartbeat',
    status: 'fail',
    message: `task ${task.name}: heartbeat is on but ${connection.user} cannot write ${database}.${HEARTBEAT_TABLE} (${problem})`,
    fix: `GRANT CREATE, INSERT, UPDATE ON \`${database}\`.\`${HEARTBEAT_TABLE}\` TO '${connection.user}'@'%', or turn heartbeat off`,
  };
}
