/**
 * `dts plan <new stackdir|manifest> [--against <old stackdir|manifest> | --state-dir DIR]
 * [--format text|markdown|json]`: what a manifest change does to the tasks. Exit codes follow
 * `terraform plan -detailed-exitcode`: 0 no changes, 2 changes present, 1 error.
 */
import { parseArgs } from 'node:util';
import { loadManifest } from '../manifest/load.js';
import { planManifests, type PreviousTask } from '../plan/diff.js';
import type { ManagedTaskSpec } from '../manifest/types.js';
import { renderPlan, type PlanFormat } from '../plan/render.js';
import { hasRun, readRunManifests } from '../plan/run-manifest.js';
import { hasChanges } from '../plan/types.js';

const USAGE = `Usage: dts plan <new stackdir|manifest> [--against <old stackdir|manifest> | --state-dir DIR] [--format text|markdown|json]

Compares the desired tasks with a previous manifest (--against) or with what the engine last ran
(--state-dir, default .dts/state). Exit 0: no changes, 2: changes, 1: error.
`;

export const DEFAULT_STATE_ROOT = '.dts/state';
const FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

export async function planCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        against: { type: 'string' },
        'state-dir': { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`dts plan: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const format = values.format as PlanFormat;
  if (!FORMATS.includes(format)) {
    process.stderr.write(`dts plan: --format must be one of ${FORMATS.join(', ')} (got "${values.format}")\n`);
    return 1;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`dts plan: give exactly one new stack directory or manifest (got ${positionals.length})\n${USAGE}`);
    return 1;
  }
  if (values.against !== undefined && values['state-dir'] !== undefined) {
    process.stderr.write('dts plan: --against and --state-dir are alternatives: give one\n');
    return 1;
  }
  try {
    const desired = loadManifest(positionals[0]!).manifest;
    let previous: PreviousTask[];
    let previousManaged: readonly ManagedTaskSpec[] = [];
    let against: string;
    if (values.against !== undefined) {
      const old = loadManifest(values.against).manifest;
      if (old.stack !== desired.stack) process.stderr.write(`dts plan: warning: comparing stack ${desired.stack} with stack ${old.stack}\n`);
      // A manifest under review is assumed deployed: its sync types can no longer change in place.
      previous = old.tasks.map((spec) => ({ spec, running: true }));
      previousManaged = old.managedTasks ?? [];
      against = values.against;
    } else {
      const stateDir = values['state-dir'] ?? DEFAULT_STATE_ROOT;
      previous = (await readRunManifests(stateDir, desired.stack)).map((r) => ({ spec: r.spec, running: hasRun(r.state) }));
      against = `the manifests last run (state dir ${stateDir})`;
      // DTS-run tasks leave nothing in a state dir: taken as unchanged (terraform plan shows their jobs).
      previousManaged = [...(desired.managedTasks ?? [])];
    }
    const plan = planManifests({ desired, previous, previousManaged, against });
    process.stdout.write(renderPlan(plan, format));
    return hasChanges(plan) ? 2 : 0;
  } catch (e) {
    process.stderr.write(`dts plan: ${(e as Error).message}\n`);
    return 1;
  }
}
