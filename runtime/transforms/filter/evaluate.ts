/**
 * Evaluates a FilterExpr against a row with MySQL semantics:
 * - NULL three-valued logic; a WHERE keeps a row only when the condition is TRUE.
 * - Comparison types as MySQL resolves them: two strings compare as strings (utf8mb4_general_ci,
 *   PAD SPACE; binary strings byte-wise); two integers exactly; integer/DECIMAL exactly; a DATE/
 *   DATETIME/TIMESTAMP/TIME column against a string as temporal values ('2024-01-01' equals
 *   DATETIME '2024-01-01 00:00:00'); anything else as doubles ('10' = 10.0, 'abc' = 0).
 * - Arithmetic: integer and DECIMAL exact (bigint), `/` gives DECIMAL with scale + 4
 *   (div_precision_increment), division or modulo by zero is NULL, strings become doubles.
 * Column values are typed by the table's ColumnMeta when given (a DECIMAL arrives as a JS string and
 * must compare as a number); column names match case-insensitively as in MySQL.
 * Dialect: MySQL 8 compares an integer/DECIMAL with a string as doubles (its manual); MariaDB (10.11,
 * checked against the server) converts the string to DECIMAL and compares exactly, so
 * 9007199254740993 = '9007199254740992' is 1 on MySQL and 0 on MariaDB. Pass the source's dialect
 * (VERSION() contains "MariaDB") so binlog rows and the pushed-down full-sync SELECT agree.
 * Not modelled: ENUM in numeric context (MySQL uses the index), JSON comparison rules (JSON compares
 * as its text), integer overflow errors (we compute exactly instead of failing).
 */
import type { ColumnMeta, ColumnValue, Row } from '../../events/change-event.js';
import type { CompareOp, FilterExpr } from './ast.js';
import { compareBinary, compareCi, like } from './collation.js';
import {
  asDecimal, boolValue, columnClasses, compareDecimal, dbl, decimalToString, FALSE_VALUE, int, parseDecimal,
  pow10, rescale, str, stringToDecimal, toColumnValue, toDouble, toText, truth, TRUE_VALUE, fromColumnValue,
} from './values.js';
import type { ColumnClass, Decimal, SqlValue } from './values.js';

export type { SqlValue } from './values.js';

const DIV_PRECISION_INCREMENT = 4;

export class UnknownColumnError extends Error {
  constructor(readonly column: string) {
    super(`unknown column \`${column}\` in filter or expression: the table has no such column (check the name and case)`);
  }
}

/** A filter bound to a table's columns; evaluate many rows with it. */
export interface CompiledExpression {
  /** The SQL value (NULL = null). */
  value(row: Row): SqlValue;
  /** WHERE semantics: true only when the expression is TRUE. */
  matches(row: Row): boolean;
  /** The value in ChangeEvent form (for computed columns). */
  columnValue(row: Row): ColumnValue;
}

export type SqlDialect = 'mysql' | 'mariadb';
export interface EvaluateOptions {
  /** Default 'mysql'. */
  readonly dialect?: SqlDialect;
}

export function compileExpression(expr: FilterExpr, columns?: readonly ColumnMeta[], options: EvaluateOptions = {}): CompiledExpression {
  const classes = columnClasses(columns);
  const dialect = options.dialect ?? 'mysql';
  const value = (row: Row): SqlValue => evaluate(expr, new RowScope(row, classes, dialect));
  return {
    value,
    matches: (row) => truth(value(row)) === true,
    columnValue: (row) => toColumnValue(value(row)),
  };
}

/** One-shot WHERE evaluation; prefer compileExpression for many rows. */
export function evaluateFilter(expr: FilterExpr, row: Row, columns?: readonly ColumnMeta[], options?: EvaluateOptions): boolean {
  return compileExpression(expr, columns, options).matches(row);
}

export function evaluateExpression(expr: FilterExpr, row: Row, columns?: readonly ColumnMeta[], options?: EvaluateOptions): SqlValue {
  return compileExpression(expr, columns, options).value(row);
}

class RowScope {
  private lowerKeys: Map<string, string> | undefined;
  constructor(
    private readonly row: Row,
    private readonly classes: ReadonlyMap<string, ColumnClass>,
    readonly dialect: SqlDialect,
  ) {}

