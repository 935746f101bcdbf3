import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import type { ISynthesisSession } from 'cdktf';
import type { Construct } from 'constructs';
import { canonicalJson } from '../runtime/manifest/canonical-json.js';
import { MANIFEST_VERSION, type Manifest } from '../runtime/manifest/types.js';
import { formatManifestErrors, validateManifest } from '../runtime/manifest/validate.js';
import { assignServerIds } from './manifest/server-id.js';
import { SyncTask, type DestinationTarget } from './sync/sync-task.js';

export const MANIFEST_FILE_NAME = 'dts.manifest.json';

/**
 * A Terraform stack that also writes the runtime manifest: synth puts `cdk.tf.json` and
 * `dts.manifest.json` side by side in `cdktf.out/stacks/<stack>/`. The manifest holds every
 * bundled-engine SyncTask of the stack, fully resolved and validated against
 * schemas/manifest.schema.json. Cross-task checks (task names, destination tables) run here.
 */
export class DtsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const inner = this.synthesizer;
    this.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        inner.synthesize(session); // throws on validation errors: no manifest is written then
        const dir = join(session.outdir, session.manifest.forStack(this).workingDirectory);
        writeFileSync(join(dir, MANIFEST_FILE_NAME), canonicalJson(this.buildManifest()));
      },
    };
    this.node.addValidation({ validate: () => this.crossTaskErrors() });
  }

  /** Every SyncTask in this stack, sorted by task name. */
  get syncTasks(): SyncTask[] {
    return this.node
      .findAll()
      .filter((c): c is SyncTask => c instanceof SyncTask)
      .sort((a, b) => a.taskName.localeCompare(b.taskName));
  }

  /**
   * The runtime manifest of this stack: the tasks this project's engine runs (bundled, Kubernetes),
   * and the names of those Alibaba Cloud DTS runs. Throws if it fails the schema.
   */
  buildManifest(): Manifest {
    const all = this.syncTasks;
    const tasks = all.filter((t) => t.runsEngine);
    const managed = all.filter((t) => t.runtime.kind === 'managed-dts' && t.runtime.managed);
    const ids = assignServerIds(
      this.node.id,
      tasks.map((t) => ({ task: t.taskName, source: t.props.source.address, explicit: t.props.serverId })),
    );
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      stack: this.node.id,
      tasks: tasks.map((t) => t.toTaskSpec(ids.get(t.taskName) as number)),
      ...(managed.length > 0 ? { managedTasks: managed.map((t) => ({ name: t.taskName, instanceClass: t.runtime.managed!.instanceClass })) } : {}),
    };
    const result = validateManifest(JSON.parse(JSON.stringify(manifest)));
    if (!result.ok) {
      throw new Error(`stack ${this.node.id}: the synthesized ${MANIFEST_FILE_NAME} does not match schemas/manifest.schema.json:\n${formatManifestErrors(result.errors)}`);
    }
    return manifest;
  }

  /** One task's manifest, as its Kubernetes pod runs it (SyncRuntime.kubernetes). */
  taskManifest(task: string): Manifest {
    const manifest = this.buildManifest();
    const spec = manifest.tasks.find((t) => t.name === task);
    if (!spec) throw new Error(`stack ${this.node.id}: no task ${task} run by the engine`);
    return { version: manifest.version, stack: manifest.stack, tasks: [spec] };
  }

  private crossTaskErrors(): string[] {
    const errors: string[] = [];
    const tasks = this.syncTasks;
    const byName = new Map<string, SyncTask>();
    for (const t of tasks) {
      const other = byName.get(t.taskName);
      if (other) errors.push(`SyncTask ${t.taskName}: the name is used by ${other.node.path} and ${t.node.path}; give each task a unique taskName`);
      byName.set(t.taskName, t);
    }
    const claims: { task: SyncTask; target: DestinationTarget }[] = [];
    for (const task of tasks) {
      for (const target of task.destinationTargets()) {
        for (const claim of claims) {
          if (claim.task === task || !overlaps(claim.target, target)) continue;
          errors.push(
            `SyncTask ${task.taskName}: writes ${describe(target)} on ${target.address}, which SyncTask ${claim.task.taskName} also writes (${describe(claim.target)}); ` +
              'two tasks must not write the same destination table: map one of them to another table or database',
          );
        }
      }
      for (const target of task.destinationTargets()) claims.push({ task, target });
    }
    return [...new Set(errors)];
  }
}

function describe(t: DestinationTarget): string {
  return t.table === undefined ? `database ${t.database}` : `table ${t.database}.${t.table}`;
}

/** MySQL names compared case-insensitively (lower_case_table_names differs between servers). */
function overlaps(a: DestinationTarget, b: DestinationTarget): boolean {
  if (a.address !== b.address || a.database.toLowerCase() !== b.database.toLowerCase()) return false;
  return a.table === undefined || b.table === undefined || a.table.toLowerCase() === b.table.toLowerCase();
}
