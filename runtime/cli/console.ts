/**
 * `dts console [--state-dir DIR] [--port PORT] [--host HOST] [--token-file FILE]`: the console when no
 * engine serves it: every task of the state dir, with the live row of a task whose engine runs (as
 * `dts status`) and the persisted one otherwise. Read-only: Suspend and Resume are on the console of
 * the `dts run` that runs a task. Runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { ConsoleHistory } from '../console/history.js';
import { EngineMetrics, startObservabilityServer } from '../observability/index.js';
import { collectStatus } from '../observability/status-reader.js';
import { DEFAULT_STATE_ROOT } from './plan.js';
import { consoleToken } from './console-token.js';

const USAGE = 'Usage: dts console [--state-dir DIR] [--port PORT] [--host HOST] [--token-file FILE]\n';
export const READ_ONLY_NOTE = 'read-only here: Suspend and Resume are on the console of the dts run that runs the task';

export async function consoleCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'state-dir': { type: 'string', default: DEFAULT_STATE_ROOT },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'token-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const stateDir = values['state-dir']!;
  const history = new ConsoleHistory();
  const status = () => collectStatus(stateDir);
  const server = await startObservabilityServer({
    metrics: new EngineMetrics(),
    status,
    port: Number(values.port),
    host: values.host!,
    token: consoleToken(values['token-file'], 'dts console'),
    console: { status, history, actionsNote: READ_ONLY_NOTE },
  });
  // The history is sampled here only; a page request reads the state dir, it does not record.
  const timer = setInterval(() => void status().then((r) => history.observe(r.tasks), () => undefined), 2000);
  process.stdout.write(`dts console: ${server.url}/ (tasks of ${stateDir})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(timer);
  await server.close();
  return 0;
}
