// The torture run's oracles, each independent of the engine's own decoding:
// - MySQL sink: every row and column of the destination is byte-identical (HEX) to the source;
// - RocketMQ: every message validates against schemas/canal-json.schema.json, and replaying the
//   messages per key (in each message group's order, table-level DDL placed by dts_position) rebuilds
//   exactly the source rows, compared with the server's own text of each value (bytes for binary
//   and spatial columns).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 as Ajv } from 'ajv/dist/2020.js';
import type mysql from 'mysql2/promise';
import type { Received } from '../support/consume.js';
import { REPO_ROOT } from '../support/engine.js';
import type { TableSpec } from './schema.js';

export interface Mismatch {
  readonly table: string;
  readonly key: string;
  readonly column: string;
  readonly source: string;
  readonly other: string;
}

const ident = (s: string) => `\`${s.replace(/`/g, '``')}\``;

async function columnsOf(conn: mysql.Connection, db: string, table: string): Promise<{ name: string; type: string; charset: string | null }[]> {
  const [rows] = await conn.query('SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, CHARACTER_SET_NAME AS cs FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', [db, table]);
  return (rows as { name: string; type: string; cs: string | null }[]).map((r) => ({ name: String(r.name), type: String(r.type), charset: r.cs === null ? null : String(r.cs) }));
}

/**
 * key (HEX of the key columns) -> column -> HEX of the value ('NULL' for NULL). HEX() of a FLOAT or
 * DOUBLE is the hex of its integer part, so those compare by their exact 17-digit text instead.
 */
async function hexRows(conn: mysql.Connection, db: string, t: TableSpec, columns: readonly { name: string; type: string }[]): Promise<Map<string, Record<string, string>>> {
  const keyCols = t.key.columns.map((c) => c.name);
  const exact = (c: { name: string; type: string }) => (/^(float|double)/i.test(c.type) ? `HEX(CAST(CAST(${ident(c.name)} AS DOUBLE) AS CHAR))` : `HEX(${ident(c.name)})`);
  const sql = `SELECT CONCAT_WS(',', ${keyCols.map((k) => `HEX(${ident(k)})`).join(', ')}) AS __k, ${columns.map((c) => `IFNULL(${exact(c)}, 'NULL') AS ${ident(c.name)}`).join(', ')} FROM ${ident(db)}.${ident(t.name)}`;
  const [rows] = await conn.query(sql);
  const out = new Map<string, Record<string, string>>();
  for (const r of rows as Record<string, string>[]) out.set(String(r.__k), r);
  return out;
}

export async function checkMySql(source: mysql.Connection, dest: mysql.Connection, db: string, tables: readonly TableSpec[]): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const t of tables) {
    const cols = await columnsOf(source, db, t.name);
    const destCols = new Set((await columnsOf(dest, db, t.name)).map((c) => c.name));
    if (destCols.size === 0) {
      out.push({ table: t.name, key: '*', column: '*', source: 'table', other: 'table missing at the destination' });
      continue;
    }
    for (const c of cols) if (!destCols.has(c.name)) out.push({ table: t.name, key: '*', column: c.name, source: 'present', other: 'missing at the destination' });
    const shared = cols.filter((c) => destCols.has(c.name));
    const a = await hexRows(source, db, t, shared);
    const b = await hexRows(dest, db, t, shared);
    for (const [k, row] of a) {
      const other = b.get(k);
      if (!other) {
        out.push({ table: t.name, key: k, column: '*', source: 'row', other: 'missing at the destination' });
        continue;
      }
      for (const { name: c } of shared) if (row[c] !== other[c]) out.push({ table: t.name, key: k, column: c, source: row[c]!, other: other[c]! });
    }
    for (const k of b.keys()) if (!a.has(k)) out.push({ table: t.name, key: k, column: '*', source: 'absent', other: 'extra row at the destination' });
  }
  return out;
}

export type SourceValue = string | Buffer | null;

/** Source rows with each value as the server prints it, bytes for binary-charset values. */
async function sourceTextRows(conn: mysql.Connection, db: string, t: TableSpec): Promise<{ rows: Record<string, SourceValue>[]; types: Map<string, string> }> {
  const cols = await columnsOf(conn, db, t.name);
  const [rows] = await conn.query({
    sql: `SELECT * FROM ${ident(db)}.${ident(t.name)}`,
    typeCast: (field: { characterSet?: number; type: string; buffer(): Buffer | null; string(): string | null }) =>
      field.characterSet === 63 || field.type === 'GEOMETRY' || field.type === 'BIT' ? field.buffer() : field.string(),
  } as mysql.QueryOptions);
  // A text column's type carries its charset (`... character set gbk`): DTS Avro sends TEXT as bytes in it.
  return { rows: rows as Record<string, SourceValue>[], types: new Map(cols.map((c) => [c.name, c.charset ? `${c.type} character set ${c.charset}` : c.type])) };
}

