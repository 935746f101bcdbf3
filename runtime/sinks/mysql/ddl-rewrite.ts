/**
 * Rewrites the object names of a DDL statement (or SHOW CREATE output) for the destination:
 * database / table mapping, column renames and capitalization, on a lossless token stream so
 * strings, comments and everything not renamed stay byte for byte.
 *
 * What is rewritten:
 * - qualified names `db`.`t` and `db`.`t`.`col` whose database is a selected source database;
 * - the statement's own object name (CREATE/ALTER TABLE, CREATE INDEX … ON, VIEW, PROCEDURE,
 *   FUNCTION), always qualified with its destination database, so the statement no longer depends
 *   on the session's default database;
 * - an unqualified table name after FROM, JOIN, REFERENCES, LIKE, INTO or UPDATE when it names a
 *   selected table of the default database (view and routine bodies, foreign keys, CREATE … LIKE);
 * - column names of the statement's table that have a rename (quoted always; bare words unless they
 *   are a type or keyword the column name cannot be confused with);
 * - DEFINER = … clauses are removed: the destination account becomes the definer (the source's
 *   definer usually does not exist there, and naming another definer needs SUPER / SET USER).
 * Not rewritten: unqualified references to a renamed table anywhere else in a view or routine body,
 * and column renames inside routine bodies.
 */
import { isIdentifier, significant, tokenize, upperWord, type Token } from './sql-tokens.js';
import { quoteIdent } from '../../util/sql-identifiers.js';
import type { TableName } from './naming.js';

export interface DdlNames {
  /** True when the source database is selected by the task (its name may be mapped). */
  isSelectedDatabase(database: string): boolean;
  isSelectedTable(database: string, table: string): boolean;
  database(database: string): string;
  table(database: string, table: string): TableName;
  /** Lower-cased source column -> destination column for a table. */
  renamesOf(database: string, table: string): ReadonlyMap<string, string>;
}

export interface RewriteOptions {
  /** Session database of the statement (the binlog Query event's schema). */
  readonly defaultDatabase: string;
  /** The table(s) whose column renames apply: the table a CREATE/ALTER TABLE or CREATE INDEX
   *  defines, or the tables a view reads. */
  readonly columnsOf?: { readonly database: string; readonly table: string } | readonly { readonly database: string; readonly table: string }[];
}

const NAME_AFTER = new Set(['FROM', 'JOIN', 'REFERENCES', 'LIKE', 'INTO', 'UPDATE']);
const OBJECT_KEYWORDS = new Set(['TABLE', 'VIEW', 'PROCEDURE', 'FUNCTION']);
/** Words that can follow a column name in a definition; a bare rename target equal to one is left alone. */
const NOT_A_COLUMN = new Set([
  'TINYINT', 'SMALLINT', 'MEDIUMINT', 'INT', 'INTEGER', 'BIGINT', 'DECIMAL', 'NUMERIC', 'FLOAT', 'DOUBLE', 'REAL', 'BIT', 'BOOL', 'BOOLEAN',
  'DATE', 'TIME', 'DATETIME', 'TIMESTAMP', 'YEAR', 'CHAR', 'VARCHAR', 'BINARY', 'VARBINARY', 'TINYBLOB', 'BLOB', 'MEDIUMBLOB', 'LONGBLOB',
  'TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT', 'ENUM', 'SET', 'JSON', 'GEOMETRY', 'POINT', 'UNSIGNED', 'ZEROFILL', 'NULL', 'NOT',
  'DEFAULT', 'COMMENT', 'COLLATE', 'CHARACTER', 'CHARSET', 'PRIMARY', 'KEY', 'UNIQUE', 'INDEX', 'AUTO_INCREMENT', 'ON', 'CURRENT_TIMESTAMP',
  'TABLE', 'ALTER', 'ADD', 'DROP', 'MODIFY', 'CHANGE', 'COLUMN', 'FIRST', 'AFTER', 'RENAME', 'TO', 'AS', 'CONSTRAINT', 'FOREIGN', 'REFERENCES',
  'CHECK', 'ENGINE', 'IF', 'EXISTS', 'CREATE', 'USING', 'BTREE', 'HASH',
]);

