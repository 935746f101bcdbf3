/**
 * SQL values as the evaluator sees them, and the MySQL conversions between them. Integers are bigint
 * and DECIMAL is an exact (unscaled bigint, scale) pair, so BIGINT UNSIGNED and DECIMAL(65,30) never
 * pass through a double unless MySQL itself would convert them (a number compared with a string).
 */
import type { ColumnMeta, ColumnValue } from '../../events/change-event.js';

export interface Decimal { readonly unscaled: bigint; readonly scale: number }
export type Temporal = 'date' | 'datetime' | 'time';

export type SqlValue =
  | null
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'dec'; readonly v: Decimal }
  | { readonly t: 'dbl'; readonly v: number }
  /** `binary`: bytes held as latin1, compared byte-wise. `temporal`: the value of a DATE/DATETIME/TIMESTAMP/TIME column. */
  | { readonly t: 'str'; readonly v: string; readonly binary?: boolean; readonly temporal?: Temporal };

export type ColumnClass = 'integer' | 'decimal' | 'double' | 'bit' | 'binary' | 'string' | Temporal;

/** How a column's values are typed, from its MySQL type text ("bigint(20) unsigned", "decimal(10,2)" ...). */
export function classifyColumn(mysqlType: string): ColumnClass {
  const t = mysqlType.trim().toLowerCase();
  if (/^(tinyint|smallint|mediumint|int|integer|bigint|year|bool|boolean)\b/.test(t)) return 'integer';
  if (/^(decimal|numeric|dec|fixed)\b/.test(t)) return 'decimal';
  if (/^(float|double|real)\b/.test(t)) return 'double';
  if (/^bit\b/.test(t)) return 'bit';
  if (/^(datetime|timestamp)\b/.test(t)) return 'datetime';
  if (/^date\b/.test(t)) return 'date';
  if (/^time\b/.test(t)) return 'time';
  if (/^(binary|varbinary|tinyblob|blob|mediumblob|longblob)\b/.test(t)) return 'binary';
  return 'string';
}

export const int = (v: bigint): SqlValue => ({ t: 'int', v });
export const dbl = (v: number): SqlValue => ({ t: 'dbl', v });
export const str = (v: string): SqlValue => ({ t: 'str', v });
export const TRUE_VALUE: SqlValue = int(1n);
export const FALSE_VALUE: SqlValue = int(0n);
export const boolValue = (b: boolean | null): SqlValue => (b === null ? null : b ? TRUE_VALUE : FALSE_VALUE);

const POW10: bigint[] = [1n];
export function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

/** Exact decimal from text like "-123.4500" or "12." (no exponent). */
export function parseDecimal(text: string): Decimal | null {
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const unscaled = BigInt((m[2] || '0') + frac);
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale: frac.length };
}

export function decimalToString(d: Decimal): string {
  const neg = d.unscaled < 0n;
  const digits = (neg ? -d.unscaled : d.unscaled).toString().padStart(d.scale + 1, '0');
  const body = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return neg ? `-${body}` : body;
}

export function rescale(d: Decimal, scale: number): bigint {
  return d.unscaled * pow10(scale - d.scale);
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const s = Math.max(a.scale, b.scale);
  const x = rescale(a, s);
  const y = rescale(b, s);
  return x === y ? 0 : x < y ? -1 : 1;
}

export const asDecimal = (v: { t: 'int'; v: bigint } | { t: 'dec'; v: Decimal }): Decimal =>
  v.t === 'int' ? { unscaled: v.v, scale: 0 } : v.v;

/** MySQL string -> number: the longest numeric prefix after leading spaces; no prefix -> 0 ('abc' = 0). */
export function stringToDouble(s: string): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** MariaDB string -> DECIMAL (exact) for comparison with an integer/DECIMAL: numeric prefix, exponent applied exactly. */
export function stringToDecimal(s: string): Decimal {
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(s);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return { unscaled: 0n, scale: 0 };
  const frac = m[3] ?? '';
  let unscaled = BigInt(`${m[2] || '0'}${frac}`);
  let scale = frac.length - Number(m[4] ?? '0');
  if (scale < 0) { unscaled *= pow10(-scale); scale = 0; }
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale };
}

