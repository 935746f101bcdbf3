/**
 * `dts status [--state-dir DIR] [--json]`: one row per task (status, latency, speed, full-sync
 * progress, checkpoint, last error). Live numbers come from a running engine's /status; without an
 * engine the rows are read from the state dir. Exit 1 on error, 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { collectStatus } from '../observability/status-reader.js';
import { renderStatusTable } from '../observability/status-table.js';
import { DEFAULT_STATE_ROOT } from './plan.js';

const USAGE = 'Usage: dts status [--state-dir DIR] [--json]\n';

export async function statusCommand(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: { 'state-dir': { type: 'string', default: DEFAULT_STATE_ROOT }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    process.stderr.write(`dts status: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const report = await collectStatus(values['state-dir']!);
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatusTable(report));
    return 0;
  } catch (e) {
    process.stderr.write(`dts status: ${(e as Error).message}\n`);
    return 1;
  }
}
