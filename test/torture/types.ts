// The column types the torture generator draws from (every MariaDB 10.11 type family), each with a
// value generator that writes SQL literals: the limits, the awkward values (zero dates, negative
// TIME, -0, 4-byte characters, every byte 00-FF, JSON null and big numbers, IPv4-mapped INET6 ...)
// and random ones. Key shapes are separate (schema.ts): their values come from small domains so
// keys collide, move and come back.
import type { Rng } from './rng.js';

export interface ColumnType {
  /** Column definition after the name, e.g. "DECIMAL(65,30)". */
  readonly sql: string;
  /** A SQL literal (or expression) of a valid value, or NULL. */
  value(r: Rng): string;
}

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const hex = (b: Buffer) => (b.length === 0 ? "''" : `X'${b.toString('hex')}'`);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const frac = (r: Rng, p: number) => (p > 0 ? '.' + Array.from({ length: p }, () => r.int(0, 9)).join('') : '');

const TEXT_POOL = ['', ' ', 'a', 'A', 'abc', 'ABC', 'abc ', 'àbc', 'ÀBC', '😀', '𝄞 music', '中文', 'e\u0301', "it's", 'back\\slash', 'tab\there', 'nl\nx', '\u0000nul', '007', '07', '7'];
const JSON_POOL = [
  'null', 'true', 'false', '0', '-0.0', '0.10', '1e400', '123456789012345678901234567890', '"str"', '"\\u00e9\\ud83d\\ude00"',
  '{}', '[]', '{"b": 1, "a": 2}', '{"a":2,"b":1}', '{ "nested" : { "x" : [1, 2.50, {"y": null}] } }', '[1,  2,\n3]',
  '{"big": 123456789012345678901234567890, "neg": -0.0, "dec": 0.10}', '"😀"',
];

function intType(sql: string, lo: bigint, hi: bigint): ColumnType {
  return {
    sql,
    value: (r) => {
      const specials = [lo, hi, 0n, 1n, lo + 1n, hi - 1n];
      if (r.chance(0.4)) return r.pick(specials).toString();
      const span = hi - lo;
      const x = lo + (BigInt(Math.floor(r.next() * 2 ** 31)) * BigInt(Math.floor(r.next() * 2 ** 31)) * BigInt(r.int(1, 7))) % (span + 1n);
      return x.toString();
    },
  };
}

function decimalType(p: number, s: number): ColumnType {
  return {
    sql: `DECIMAL(${p},${s})`,
    value: (r) => {
      const intDigits = p - s;
      const max = `${'9'.repeat(intDigits) || '0'}${s ? '.' + '9'.repeat(s) : ''}`;
      const specials = [max, `-${max}`, '0', s ? `0.${'0'.repeat(s - 1)}1` : '1', s >= 2 ? '0.10' : '10'];
      if (r.chance(0.4)) return r.pick(specials);
      const ip = Array.from({ length: r.int(1, Math.max(1, intDigits)) }, () => r.int(0, 9)).join('').replace(/^0+(?=\d)/, '');
      return `${r.chance(0.3) ? '-' : ''}${ip || '0'}${s ? '.' + Array.from({ length: r.int(1, s) }, () => r.int(0, 9)).join('') : ''}`;
    },
  };
}

function temporal(kind: 'DATETIME' | 'TIMESTAMP' | 'TIME', p: number): ColumnType {
  return {
    sql: `${kind}(${p})${kind === 'TIMESTAMP' ? ' NULL' : ''}`,
    value: (r) => {
      if (kind === 'TIME') {
        const specials = ['-838:59:59', '838:59:59', '00:00:00', '-00:00:01'];
        if (r.chance(0.3)) return q(r.pick(specials));
        return q(`${r.chance(0.3) ? '-' : ''}${pad(r.int(0, 837), 2)}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${frac(r, p)}`);
      }
      if (kind === 'TIMESTAMP') {
        if (r.chance(0.2)) return q(r.pick(['1970-01-01 00:00:01', '2038-01-19 03:14:07', '0000-00-00 00:00:00']));
        return q(`${r.int(1971, 2037)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))} ${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${frac(r, p)}`);
      }
      if (r.chance(0.3)) return q(r.pick(['0000-00-00 00:00:00', '1000-01-01 00:00:00', `9999-12-31 23:59:59${p ? '.' + '9'.repeat(p) : ''}`, '2020-00-00 00:00:00']));
      return q(`${r.int(1000, 9999)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))} ${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${frac(r, p)}`);
    },
  };
}

