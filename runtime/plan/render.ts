/**
 * The three forms of a plan: text for a terminal (terraform-like), markdown for a pull-request
 * comment (stable: no times, sorted, so an unchanged plan renders byte-identical), JSON for machines.
 */
import { hasChanges, type Impact, type Plan, type PlanChange, type PlanValue, type TaskAction, type TaskPlan } from './types.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

const ACTION_WORDS: Record<TaskAction, string> = {
  create: 'create',
  update: 'update in place',
  replace: 'replace',
  destroy: 'destroy',
  'no-op': 'no changes',
};
const ACTION_SYMBOLS: Record<TaskAction, string> = { create: '+', update: '~', replace: '-/+', destroy: '-', 'no-op': ' ' };
const KIND_SYMBOLS: Record<PlanChange['kind'], string> = { add: '+', remove: '-', change: '~' };
const IMPACT_BADGES: Record<Impact, string> = {
  'forces replacement': '🔴 forces replacement',
  'breaks consumers': '🟠 breaks consumers',
  backfill: '🔵 backfill',
  safe: '🟢 safe',
};

/** The HTML comment the CI workflow looks for to update its comment instead of adding another. */
export function planCommentMarker(stack: string): string {
  return `<!-- dts-plan:${stack} -->`;
}

export function renderPlan(plan: Plan, format: PlanFormat): string {
  if (format === 'json') return renderJson(plan);
  if (format === 'markdown') return renderMarkdown(plan);
  return renderText(plan);
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `${s.create} to create, ${s.update} to update in place, ${s.replace} to replace, ${s.destroy} to destroy, ${s.unchanged} unchanged.`;
}

export function formatPlanValue(value: PlanValue | undefined): string {
  if (value === undefined) return '';
  if (isSensitive(value)) return `(sensitive: ${value.reference})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => formatPlanValue(v)).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isSensitive(v: PlanValue): v is { sensitive: true; reference: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { sensitive?: unknown }).sensitive === true;
}

/** Whole-object additions are described by their note; their spec would be noise in a review. */
function showsValues(c: PlanChange): boolean {
  return !(c.object !== undefined && c.path === `objects[${c.object}]`) && c.path !== 'task';
}

function renderText(plan: Plan): string {
  const lines = [`dts plan: stack ${plan.stack}, compared with ${plan.against}`, ''];
  if (plan.tasks.length > 0) lines.push('Where the tasks run:', ...plan.tasks.map((t) => `    ${t.task}: ${t.runsOn}`), '');
  const changed = plan.tasks.filter((t) => t.action !== 'no-op');
  if (changed.length === 0) lines.push('No changes. The running tasks match the manifest.', '');
  for (const t of changed) {
    lines.push(`${ACTION_SYMBOLS[t.action]} task ${t.task}: ${ACTION_WORDS[t.action]}${t.action === 'replace' ? replaceSuffix(t) : ''}`);
    for (const c of t.changes) {
      const values = showsValues(c) ? textValues(c) : '';
      lines.push(`    ${KIND_SYMBOLS[c.kind]} ${c.path}${values}  [${c.impacts.join(', ')}]`);
      if (c.note !== undefined) lines.push(`        ${c.note}`);
    }
    lines.push('');
  }
  lines.push(`Plan: ${summaryLine(plan)}`);
  return `${lines.join('\n')}\n`;
}

function textValues(c: PlanChange): string {
  if (c.kind === 'add') return ` = ${formatPlanValue(c.after)}`;
  if (c.kind === 'remove') return ` (was ${formatPlanValue(c.before)})`;
  return `: ${formatPlanValue(c.before)} -> ${formatPlanValue(c.after)}`;
}

function replaceSuffix(t: TaskPlan): string {
  const why = t.changes.filter((c) => c.impacts.includes('forces replacement')).map((c) => c.path);
  return ` (forced by ${why.join(', ')})`;
}

function renderMarkdown(plan: Plan): string {
  const out: string[] = [planCommentMarker(plan.stack), `### dts plan: stack \`${plan.stack}\``, '', `Compared with ${code(plan.against)}.`, ''];
  out.push(`**Plan:** ${summaryLine(plan)}`, '');
  if (plan.tasks.length > 0) out.push('| Task | Runs on |', '|---|---|', ...plan.tasks.map((t) => `| ${code(t.task)} | ${cell(t.runsOn)} |`), '');
  if (!hasChanges(plan)) {
    out.push('No changes. The running tasks match the manifest.');
    return `${out.join('\n')}\n`;
  }
  out.push('| Task | Action | Impact |', '|---|---|---|');
  for (const t of plan.tasks.filter((x) => x.action !== 'no-op')) {
    out.push(`| ${code(t.task)} | ${ACTION_SYMBOLS[t.action]} ${ACTION_WORDS[t.action]} | ${t.impacts.map((i) => IMPACT_BADGES[i]).join('<br>')} |`);
  }
  for (const t of plan.tasks.filter((x) => x.action !== 'no-op')) {
    out.push('', `#### ${code(t.task)}: ${ACTION_WORDS[t.action]}`, '');
    if (t.action === 'replace') out.push(`> **Forces replacement:** the task restarts from scratch (${replaceSuffix(t).slice(2, -1)}).`, '');
    out.push('| | Change | Before | After | Impact | What happens |', '|---|---|---|---|---|---|');
    for (const c of t.changes) {
      const show = showsValues(c);
      out.push(`| ${KIND_SYMBOLS[c.kind]} | ${code(c.path)} | ${show ? codeOrEmpty(formatPlanValue(c.before)) : ''} | ${show ? codeOrEmpty(formatPlanValue(c.after)) : ''} | ${c.impacts.map((i) => IMPACT_BADGES[i]).join('<br>')} | ${cell(c.note ?? '')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(s: string): string {
  return `\`${cell(s).replace(/`/g, "'")}\``;
}

function codeOrEmpty(s: string): string {
  return s === '' ? '' : code(s);
}

function renderJson(plan: Plan): string {
  return `${JSON.stringify({ formatVersion: 1, hasChanges: hasChanges(plan), ...plan }, null, 2)}\n`;
}
