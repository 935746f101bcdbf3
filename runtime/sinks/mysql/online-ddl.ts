/**
 * Online-DDL helper tables (TaskSpec.mysql.onlineDdlTempTables):
 * - gh-ost: `_x_gho` (the ghost copy), `_x_ghc` (its changelog), `_x_del` (the old table after cut-over);
 * - pt-online-schema-change: `_x_new` (the copy), `_x_old` (the old table after the swap).
 * Replicated (true): the helper tables belong to x's selection and are mapped next to x
 * (`_<mapped x>_gho`), so the destination runs the same copy-and-swap.
 * Not replicated (false): their rows and their CREATE/RENAME/DROP are ignored and the ALTER run on the
 * copy is applied to x itself: the destination gets only the original schema change.
 */
export type OnlineDdlTool = 'gh-ost' | 'pt-osc';

export interface OnlineDdlTable {
  readonly tool: OnlineDdlTool;
  /** The table the tool is changing. */
  readonly original: string;
  /** gho/ghc/del (gh-ost), new/old (pt-osc). */
  readonly role: 'gho' | 'ghc' | 'del' | 'new' | 'old';
}

export function onlineDdlTable(table: string): OnlineDdlTable | undefined {
  const m = /^_(.+)_(gho|ghc|del|new|old)$/.exec(table);
  if (!m) return undefined;
  const role = m[2] as OnlineDdlTable['role'];
  return { tool: role === 'new' || role === 'old' ? 'pt-osc' : 'gh-ost', original: m[1]!, role };
}

/** The copy whose ALTER carries the schema change (gh-ost _x_gho, pt-osc _x_new). */
export function isShadowCopy(t: OnlineDdlTable): boolean {
  return t.role === 'gho' || t.role === 'new';
}