function randomText(r: Rng, maxChars: number): string {
  const parts: string[] = [];
  const n = r.int(0, 4);
  for (let i = 0; i < n; i++) parts.push(r.pick(TEXT_POOL));
  return [...parts.join('')].slice(0, maxChars).join('');
}

function geometryWkt(r: Rng, kind: string): string {
  const pt = () => `${(r.next() * 200 - 100).toFixed(r.int(0, 6))} ${(r.next() * 200 - 100).toFixed(r.int(0, 3))}`;
  const ring = () => {
    const a = pt();
    return `(${a},${pt()},${pt()},${a})`;
  };
  switch (kind) {
    case 'POINT': return `POINT(${pt()})`;
    case 'LINESTRING': return `LINESTRING(${pt()},${pt()},${pt()})`;
    case 'POLYGON': return `POLYGON(${ring()})`;
    case 'MULTIPOINT': return `MULTIPOINT(${pt()},${pt()})`;
    case 'MULTILINESTRING': return `MULTILINESTRING((${pt()},${pt()}),(${pt()},${pt()}))`;
    default: return `GEOMETRYCOLLECTION(POINT(${pt()}),LINESTRING(${pt()},${pt()}))`;
  }
}

function spatial(kind: string): ColumnType {
  return {
    sql: kind,
    value: (r) => {
      const k = kind === 'GEOMETRY' ? r.pick(['POINT', 'LINESTRING', 'POLYGON', 'GEOMETRYCOLLECTION']) : kind;
      return `ST_GeomFromText('${geometryWkt(r, k)}', ${r.pick([0, 0, 4326])})`;
    },
  };
}