  lookup(name: string): SqlValue {
    let key = name;
    if (!Object.prototype.hasOwnProperty.call(this.row, key)) {
      this.lowerKeys ??= new Map(Object.keys(this.row).map((k) => [k.toLowerCase(), k]));
      const found = this.lowerKeys.get(name.toLowerCase());
      if (found === undefined) throw new UnknownColumnError(name);
      key = found;
    }
    return fromColumnValue(this.row[key], this.classes.get(key.toLowerCase()));
  }
}

function evaluate(e: FilterExpr, scope: RowScope): SqlValue {
  switch (e.kind) {
    case 'column': return scope.lookup(e.name);
    case 'null': return null;
    case 'bool': return e.value ? TRUE_VALUE : FALSE_VALUE;
    case 'number': return numberLiteral(e.text, e.numeric);
    case 'string': return str(e.value);
    case 'negate': return negate(evaluate(e.operand, scope));
    case 'not': { const t = truth(evaluate(e.operand, scope)); return boolValue(t === null ? null : !t); }
    case 'logical': return logical(e.op, e, scope);
    case 'compare': {
      const c = compare(evaluate(e.left, scope), evaluate(e.right, scope), e.op === '<=>', scope.dialect);
      return boolValue(c === null ? null : applyCompare(e.op, c));
    }
    case 'arith': return arith(e.op, evaluate(e.left, scope), evaluate(e.right, scope));
    case 'in': {
      const left = evaluate(e.operand, scope);
      let sawNull = false;
      for (const item of e.list) {
        const c = compare(left, evaluate(item, scope), false, scope.dialect);
        if (c === 0) return boolValue(!e.negated);
        if (c === null) sawNull = true;
      }
      return sawNull ? null : boolValue(e.negated);
    }
    case 'between': {
      const v = evaluate(e.operand, scope);
      const lo = compare(v, evaluate(e.low, scope), false, scope.dialect);
      const hi = compare(v, evaluate(e.high, scope), false, scope.dialect);
      const r = and(lo === null ? null : lo >= 0, hi === null ? null : hi <= 0);
      return boolValue(r === null ? null : e.negated ? !r : r);
    }
    case 'like': {
      const v = evaluate(e.operand, scope);
      const p = evaluate(e.pattern, scope);
      if (v === null || p === null) return null;
      const binary = (v.t === 'str' && v.binary === true) || (p.t === 'str' && p.binary === true);
      const r = like(toText(v), toText(p), e.escape ?? '\\', binary);
      return boolValue(e.negated ? !r : r);
    }
    case 'isNull': return boolValue((evaluate(e.operand, scope) === null) !== e.negated);
    case 'isBool': {
      const t = truth(evaluate(e.operand, scope));
      return boolValue((t === e.value) !== e.negated);
    }
    case 'call': return call(e.name, e.args.map((a) => () => evaluate(a, scope)));
  }
}

function numberLiteral(text: string, numeric: 'integer' | 'decimal' | 'double'): SqlValue {
  if (numeric === 'double') return dbl(Number(text));
  if (numeric === 'integer') return int(BigInt(text));
  return { t: 'dec', v: parseDecimal(text)! };
}

