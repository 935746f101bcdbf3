/** Leading comments and MariaDB/MySQL executable comments stripped for keyword checks. */
export function stripLeadingComments(sql: string): string {
  let s = sql.trimStart();
  for (;;) {
    if (s.startsWith('/*') && !s.startsWith('/*!') && !s.startsWith('/*M!')) {
      const end = s.indexOf('*/');
      if (end < 0) return s;
      s = s.slice(end + 2).trimStart();
    } else if (s.startsWith('-- ') || s.startsWith('#')) {
      const end = s.indexOf('\n');
      if (end < 0) return '';
      s = s.slice(end + 1).trimStart();
    } else {
      return s;
    }
  }
}

const DDL_KEYWORDS = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'TRUNCATE']);

/** True for schema statements delivered as DDL events (not GRANT, FLUSH, ANALYZE, statement-format DML ...). */
export function isDdlStatement(sql: string): boolean {
  const m = /^([A-Za-z]+)/.exec(stripLeadingComments(sql));
  if (!m?.[1]) return false;
  const word = m[1].toUpperCase();
  if (!DDL_KEYWORDS.has(word)) return false;
  // CREATE/DROP USER, ROLE, SERVER are account administration, not schema changes.
  return !/^\s*(CREATE|DROP|ALTER|RENAME)\s+(USER|ROLE|SERVER)\b/i.test(stripLeadingComments(sql));
}

const NAME = '(?:`((?:[^`]|``)+)`|([A-Za-z0-9_$]+))';
const QUALIFIED = `${NAME}(?:\\s*\\.\\s*${NAME})?`;

function unquote(a: string | undefined, b: string | undefined): string | undefined {
  if (a !== undefined) return a.replace(/``/g, '`');
  return b;
}

/** The table a DDL statement obviously targets (first one for RENAME), with its database when qualified. */
export function ddlTarget(sql: string, defaultDatabase: string): { database: string; table?: string } {
  const s = stripLeadingComments(sql);
  const patterns = [
    new RegExp(`^(?:CREATE|ALTER|DROP|TRUNCATE)\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?(?:ONLINE\\s+|IGNORE\\s+)?TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?${QUALIFIED}`, 'i'),
    new RegExp(`^TRUNCATE\\s+${QUALIFIED}`, 'i'),
    new RegExp(`^RENAME\\s+TABLES?\\s+${QUALIFIED}`, 'i'),
    new RegExp(`^(?:CREATE|DROP)\\s+(?:OR\\s+REPLACE\\s+)?(?:ONLINE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?${NAME}\\s+(?:USING\\s+\\w+\\s+)?ON\\s+${QUALIFIED}`, 'i'),
  ];
  for (const [i, re] of patterns.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    const g = i === 3 ? m.slice(3) : m.slice(1);
    const first = unquote(g[0], g[1]);
    const second = unquote(g[2], g[3]);
    if (second !== undefined) return { database: first ?? defaultDatabase, table: second };
    if (first !== undefined) return { database: defaultDatabase, table: first };
  }
  const db = new RegExp(`^(?:CREATE|DROP|ALTER)\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?${NAME}`, 'i').exec(s);
  if (db) return { database: unquote(db[1], db[2]) ?? defaultDatabase };
  return { database: defaultDatabase };
}

/**
 * The table a statement-format DML statement writes (INSERT/REPLACE [INTO], UPDATE, DELETE FROM,
 * LOAD DATA ... INTO TABLE), or undefined when the statement is not DML. A ROW-format binlog carries
 * DML only as row events; such a statement means a session wrote with binlog_format=STATEMENT/MIXED.
 */
export function statementDmlTarget(sql: string, defaultDatabase: string): { database: string; table: string } | undefined {
  const s = stripLeadingComments(sql);
  const patterns = [
    new RegExp(`^(?:INSERT|REPLACE)\\s+(?:LOW_PRIORITY\\s+|DELAYED\\s+|HIGH_PRIORITY\\s+)?(?:IGNORE\\s+)?(?:INTO\\s+)?${QUALIFIED}`, 'i'),
    new RegExp(`^UPDATE\\s+(?:LOW_PRIORITY\\s+)?(?:IGNORE\\s+)?${QUALIFIED}`, 'i'),
    new RegExp(`^DELETE\\s+(?:LOW_PRIORITY\\s+)?(?:QUICK\\s+)?(?:IGNORE\\s+)?FROM\\s+${QUALIFIED}`, 'i'),
    new RegExp(`^LOAD\\s+DATA\\s+.*?\\s+INTO\\s+TABLE\\s+${QUALIFIED}`, 'is'),
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const first = unquote(m[1], m[2]);
    const second = unquote(m[3], m[4]);
    if (second !== undefined) return { database: first ?? defaultDatabase, table: second };
    if (first !== undefined) return { database: defaultDatabase, table: first };
  }
  return undefined;
}