/** A temporal value in numeric context: '2024-01-02 03:04:05' -> 20240102030405. */
function temporalToDouble(s: string): number {
  const neg = s.trim().startsWith('-');
  const [whole, frac] = s.split('.');
  const digits = (whole ?? '').replace(/\D/g, '');
  const n = Number(`${digits || '0'}${frac ? `.${frac.replace(/\D/g, '')}` : ''}`);
  return neg ? -n : n;
}

export function toDouble(v: Exclude<SqlValue, null>): number {
  switch (v.t) {
    case 'int': return Number(v.v);
    case 'dec': return Number(decimalToString(v.v));
    case 'dbl': return v.v;
    case 'str': return v.temporal ? temporalToDouble(v.v) : stringToDouble(v.v);
  }
}

/** Number to text as MySQL prints it in string context (CONCAT, LIKE). */
export function toText(v: Exclude<SqlValue, null>): string {
  switch (v.t) {
    case 'int': return v.v.toString();
    case 'dec': return decimalToString(v.v);
    case 'dbl': return formatDouble(v.v);
    case 'str': return v.v;
  }
}

function formatDouble(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n.toString();
  const s = n.toString();
  // JS writes 1e+21; MySQL writes 1e21.
  return s.replace('e+', 'e');
}

/** SQL truth: NULL -> null, else the value as a number is non-zero. */
export function truth(v: SqlValue): boolean | null {
  if (v === null) return null;
  switch (v.t) {
    case 'int': return v.v !== 0n;
    case 'dec': return v.v.unscaled !== 0n;
    default: return toDouble(v) !== 0;
  }
}

function bytesToBigint(b: Buffer): bigint {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n;
}

function isJsonContainer(v: ColumnValue): boolean {
  return typeof v === 'object' && v !== null && !Buffer.isBuffer(v) && !Array.isArray(v);
}

/** A row value typed by its column. Without a column class, values are typed by their JS type. */
export function fromColumnValue(value: ColumnValue | undefined, cls: ColumnClass | undefined): SqlValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) {
    if (cls === 'bit' || cls === 'integer') return int(bytesToBigint(value));
    return { t: 'str', v: value.toString('latin1'), binary: true };
  }
  if (typeof value === 'bigint') return cls === 'decimal' ? { t: 'dec', v: { unscaled: value, scale: 0 } } : int(value);
  if (typeof value === 'boolean') return int(value ? 1n : 0n);
  if (typeof value === 'number') {
    if (cls === 'double' || !Number.isFinite(value)) return dbl(value);
    if (cls === 'decimal') { const d = parseDecimal(String(value)); if (d) return { t: 'dec', v: d }; }
    return Number.isInteger(value) && Number.isSafeInteger(value) ? int(BigInt(value)) : dbl(value);
  }
  if (typeof value === 'string') {
    switch (cls) {
      case 'integer': case 'bit':
        if (/^\s*[+-]?\d+\s*$/.test(value)) return int(BigInt(value.trim()));
        return dbl(stringToDouble(value));
      case 'decimal': {
        const d = parseDecimal(value);
        return d ? { t: 'dec', v: d } : dbl(stringToDouble(value));
      }
      case 'double': return dbl(stringToDouble(value));
      case 'date': case 'datetime': case 'time': return { t: 'str', v: value, temporal: cls };
      case 'binary': return { t: 'str', v: value, binary: true };
      default: return str(value);
    }
  }
  if (Array.isArray(value)) return str(value.join(','));
  if (isJsonContainer(value)) return str(JSON.stringify(value));
  return str(String(value));
}

/** An evaluated value back in ChangeEvent form (computed columns). */
export function toColumnValue(v: SqlValue): ColumnValue {
  if (v === null) return null;
  switch (v.t) {
    case 'int': return v.v >= BigInt(Number.MIN_SAFE_INTEGER) && v.v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.v) : v.v;
    case 'dec': return decimalToString(v.v);
    case 'dbl': return v.v;
    case 'str': return v.binary ? Buffer.from(v.v, 'latin1') : v.v;
  }
}

export function columnClasses(columns: readonly ColumnMeta[] | undefined): Map<string, ColumnClass> {
  const m = new Map<string, ColumnClass>();
  for (const c of columns ?? []) m.set(c.name.toLowerCase(), classifyColumn(c.mysqlType));
  return m;
}

/** A value as text the way a client prints the result of `SELECT <expr>` (tests and logs). */
export function sqlValueText(v: SqlValue): string | null {
  if (v === null) return null;
  if (v.t === 'dbl') return String(v.v);
  return toText(v);
}