function and(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function logical(op: 'AND' | 'OR' | 'XOR', e: { left: FilterExpr; right: FilterExpr }, scope: RowScope): SqlValue {
  const a = truth(evaluate(e.left, scope));
  if (op === 'AND' && a === false) return FALSE_VALUE;
  if (op === 'OR' && a === true) return TRUE_VALUE;
  const b = truth(evaluate(e.right, scope));
  if (op === 'AND') return boolValue(and(a, b));
  if (op === 'OR') return boolValue(b === true ? true : a === null || b === null ? null : false);
  return boolValue(a === null || b === null ? null : a !== b);
}

function applyCompare(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=': case '<=>': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** -1/0/1, or null when the comparison is NULL. nullSafe: NULL <=> NULL is 0, NULL <=> x is "not equal". */
export function compare(a: SqlValue, b: SqlValue, nullSafe: boolean, dialect: SqlDialect = 'mysql'): number | null {
  if (a === null || b === null) {
    if (!nullSafe) return null;
    return a === null && b === null ? 0 : 1;
  }
  if (a.t === 'str' && b.t === 'str') {
    const temporal = a.temporal ?? b.temporal;
    if (temporal) {
      const ta = canonicalTemporal(a.v, a.temporal ?? temporal, temporal);
      const tb = canonicalTemporal(b.v, b.temporal ?? temporal, temporal);
      // Both sides parse as the same temporal type (string vs string, or bigint vs bigint for TIME).
      if (ta !== null && tb !== null && typeof ta === typeof tb) return ta === tb ? 0 : ta < tb ? -1 : 1;
    }
    return a.binary || b.binary ? compareBinary(a.v, b.v) : compareCi(a.v, b.v);
  }
  if (a.t === 'int' && b.t === 'int') return a.v === b.v ? 0 : a.v < b.v ? -1 : 1;
  if ((a.t === 'int' || a.t === 'dec') && (b.t === 'int' || b.t === 'dec')) return compareDecimal(asDecimal(a), asDecimal(b));
  if (dialect === 'mariadb') {
    if (isExact(a) && b.t === 'str' && !b.temporal) return compareDecimal(asDecimal(a), stringToDecimal(b.v));
    if (a.t === 'str' && !a.temporal && isExact(b)) return compareDecimal(stringToDecimal(a.v), asDecimal(b));
  }
  const x = toDouble(a);
  const y = toDouble(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return null;
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * A temporal value in a comparable form: DATE/DATETIME -> 'YYYY-MM-DD hh:mm:ss.ffffff' (a DATE is
 * midnight), TIME -> signed microseconds. `own` is how this side is typed, `context` the column's type.
 */
function canonicalTemporal(s: string, own: string, context: string): string | bigint | null {
  if (context === 'time' && own !== 'date' && own !== 'datetime') return parseTime(s);
  return parseDateTime(s);
}

function parseDateTime(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{2,4})[-/.:](\d{1,2})[-/.:](\d{1,2})(?:[ T](\d{1,2})(?:[:.](\d{1,2})(?:[:.](\d{1,2})(?:\.(\d{0,6}))?)?)?)?$/.exec(t);
  if (!m) {
    m = /^(\d{4}|\d{2})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})(?:\.(\d{0,6}))?)?$/.exec(t);
    if (!m) return null;
  }
  let year = m[1]!;
  if (year.length === 2) year = (Number(year) < 70 ? '20' : '19') + year;
  const p2 = (x: string | undefined): string => (x ?? '0').padStart(2, '0');
  return `${year.padStart(4, '0')}-${p2(m[2])}-${p2(m[3])} ${p2(m[4])}:${p2(m[5])}:${p2(m[6])}.${(m[7] ?? '').padEnd(6, '0')}`;
}

function parseTime(s: string): bigint | null {
  const m = /^\s*(-)?(?:(\d+) )?(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,6}))?)?\s*$/.exec(s)
    ?? /^\s*(-)?()(\d{1,3})(\d{2})(\d{2})(?:\.(\d{0,6}))?\s*$/.exec(s);
  if (!m) return null;
  const hours = BigInt(m[2] || '0') * 24n + BigInt(m[3]!);
  const micros = ((hours * 60n + BigInt(m[4]!)) * 60n + BigInt(m[5] ?? '0')) * 1_000_000n + BigInt((m[6] ?? '').padEnd(6, '0'));
  return m[1] ? -micros : micros;
}

type Exact = { t: 'int'; v: bigint } | { t: 'dec'; v: Decimal };
const isExact = (v: Exclude<SqlValue, null>): v is Exact => v.t === 'int' || v.t === 'dec';

function negate(v: SqlValue): SqlValue {
  if (v === null) return null;
  if (v.t === 'int') return int(-v.v);
  if (v.t === 'dec') return { t: 'dec', v: { unscaled: -v.v.unscaled, scale: v.v.scale } };
  return dbl(-toDouble(v));
}

/** Round half away from zero: a / b for bigints. */
function divRound(a: bigint, b: bigint): bigint {
  const neg = (a < 0n) !== (b < 0n);
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const q = (x * 2n + y) / (y * 2n);
  return neg ? -q : q;
}