export function rewriteDdl(sql: string, names: DdlNames, options: RewriteOptions): string {
  const toks = tokenize(sql);
  const sig: number[] = [];
  toks.forEach((t, i) => { if (significant(t)) sig.push(i); });
  const replace = new Map<number, string>();
  const drop = new Set<number>();
  const tok = (k: number): Token | undefined => (k >= 0 && k < sig.length ? toks[sig[k]!] : undefined);
  const isDot = (k: number) => tok(k)?.kind === 'punct' && tok(k)?.value === '.';
  const handled = new Set<number>(); // sig positions already part of a rewritten name
  const defaultDb = options.defaultDatabase;

  /** Replaces the name at sig k (1, 2 or 3 parts); returns the position after it. */
  const rewriteNameAt = (k: number, force: boolean): number => {
    const a = tok(k);
    if (!isIdentifier(a)) return k + 1;
    if (isDot(k + 1) && isIdentifier(tok(k + 2))) {
      const b = tok(k + 2)!;
      const three = isDot(k + 3) && isIdentifier(tok(k + 4));
      if (names.isSelectedDatabase(a.value) || (force && !three)) {
        const mapped = names.table(a.value, b.value);
        replace.set(sig[k]!, quoteIdent(mapped.database));
        replace.set(sig[k + 2]!, quoteIdent(mapped.table));
        handled.add(k).add(k + 2);
        if (three) {
          const c = tok(k + 4)!;
          const renamed = names.renamesOf(a.value, b.value).get(c.value.toLowerCase());
          if (renamed !== undefined) replace.set(sig[k + 4]!, quoteIdent(renamed));
          handled.add(k + 4);
          return k + 5;
        }
      }
      return three ? k + 5 : k + 3;
    }
    if (force) {
      const mapped = names.table(defaultDb, a.value);
      replace.set(sig[k]!, `${quoteIdent(mapped.database)}.${quoteIdent(mapped.table)}`);
      handled.add(k);
    }
    return k + 1;
  };

  // 1. The statement's own object name.
  const head = headNamePosition(sig.length, tok);
  if (head !== undefined) rewriteNameAt(head, true);

  // 2. Qualified names and names after FROM/JOIN/…, left to right.
  for (let k = 0; k < sig.length; k++) {
    if (handled.has(k)) continue;
    const t = tok(k)!;
    if (isIdentifier(t) && isDot(k + 1) && isIdentifier(tok(k + 2)) && !isDot(k - 1)) {
      k = rewriteNameAt(k, false) - 1;
      continue;
    }
    if (upperWord(t) === 'RENAME' && upperWord(tok(0)) === 'ALTER') {
      // ALTER TABLE a …, RENAME [TO|AS] b (not RENAME COLUMN/INDEX/KEY)
      let j = k + 1;
      if (['COLUMN', 'INDEX', 'KEY'].includes(upperWord(tok(j)))) continue;
      if (['TO', 'AS'].includes(upperWord(tok(j)))) j++;
      if (isIdentifier(tok(j)) && !handled.has(j)) k = rewriteNameAt(j, true) - 1;
      continue;
    }
    // INTO names a table only in INSERT/REPLACE … INTO (SELECT … INTO names variables).
    const intoVariable = upperWord(t) === 'INTO' && !['INSERT', 'REPLACE', 'IGNORE', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY'].includes(upperWord(tok(k - 1)));
    if (NAME_AFTER.has(upperWord(t)) && !intoVariable && isIdentifier(tok(k + 1)) && !handled.has(k + 1)) {
      const n = tok(k + 1)!;
      const qualifiedNext = isDot(k + 2);
      const call = tok(k + 2)?.kind === 'punct' && tok(k + 2)?.value === '(' && upperWord(t) !== 'REFERENCES' && upperWord(t) !== 'INTO';
      if (!qualifiedNext && !call && names.isSelectedTable(defaultDb, n.value)) rewriteNameAt(k + 1, true);
    }
  }

  // 3. Column renames of the statement's table.
  if (options.columnsOf) {
    const targets = Array.isArray(options.columnsOf) ? options.columnsOf : [options.columnsOf as { database: string; table: string }];
    const renames = new Map(targets.flatMap((t) => [...names.renamesOf(t.database, t.table)]));
    if (renames.size > 0) {
      for (let k = 0; k < sig.length; k++) {
        if (handled.has(k) || isDot(k - 1) || isDot(k + 1)) continue;
        const t = tok(k)!;
        if (t.kind !== 'quoted' && !(t.kind === 'word' && !NOT_A_COLUMN.has(t.value.toUpperCase()))) continue;
        const renamed = renames.get(t.value.toLowerCase());
        if (renamed !== undefined) replace.set(sig[k]!, quoteIdent(renamed));
      }
    }
  }

  // 4. DEFINER = user@host | CURRENT_USER[()]
  for (let k = 0; k < sig.length; k++) {
    if (upperWord(tok(k)) !== 'DEFINER' || tok(k + 1)?.value !== '=') continue;
    let end = k + 2;
    if (upperWord(tok(end)) === 'CURRENT_USER') {
      end++;
      if (tok(end)?.value === '(' && tok(end + 1)?.value === ')') end += 2;
    } else {
      while (end < sig.length && (isIdentifier(tok(end)) || tok(end)?.kind === 'string' || tok(end)?.value === '@')) {
        if (isIdentifier(tok(end)) && ['SQL', 'VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'ALGORITHM'].includes(upperWord(tok(end)))) break;
        end++;
      }
    }
    for (let i = sig[k]!; i < (sig[end] ?? toks.length); i++) drop.add(i);
    break;
  }

  return toks.map((t, i) => (drop.has(i) ? '' : replace.get(i) ?? t.text)).join('');
}

/** Position (in significant tokens) of the statement's own object name, when it has one. */
function headNamePosition(count: number, tok: (k: number) => Token | undefined): number | undefined {
  const verb = upperWord(tok(0));
  let k = 1;
  if (verb === 'CREATE' || verb === 'ALTER' || verb === 'DROP') {
    for (; k < Math.min(count, 60); k++) {
      const w = upperWord(tok(k));
      if (OBJECT_KEYWORDS.has(w)) {
        k++;
        if (upperWord(tok(k)) === 'IF') k += upperWord(tok(k + 1)) === 'NOT' ? 3 : 2;
        return isIdentifier(tok(k)) ? k : undefined;
      }
      if (w === 'INDEX' || w === 'KEY') {
        // CREATE [UNIQUE] INDEX name ON tbl
        for (; k < Math.min(count, 60); k++) if (upperWord(tok(k)) === 'ON') return isIdentifier(tok(k + 1)) ? k + 1 : undefined;
        return undefined;
      }
      if (w === 'DATABASE' || w === 'SCHEMA' || w === 'TRIGGER' || w === 'EVENT' || w === 'USER') return undefined;
      if (w === 'DEFINER') {
        // skip "= user@host"
        continue;
      }
    }
  }
  if (verb === 'TRUNCATE') {
    if (upperWord(tok(k)) === 'TABLE') k++;
    return isIdentifier(tok(k)) ? k : undefined;
  }
  return undefined;
}

/** The same identifier text the server would print (for comparisons in tests and logs). */
export function quoteName(name: TableName): string {
  return `${quoteIdent(name.database)}.${quoteIdent(name.table)}`;
}