function sameAsCanal(source: SourceValue, canal: string | null | undefined, type: string): boolean {
  if (source === null || canal === null || canal === undefined) return source === null && canal === null;
  if (Buffer.isBuffer(source)) {
    if (/^bit/i.test(type)) return BigInt('0x' + (source.toString('hex') || '0')).toString() === canal;
    return Buffer.from(canal, 'latin1').equals(source);
  }
  if (/^float/i.test(type)) return Math.abs(Number(source) - Number(canal)) <= Math.abs(Number(source)) * 1e-5 && Object.is(Number(source) === 0 ? Math.sign(1 / Number(source)) : 1, Number(canal) === 0 ? Math.sign(1 / Number(canal)) : 1);
  if (/^double/i.test(type)) return Object.is(Number(source), Number(canal));
  return source === canal;
}

export interface CanalReplay {
  readonly schemaErrors: string[];
  readonly mismatches: Mismatch[];
  readonly messages: number;
  /** Row images the messages carried (a message packs many rows: full sync, bulk statements). */
  readonly rows: number;
}

/** A binlog position "file:pos" as a sortable pair; snapshot messages (no property) sort first. */
function positionOf(p: string | undefined): [number, number] {
  const m = /\.(\d+):(\d+)$/.exec(p ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [-1, -1];
}
const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

type ColumnChange = { readonly at: [number, number] } & ({ readonly op: 'add' | 'drop'; readonly column: string } | { readonly op: 'rename'; readonly from: string; readonly to: string });

/**
 * The table-level history the DDL messages tell, in binlog order: which table each name meant at a
 * position (RENAME TABLE moves a name, DROP + CREATE keeps the table), when it was last emptied
 * (TRUNCATE, DROP) and its column changes. Only the statements the workload writes are parsed.
 */
export class TableHistory {
  private readonly bindings = new Map<string, { at: [number, number]; table: TableSpec | undefined }[]>();
  readonly emptiedAt = new Map<TableSpec, [number, number]>();
  readonly columnChanges = new Map<TableSpec, ColumnChange[]>();

  constructor(db: string, tables: readonly TableSpec[], ddl: { sql: string; at: [number, number] }[], private readonly initialNames: ReadonlyMap<TableSpec, string>) {
    for (const t of tables) this.bindings.set(initialNames.get(t)!, [{ at: [-2, -2], table: t }]);
    const q = `\`${db}\`\\.\`([^\`]+)\``;
    const bind = (name: string, at: [number, number], table: TableSpec | undefined) => {
      const list = this.bindings.get(name) ?? [];
      list.push({ at, table });
      this.bindings.set(name, list);
    };
    const lastOf = new Map<string, TableSpec>();
    for (const { sql, at } of ddl) {
      let m: RegExpExecArray | null;
      if ((m = new RegExp(`^TRUNCATE TABLE ${q}`).exec(sql))) {
        const t = this.at(m[1]!, at);
        if (t) this.emptiedAt.set(t, at);
      } else if ((m = new RegExp(`^RENAME TABLE ${q} TO ${q}`).exec(sql))) {
        const t = this.at(m[1]!, at);
        bind(m[1]!, at, undefined);
        bind(m[2]!, at, t);
      } else if ((m = new RegExp(`^DROP TABLE ${q}`).exec(sql))) {
        const t = this.at(m[1]!, at);
        if (t) {
          this.emptiedAt.set(t, at);
          lastOf.set(m[1]!, t);
        }
        bind(m[1]!, at, undefined);
      } else if ((m = new RegExp(`^CREATE TABLE ${q}`).exec(sql))) {
        bind(m[1]!, at, lastOf.get(m[1]!));
      } else if ((m = new RegExp(`^ALTER TABLE ${q} (ADD|DROP|RENAME) COLUMN \`([^\`]+)\`(?: TO \`([^\`]+)\`)?`).exec(sql))) {
        const t = this.at(m[1]!, at);
        if (!t) continue;
        const list = this.columnChanges.get(t) ?? [];
        if (m[2] === 'RENAME') list.push({ at, op: 'rename', from: m[3]!, to: m[4]! });
        else list.push({ at, op: m[2] === 'ADD' ? 'add' : 'drop', column: m[3]! });
        this.columnChanges.set(t, list);
      }
    }
  }

  /**
   * The table a name meant at a position. `snapshot`: a full-sync row, read at the binlog position it
   * carries, so a DDL ending at that very position (its dts_position) came before the read.
   */
  at(name: string, position: [number, number], snapshot = false): TableSpec | undefined {
    let found: TableSpec | undefined;
    for (const b of this.bindings.get(name) ?? []) if (before(b.at, position) || (snapshot && !before(position, b.at))) found = b.table;
    return found;
  }

  /** A row as a message at `position` carried it, brought to today's columns; `skip`: added since. */
  forward<V>(t: TableSpec, row: Record<string, V>, position: [number, number]): { row: Record<string, V>; skip: Set<string> } {
    const out = { ...row };
    const skip = new Set<string>();
    for (const c of this.columnChanges.get(t) ?? []) {
      if (!before(position, c.at)) continue;
      if (c.op === 'rename') {
        if (c.from in out) {
          out[c.to] = out[c.from]!;
          delete out[c.from];
        }
        if (skip.delete(c.from)) skip.add(c.to);
      } else if (c.op === 'drop') {
        delete out[c.column];
        skip.delete(c.column);
      } else if (!(c.column in out)) skip.add(c.column);
    }
    return { row: out, skip };
  }
}

/** One message as the replay needs it, whatever the format. */
interface ReplayMessage {
  readonly isDdl: boolean;
  readonly database: string;
  readonly table: string;
  readonly type: string;
  readonly sql?: string;
  /** Row images (after; before for DELETE) and the before images of UPDATEs (Canal: changed columns). */
  readonly data: Record<string, unknown>[] | null;
  readonly before: Record<string, unknown>[] | null;
  readonly pkNames: string[] | null;
}

/** A message format: how to read a message, a key value's text, and whether a value equals the source's. */
export interface ReplayFormat {
  readonly name: 'canal-json' | 'dts-avro';
  /** The message, or a reason it is invalid. */
  read(m: Received): ReplayMessage | string;
  keyText(cell: unknown): string | null;
  same(source: SourceValue, cell: unknown, type: string): boolean;
  show(cell: unknown): string;
}

export function canalFormat(): ReplayFormat {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'canal-json.schema.json'), 'utf8')) as object);
  return {
    name: 'canal-json',
    read(m) {
      const body = m.json() as { isDdl: boolean; database: string; table: string; type: string; sql?: string; data: Record<string, string | null>[] | null; old: Record<string, string | null>[] | null; pkNames: string[] | null };
      if (!validate(body)) return `${ajv.errorsText(validate.errors)} in ${m.body.toString('utf8').slice(0, 300)}`;
      const before = body.type === 'UPDATE' && body.data ? body.data.map((row, i) => ({ ...row, ...(body.old?.[i] ?? {}) })) : null;
      return { ...body, before };
    },
    keyText: (cell) => (cell === null || cell === undefined ? null : String(cell)),
    same: (source, cell, type) => sameAsCanal(source, cell as string | null | undefined, type),
    show: (cell) => JSON.stringify(cell),
  };
}

