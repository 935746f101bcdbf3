/**
 * DDL classification from statement text: the normalised operation and the objects it touches, for
 * selection (is a touched table selected?) and routing (DDL topic, message group, Canal `type`).
 * A tokenizer reads only the statement head; node-sql-parser fails on much real-world DDL
 * (partitioning, MariaDB options, executable comments), and the head is all we need.
 * Comments are skipped; executable comments (/*! ... * /, /*M! ... * /) are read as code, as the
 * server does.
 */
import type { DdlOperation } from '../manifest/types.js';

/** Operations outside the manifest's selectable set: database-level DDL and anything else. */
export type OtherDdlOperation =
  | 'CREATE_DATABASE' | 'ALTER_DATABASE' | 'DROP_DATABASE' | 'ALTER_FUNCTION' | 'CREATE_EVENT' | 'ALTER_EVENT'
  | 'DROP_EVENT' | 'OTHER';

export interface TableRef { readonly database: string; readonly table: string }

export interface DdlClassification {
  readonly operation: DdlOperation | OtherDdlOperation;
  /** Tables the statement changes or depends on (RENAME: every old and new name; INDEX/TRIGGER: its table). */
  readonly tables: readonly TableRef[];
  /** Old -> new names for RENAME TABLE and ALTER TABLE ... RENAME. */
  readonly renames: readonly { readonly from: TableRef; readonly to: TableRef }[];
  /** Database of CREATE/ALTER/DROP DATABASE, else the default database. */
  readonly database: string;
  /** View, routine, trigger or index name for non-table objects. */
  readonly objectName?: string;
  /** CREATE/DROP TEMPORARY TABLE. */
  readonly temporary: boolean;
}

type Tok = { readonly kind: 'word' | 'quoted' | 'string' | 'punct'; readonly text: string };

function tokenizeHead(sql: string, limit = 400): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n && out.length < limit) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && sql[i + 1] === '*') {
      const exec = /^\/\*M?!\d*/.exec(sql.slice(i));
      if (exec) { i += exec[0].length; continue; } // read the executable comment's body as code
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '*' && sql[i + 1] === '/') { i += 2; continue; } // end of an executable comment
    if (c === '#' || (c === '-' && sql[i + 1] === '-' && (i + 2 >= n || /\s/.test(sql[i + 2]!)))) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === '`' || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < n) {
        if (sql[j] === c) { if (sql[j + 1] === c) { text += c; j += 2; continue; } break; }
        text += sql[j]; j++;
      }
      out.push({ kind: c === '`' ? 'quoted' : 'string', text });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && sql[j] !== "'") j += sql[j] === '\\' ? 2 : 1;
      out.push({ kind: 'string', text: sql.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z0-9_$\u0080-\uFFFF]+/.exec(sql.slice(i, i + 256));
    if (m) { out.push({ kind: 'word', text: m[0] }); i += m[0].length; continue; }
    out.push({ kind: 'punct', text: c });
    i++;
  }
  return out;
}