function dec(v: Decimal): SqlValue {
  return v.scale === 0 ? int(v.unscaled) : { t: 'dec', v };
}

function arith(op: '+' | '-' | '*' | '/' | '%' | 'DIV', a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  if (isExact(a) && isExact(b)) {
    if (a.t === 'int' && b.t === 'int') {
      switch (op) {
        case '+': return int(a.v + b.v);
        case '-': return int(a.v - b.v);
        case '*': return int(a.v * b.v);
        case 'DIV': return b.v === 0n ? null : int(a.v / b.v);
        case '%': return b.v === 0n ? null : int(a.v % b.v);
        case '/': break;
      }
    }
    const x = asDecimal(a);
    const y = asDecimal(b);
    const s = Math.max(x.scale, y.scale);
    switch (op) {
      case '+': return { t: 'dec', v: { unscaled: rescale(x, s) + rescale(y, s), scale: s } };
      case '-': return { t: 'dec', v: { unscaled: rescale(x, s) - rescale(y, s), scale: s } };
      case '*': return { t: 'dec', v: { unscaled: x.unscaled * y.unscaled, scale: x.scale + y.scale } };
      case '%': {
        const ys = rescale(y, s);
        return ys === 0n ? null : { t: 'dec', v: { unscaled: rescale(x, s) % ys, scale: s } };
      }
      case 'DIV': {
        const ys = rescale(y, s);
        return ys === 0n ? null : int(rescale(x, s) / ys);
      }
      case '/': {
        if (y.unscaled === 0n) return null;
        const scale = x.scale + DIV_PRECISION_INCREMENT;
        // x/y = (ux/10^sx) / (uy/10^sy); result unscaled at `scale` = ux * 10^(sy + scale - sx) / uy
        return { t: 'dec', v: { unscaled: divRound(x.unscaled * pow10(y.scale + DIV_PRECISION_INCREMENT), y.unscaled), scale } };
      }
    }
  }
  const x = toDouble(a);
  const y = toDouble(b);
  switch (op) {
    case '+': return dbl(x + y);
    case '-': return dbl(x - y);
    case '*': return dbl(x * y);
    case '/': return y === 0 ? null : dbl(x / y);
    case '%': return y === 0 ? null : dbl(x % y);
    case 'DIV': return y === 0 ? null : int(BigInt(Math.trunc(x / y)));
  }
}

function mapChars(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

function call(name: string, args: readonly (() => SqlValue)[]): SqlValue {
  switch (name) {
    case 'UPPER': case 'LOWER': {
      const v = args[0]!();
      if (v === null) return null;
      if (v.t === 'str' && v.binary) return v; // MySQL: UPPER/LOWER do nothing to binary strings
      return str(mapChars(toText(v), (c) => (name === 'UPPER' ? c.toUpperCase() : c.toLowerCase())));
    }
    case 'CONCAT': {
      let out = '';
      let binary = false;
      for (const a of args) {
        const v = a();
        if (v === null) return null;
        if (v.t === 'str' && v.binary) binary = true;
        out += toText(v);
      }
      return binary ? { t: 'str', v: out, binary: true } : str(out);
    }
    case 'COALESCE': case 'IFNULL':
      for (const a of args) { const v = a(); if (v !== null) return v; }
      return null;
    case 'ABS': {
      const v = args[0]!();
      if (v === null) return null;
      if (v.t === 'int') return int(v.v < 0n ? -v.v : v.v);
      if (v.t === 'dec') return dec({ unscaled: v.v.unscaled < 0n ? -v.v.unscaled : v.v.unscaled, scale: v.v.scale });
      return dbl(Math.abs(toDouble(v)));
    }
    case 'CHAR_LENGTH': case 'LENGTH': {
      const v = args[0]!();
      if (v === null) return null;
      const text = toText(v);
      if (v.t === 'str' && v.binary) return int(BigInt(text.length));
      return int(BigInt(name === 'LENGTH' ? Buffer.byteLength(text, 'utf8') : [...text].length));
    }
    default: throw new Error(`function ${name}() has no evaluator`);
  }
}

export { decimalToString };