/**
 * Replays the messages per key and compares the result with the source. Rows are replayed per key in
 * their message group's order; table-level DDL (which travels in another group) is placed by
 * dts_position: a row survives a TRUNCATE or DROP only if its last change is after it, and a row
 * written before a column was renamed, dropped or added is brought forward through those changes.
 */
export async function checkReplay(
  source: mysql.Connection,
  db: string,
  tables: readonly TableSpec[],
  messages: readonly Received[],
  format: ReplayFormat = canalFormat(),
  initialNames: ReadonlyMap<TableSpec, string> = new Map(tables.map((t) => [t, t.name])),
): Promise<CanalReplay> {
  type Cells = Record<string, unknown>;
  const schemaErrors: string[] = [];
  const keyOf = (row: Cells, pk: readonly string[]) => JSON.stringify(pk.map((k) => format.keyText(row[k])));
  const read = messages.map((m) => {
    const r = format.read(m);
    if (typeof r === 'string') schemaErrors.push(`${format.name} ${m.topic}: ${r}`);
    return { m, r: typeof r === 'string' ? undefined : r };
  });
  // The restart-stable identity (dts_position, dts_row_first, dts_position_last, dts_row_last) names
  // one change set: every delivery of it (repeats after kill -9 included) carries the same rows.
  const byIdentity = new Map<string, string>();
  const ddl = new Map<string, { sql: string; at: [number, number] }>();
  for (const { m, r } of read) {
    if (!r) continue;
    const p = m.properties;
    if (r.isDdl && r.database === db && r.sql) ddl.set(`${p.get('dts_position')}|${r.sql}`, { sql: r.sql.trim(), at: positionOf(p.get('dts_position')) });
    if (!p.has('dts_row_first')) continue;
    const id = [p.get('dts_position'), p.get('dts_row_first'), p.get('dts_position_last'), p.get('dts_row_last'), r.type, r.table].join('|');
    const data = JSON.stringify(r.data);
    const seen = byIdentity.get(id);
    if (seen === undefined) byIdentity.set(id, data);
    else if (seen !== data) schemaErrors.push(`identity ${id} names two different change sets: ${seen.slice(0, 3000)} / ${data.slice(0, 3000)}`);
  }
  const history = new TableHistory(db, tables, [...ddl.values()].sort((a, b) => (before(a.at, b.at) ? -1 : before(b.at, a.at) ? 1 : 0)), initialNames);
  // table -> key -> the last change of that key: its row (undefined: deleted) and position.
  const state = new Map<TableSpec, Map<string, { row: Cells | undefined; at: [number, number]; snapshot?: boolean }>>();
  for (const { m, r } of read) {
    if (!r || r.isDdl || r.database !== db || !r.data) continue;
    const at = positionOf(m.properties.get('dts_position'));
    const snapshot = m.properties.get('dts_origin') === 'snapshot';
    const t = history.at(r.table, at, snapshot);
    if (!t) {
      schemaErrors.push(`rows for ${r.table} at ${m.properties.get('dts_position')}, a name no table of the run had then`);
      continue;
    }
    const table = state.get(t) ?? new Map<string, { row: Cells | undefined; at: [number, number]; snapshot?: boolean }>();
    state.set(t, table);
    const pk = r.pkNames ?? [];
    r.data.forEach((row, i) => {
      if (r.type === 'DELETE') {
        table.set(keyOf(row, pk), { row: undefined, at });
        return;
      }
      const old = r.type === 'UPDATE' ? r.before?.[i] : undefined;
      if (old && keyOf(old, pk) !== keyOf(row, pk)) table.set(keyOf(old, pk), { row: undefined, at });
      table.set(keyOf(row, pk), { row, at, snapshot });
    });
  }
  const mismatches: Mismatch[] = [];
  for (const t of tables) {
    const { rows, types } = await sourceTextRows(source, db, t);
    const pk = t.key.columns.map((c) => c.name);
    const emptied = history.emptiedAt.get(t);
    const replayed = new Map<string, { row: Cells; at: [number, number] }>();
    // A full-sync row read at the very position a TRUNCATE or DROP ended was read after it.
    const survives = (v: { at: [number, number]; snapshot?: boolean }) => !emptied || before(emptied, v.at) || (v.snapshot === true && !before(v.at, emptied));
    for (const [k, v] of state.get(t) ?? []) if (v.row && survives(v)) replayed.set(k, { row: v.row, at: v.at });
    const seen = new Set<string>();
    for (const row of rows) {
      // The key as the messages carry it: text for these key types.
      const key = JSON.stringify(pk.map((k) => (row[k] === null ? null : String(row[k]))));
      seen.add(key);
      const last = replayed.get(key);
      if (!last) {
        mismatches.push({ table: t.name, key, column: '*', source: 'row', other: 'never delivered (or deleted by the replay)' });
        continue;
      }
      const { row: got, skip } = history.forward(t, last.row, last.at);
      for (const [c, v] of Object.entries(row)) {
        if (!(c in got)) {
          if (skip.has(c)) continue; // added by DDL after the row's last change: never carried
          mismatches.push({ table: t.name, key, column: c, source: show(v), other: 'absent from the message' });
          continue;
        }
        if (!format.same(v, got[c], types.get(c) ?? '')) mismatches.push({ table: t.name, key, column: c, source: show(v), other: format.show(got[c]) });
      }
    }
    for (const k of replayed.keys()) if (!seen.has(k)) mismatches.push({ table: t.name, key: k, column: '*', source: 'absent', other: 'row left over by the replay' });
  }
  const rows = read.reduce((n, { r }) => n + (r && !r.isDdl ? (r.data?.length ?? 0) : 0), 0);
  return { schemaErrors, mismatches, messages: messages.length, rows };
}

function show(v: SourceValue): string {
  return Buffer.isBuffer(v) ? `0x${v.toString('hex')}` : JSON.stringify(v);
}