class Head {
  i = 0;
  constructor(readonly toks: readonly Tok[], readonly defaultDb: string) {}
  peekWord(o = 0): string { const t = this.toks[this.i + o]; return t?.kind === 'word' ? t.text.toUpperCase() : ''; }
  is(...words: string[]): boolean { return words.every((w, k) => this.peekWord(k) === w); }
  accept(...words: string[]): boolean { if (!this.is(...words)) return false; this.i += words.length; return true; }
  skipIfExists(): void { if (!this.accept('IF', 'NOT', 'EXISTS')) this.accept('IF', 'EXISTS'); }
  punct(p: string): boolean { const t = this.toks[this.i]; return t?.kind === 'punct' && t.text === p; }
  /** name or db.name (each part bare or quoted). */
  qualified(): TableRef | null {
    const a = this.toks[this.i];
    if (!a || (a.kind !== 'word' && a.kind !== 'quoted')) return null;
    this.i++;
    if (this.punct('.')) {
      const b = this.toks[this.i + 1];
      if (b && (b.kind === 'word' || b.kind === 'quoted')) { this.i += 2; return { database: a.text, table: b.text }; }
    }
    return { database: this.defaultDb, table: a.text };
  }
  /** DEFINER = user@host, ALGORITHM = x, SQL SECURITY x: clauses before VIEW/PROCEDURE/... */
  skipCreateOptions(): void {
    for (;;) {
      if (this.accept('OR', 'REPLACE') || this.accept('AGGREGATE') || this.accept('ONLINE') || this.accept('IGNORE')) continue;
      if (this.is('ALGORITHM') || this.is('DEFINER')) {
        this.i++;
        if (this.punct('=')) this.i++;
        // user@host or CURRENT_USER[()]: consume tokens until the next keyword we know
        while (this.i < this.toks.length && !['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'SQL', 'ALGORITHM', 'DEFINER', 'TABLE'].includes(this.peekWord())) this.i++;
        continue;
      }
      if (this.accept('SQL', 'SECURITY')) { this.i++; continue; }
      return;
    }
  }
}

const NONE: Omit<DdlClassification, 'operation' | 'database'> = { tables: [], renames: [], temporary: false };

/** Classify one DDL statement; `defaultDb` is the session database of the binlog Query event. */
export function classifyDdl(sql: string, defaultDb: string): DdlClassification {
  const h = new Head(tokenizeHead(sql), defaultDb);
  const other: DdlClassification = { ...NONE, operation: 'OTHER', database: defaultDb };
  const verb = h.peekWord();
  h.i++;
  switch (verb) {
    case 'CREATE': {
      h.skipCreateOptions();
      const temporary = h.accept('TEMPORARY');
      if (h.accept('TABLE')) {
        h.skipIfExists();
        const t = h.qualified();
        return t ? { ...NONE, operation: 'CREATE_TABLE', tables: [t], database: t.database, temporary } : other;
      }
      if (h.accept('DATABASE') || h.accept('SCHEMA')) {
        h.skipIfExists();
        const d = h.qualified();
        return d ? { ...NONE, operation: 'CREATE_DATABASE', database: d.table } : other;
      }
      if (!h.accept('UNIQUE')) { if (!h.accept('FULLTEXT')) h.accept('SPATIAL'); }
      if (h.accept('INDEX') || h.accept('KEY')) {
        h.skipIfExists();
        const idx = h.qualified();
        while (h.i < h.toks.length && h.peekWord() !== 'ON') h.i++;
        h.accept('ON');
        const t = h.qualified();
        return t ? { ...NONE, operation: 'CREATE_INDEX', tables: [t], database: t.database, objectName: idx?.table } : other;
      }
      return routine(h, 'CREATE', other);
    }
    case 'ALTER': {
      h.skipCreateOptions();
      if (h.accept('TABLE')) {
        const t = h.qualified();
        if (!t) return other;
        const renames: { from: TableRef; to: TableRef }[] = [];
        // ALTER TABLE a ..., RENAME [TO|AS] b: scan the head for a top-level RENAME clause.
        let depth = 0;
        for (; h.i < h.toks.length; h.i++) {
          if (h.punct('(')) depth++;
          else if (h.punct(')')) depth--;
          else if (depth === 0 && h.peekWord() === 'RENAME' && !['COLUMN', 'INDEX', 'KEY'].includes(h.peekWord(1))) {
            h.i++;
            if (!h.accept('TO')) h.accept('AS');
            const to = h.qualified();
            if (to) renames.push({ from: t, to });
            break;
          }
        }
        return { ...NONE, operation: 'ALTER_TABLE', tables: [t, ...renames.map((r) => r.to)], renames, database: t.database };
      }
      if (h.accept('DATABASE') || h.accept('SCHEMA')) {
        const d = h.qualified();
        return { ...NONE, operation: 'ALTER_DATABASE', database: d?.table ?? defaultDb };
      }
      return routine(h, 'ALTER', other);
    }
    case 'DROP': {
      const temporary = h.accept('TEMPORARY');
      if (h.accept('TABLE') || h.accept('TABLES')) {
        h.skipIfExists();
        const tables: TableRef[] = [];
        for (;;) {
          const t = h.qualified();
          if (!t) break;
          tables.push(t);
          if (!h.punct(',')) break;
          h.i++;
        }
        return tables.length ? { ...NONE, operation: 'DROP_TABLE', tables, database: tables[0]!.database, temporary } : other;
      }
      if (h.accept('DATABASE') || h.accept('SCHEMA')) {
        h.skipIfExists();
        const d = h.qualified();
        return d ? { ...NONE, operation: 'DROP_DATABASE', database: d.table } : other;
      }
      if (h.accept('INDEX') || h.accept('KEY')) {
        h.skipIfExists();
        const idx = h.qualified();
        h.accept('ON');
        const t = h.qualified();
        return t ? { ...NONE, operation: 'DROP_INDEX', tables: [t], database: t.database, objectName: idx?.table } : other;
      }
      return routine(h, 'DROP', other);
    }
    case 'RENAME': {
      if (!h.accept('TABLE') && !h.accept('TABLES')) return other;
      const renames: { from: TableRef; to: TableRef }[] = [];
      for (;;) {
        const from = h.qualified();
        if (!from || !h.accept('TO')) break;
        const to = h.qualified();
        if (!to) break;
        renames.push({ from, to });
        if (!h.punct(',')) break;
        h.i++;
      }
      if (!renames.length) return other;
      return {
        ...NONE, operation: 'RENAME_TABLE', renames, database: renames[0]!.from.database,
        tables: renames.flatMap((r) => [r.from, r.to]),
      };
    }
    case 'TRUNCATE': {
      h.accept('TABLE');
      const t = h.qualified();
      return t ? { ...NONE, operation: 'TRUNCATE_TABLE', tables: [t], database: t.database } : other;
    }
    default:
      return other;
  }
}

/** VIEW / PROCEDURE / FUNCTION / TRIGGER / EVENT after CREATE, ALTER or DROP. */
function routine(h: Head, verb: 'CREATE' | 'ALTER' | 'DROP', other: DdlClassification): DdlClassification {
  const kind = h.peekWord();
  if (!['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'].includes(kind)) return other;
  h.i++;
  h.skipIfExists();
  const name = h.qualified();
  if (!name) return other;
  const op = `${verb}_${kind}`;
  const known: readonly string[] = [
    'CREATE_VIEW', 'ALTER_VIEW', 'DROP_VIEW', 'CREATE_PROCEDURE', 'ALTER_PROCEDURE', 'DROP_PROCEDURE',
    'CREATE_FUNCTION', 'DROP_FUNCTION', 'ALTER_FUNCTION', 'CREATE_TRIGGER', 'DROP_TRIGGER', 'CREATE_EVENT', 'ALTER_EVENT', 'DROP_EVENT',
  ];
  if (!known.includes(op)) return other;
  let tables: TableRef[] = [];
  if (verb === 'CREATE' && kind === 'TRIGGER') {
    // CREATE TRIGGER name {BEFORE|AFTER} {INSERT|UPDATE|DELETE} ON tbl
    while (h.i < h.toks.length && h.peekWord() !== 'ON') h.i++;
    h.accept('ON');
    const t = h.qualified();
    if (t) tables = [t];
  }
  return {
    ...NONE, operation: op as DdlClassification['operation'], database: name.database, objectName: name.table, tables,
  };
}

/** Canal's `type` for a DDL (com.alibaba.otter.canal.protocol.CanalEntry.EventType names). */
/** What the binlog reader takes of the classification: the operation (none for OTHER), the first table, the renames. */
export interface DdlEventFacts {
  readonly operation?: string;
  readonly database?: string;
  readonly table?: string;
  readonly renames: DdlClassification['renames'];
}

/**
 * The binlog reader's view of one DDL statement: classifyDdl reduced to what a ChangeEvent carries.
 * The only classifier of the engine: the reader, the selection and the MySQL sink's replay all use
 * classifyDdl, so they never disagree on what a statement is.
 */
export function ddlEventFacts(sql: string, defaultDatabase: string): DdlEventFacts | undefined {
  try {
    const c = classifyDdl(sql, defaultDatabase);
    const first = c.tables[0];
    return {
      ...(c.operation !== 'OTHER' ? { operation: c.operation } : {}),
      database: first?.database ?? c.database,
      ...(first ? { table: first.table } : {}),
      renames: c.renames,
    };
  } catch {
    return undefined; // an unparseable statement still flows as DDL, without an operation
  }
}

export function canalDdlType(operation: string): string {
  switch (operation) {
    case 'CREATE_TABLE': return 'CREATE';
    case 'ALTER_TABLE': return 'ALTER';
    case 'DROP_TABLE': return 'ERASE';
    case 'RENAME_TABLE': return 'RENAME';
    case 'TRUNCATE_TABLE': return 'TRUNCATE';
    case 'CREATE_INDEX': return 'CINDEX';
    case 'DROP_INDEX': return 'DINDEX';
    default: return 'QUERY';
  }
}
