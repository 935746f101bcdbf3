/**
 * Renders a FilterExpr back to SQL for the full-sync SELECT (`... WHERE <filterToSql(ast)>`), so the
 * server filters snapshot rows with the same expression the evaluator applies to binlog rows.
 * Safe by construction: every compound is parenthesised (no precedence surprises), identifiers are
 * backquoted with ` doubled, and string literals never depend on sql_mode: plain text is written as
 * '...' with ' doubled; text containing a backslash or a control character is written as
 * _utf8mb4 X'<hex>', which means the same bytes with or without NO_BACKSLASH_ESCAPES.
 */
import { quoteIdent } from '../../util/sql-identifiers.js';
import type { FilterExpr } from './ast.js';

export function quoteString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return `_utf8mb4 X'${Buffer.from(value, 'utf8').toString('hex').toUpperCase()}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

export function filterToSql(e: FilterExpr): string {
  switch (e.kind) {
    case 'column': return quoteIdent(e.name);
    case 'null': return 'NULL';
    case 'bool': return e.value ? 'TRUE' : 'FALSE';
    // A negative literal is parenthesised so "a - -1" never renders as "a --1".
    case 'number': return e.text.startsWith('-') ? `(${e.text})` : e.text;
    case 'string': return quoteString(e.value);
    case 'negate': return `(- ${filterToSql(e.operand)})`;
    case 'not': return `(NOT ${filterToSql(e.operand)})`;
    case 'logical': case 'compare': case 'arith':
      return `(${filterToSql(e.left)} ${e.op} ${filterToSql(e.right)})`;
    case 'in':
      return `(${filterToSql(e.operand)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map(filterToSql).join(', ')}))`;
    case 'between':
      return `(${filterToSql(e.operand)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${filterToSql(e.low)} AND ${filterToSql(e.high)})`;
    case 'like': {
      const escape = e.escape === undefined ? '' : ` ESCAPE ${quoteString(e.escape)}`;
      return `(${filterToSql(e.operand)} ${e.negated ? 'NOT LIKE' : 'LIKE'} ${filterToSql(e.pattern)}${escape})`;
    }
    case 'isNull': return `(${filterToSql(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'isBool': {
      const v = e.value === null ? 'UNKNOWN' : e.value ? 'TRUE' : 'FALSE';
      return `(${filterToSql(e.operand)} IS ${e.negated ? 'NOT ' : ''}${v})`;
    }
    case 'call': return `${e.name}(${e.args.map(filterToSql).join(', ')})`;
  }
}