/** Every type family; the generator draws a few per table. */
export const COLUMN_TYPES: readonly ColumnType[] = [
  intType('TINYINT', -128n, 127n),
  intType('TINYINT UNSIGNED', 0n, 255n),
  intType('SMALLINT', -32768n, 32767n),
  intType('MEDIUMINT UNSIGNED', 0n, 16777215n),
  intType('INT', -2147483648n, 2147483647n),
  intType('INT UNSIGNED', 0n, 4294967295n),
  intType('BIGINT', -9223372036854775808n, 9223372036854775807n),
  intType('BIGINT UNSIGNED', 0n, 18446744073709551615n),
  decimalType(65, 30),
  decimalType(10, 2),
  decimalType(20, 0),
  { sql: 'FLOAT', value: (r) => r.pick(['0', '-0e0', '0.1', '3.4e38', '-3.4e38', '1.17549e-38', String(Math.fround(r.next() * 1000 - 500)), '16777217']) },
  { sql: 'DOUBLE', value: (r) => r.pick(['0', '-0e0', '0.1', '1e300', '-1.7976931348623157e308', '5e-324', '2.2250738585072014e-308', String(r.next() * 1e6 - 5e5), '9007199254740993']) },
  { sql: 'BIT(1)', value: (r) => `b'${r.int(0, 1)}'` },
  { sql: 'BIT(10)', value: (r) => `b'${r.int(0, 1023).toString(2)}'` },
  { sql: 'BIT(64)', value: (r) => r.pick(["b'0'", `x'${r.bytes(8).toString('hex')}'`, "x'ffffffffffffffff'"]) },
  { sql: 'DATE', value: (r) => q(r.pick(['0000-00-00', '1000-01-01', '9999-12-31', '2020-00-00', `${r.int(1000, 9999)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`])) },
  temporal('DATETIME', 0), temporal('DATETIME', 3), temporal('DATETIME', 6),
  temporal('TIMESTAMP', 0), temporal('TIMESTAMP', 6),
  temporal('TIME', 0), temporal('TIME', 2), temporal('TIME', 6),
  { sql: 'YEAR', value: (r) => r.pick(['0', '1901', '2155', '2000', '1999', String(r.int(1901, 2155))]) },
  { sql: 'CHAR(12) CHARACTER SET utf8mb4', value: (r) => q(randomText(r, 12).replace(/ +$/, '')) },
  { sql: 'VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', value: (r) => q(randomText(r, 64)) },
  { sql: 'VARCHAR(40) CHARACTER SET latin1', value: (r) => q(r.pick(['', 'abc', 'café', 'naïve ', 'Ø', '€', randomText(r, 10).replace(/[^\x20-\x7e]/g, '')])) },
  { sql: 'TEXT CHARACTER SET utf8mb4', value: (r) => q(randomText(r, 500)) },
  { sql: 'BINARY(8)', value: (r) => hex(r.chance(0.3) ? Buffer.from([0, 0, 1]) : r.bytes(r.int(0, 8))) },
  { sql: 'VARBINARY(32)', value: (r) => hex(r.bytes(r.int(0, 32))) },
  { sql: 'BLOB', value: (r) => hex(r.chance(0.2) ? Buffer.from(Array.from({ length: 256 }, (_x, i) => i)) : r.bytes(r.int(0, 100))) },
  // ENUM/SET members with 4-byte characters are left out: MariaDB prints them as '?' in SHOW CREATE
  // TABLE and information_schema, so no tool can copy such a definition (the engine then fails naming the fix).
  { sql: "ENUM('a','b,c','é','Ø','x''y')", value: (r) => q(r.pick(['a', 'b,c', 'é', 'Ø', "x'y"])) },
  { sql: "ENUM('','one','two')", value: (r) => q(r.pick(['', 'one', 'two'])) },
  { sql: "SET('x','ü','y z','')", value: (r) => q(r.pick(['', 'x', 'x,ü', 'ü,y z', 'x,ü,y z'])) },
  { sql: 'JSON', value: (r) => q(r.pick(JSON_POOL)) },
  { sql: 'UUID', value: (r) => q(r.pick(['00000000-0000-0000-0000-000000000000', '123e4567-e89b-12d3-a456-426655440000', fmtUuid(r.bytes(16))])) },
  { sql: 'INET4', value: (r) => q(r.pick(['0.0.0.0', '255.255.255.255', `${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`])) },
  { sql: 'INET6', value: (r) => q(r.pick(['::', '::1', '::ffff:1.2.3.4', '::1.2.3.4', '2001:db8::1', 'fe80::1:0:0:1', '1:0:0:1:0:0:0:1', inet6(r)])) },
  spatial('POINT'), spatial('LINESTRING'), spatial('POLYGON'), spatial('GEOMETRY'), spatial('MULTIPOINT'), spatial('GEOMETRYCOLLECTION'),
];

/** A random UUID of version 1, 4 or 7 with the RFC 4122 variant (MariaDB refuses other bit patterns). */
function fmtUuid(b: Buffer): string {
  b[6] = (b[6]! & 0x0f) | ([0x10, 0x40, 0x70][b[0]! % 3]!);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function inet6(r: Rng): string {
  const groups = Array.from({ length: 8 }, () => (r.chance(0.4) ? 0 : r.int(0, 0xffff)).toString(16));
  return groups.join(':');
}

/** A value of the column, or NULL now and then. */
export function columnValue(t: ColumnType, r: Rng): string {
  return r.chance(0.08) ? 'NULL' : t.value(r);
}
