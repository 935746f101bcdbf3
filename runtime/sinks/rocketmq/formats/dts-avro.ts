/**
 * DTS Avro: one `com.alibaba.dts.formats.avro.Record` per row change, encoded with avsc against
 * schemas/dts-avro/Record.avsc (the public DTS schema). How each field and value is filled is
 * documented in schemas/dts-avro/README.md. Unions are wrapped (avsc wrapUnions: true), so the
 * union branch is always explicit.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { ChangeEvent, ColumnMeta, ColumnValue, Row } from '../../../events/change-event.js';
import { encodeText } from '../../../util/charset.js';

const NS = 'com.alibaba.dts.formats.avro';
const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'schemas', 'dts-avro', 'Record.avsc');

let recordType: avro.Type | undefined;

/** The avsc Type of Record (all named types registered). */
export function dtsRecordType(): avro.Type {
  if (!recordType) {
    const schemas = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as avro.Schema[];
    const registry: Record<string, avro.Type> = {};
    let last: avro.Type | undefined;
    for (const s of schemas) last = avro.Type.forSchema(s, { registry, wrapUnions: true });
    recordType = registry[`${NS}.Record`] ?? last;
  }
  return recordType!;
}

/**
 * Field.dataTypeNumber: the MySQL protocol type number DTS writes for a column, the classic numbers
 * (7 TIMESTAMP, 10 DATE, 11 TIME, 12 DATETIME, 13 YEAR, 253 VARCHAR, 254 CHAR), not the binlog's
 * (17, 18, 19, 15): DTS's published consumer picks its converter by these numbers and has none for
 * 17-19. MariaDB's UUID, INET4 and INET6 are sent as their text, as a VARCHAR.
 */
export function mysqlTypeNumber(mysqlType: string): number {
  const t = mysqlType.trim().toLowerCase();
  const table: [RegExp, number][] = [
    [/^tinyint\b/, 1], [/^(bool|boolean)\b/, 1], [/^smallint\b/, 2], [/^mediumint\b/, 9], [/^(int|integer)\b/, 3], [/^bigint\b/, 8],
    [/^float\b/, 4], [/^(double|real)\b/, 5], [/^(decimal|numeric|dec|fixed)\b/, 246], [/^year\b/, 13], [/^date\b/, 10],
    [/^time\b/, 11], [/^datetime\b/, 12], [/^timestamp\b/, 7], [/^bit\b/, 16], [/^json\b/, 245], [/^enum\b/, 247],
    [/^set\b/, 248], [/^(tinyblob|tinytext)\b/, 249], [/^(mediumblob|mediumtext)\b/, 250], [/^(longblob|longtext)\b/, 251],
    [/^(blob|text)\b/, 252], [/^(varchar|varbinary)\b/, 253], [/^(char|binary)\b/, 254],
    [/^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/, 255],
  ];
  for (const [re, n] of table) if (re.test(t)) return n;
  return 253;
}

const INT_PRECISION: Readonly<Record<number, number>> = { 1: 4, 2: 6, 9: 9, 3: 11, 8: 20, 16: 20 };

type Wrapped = Record<string, unknown> | null;
const wrap = (name: string, value: unknown): Wrapped => ({ [`${NS}.${name}`]: value });
const optInt = (v: number | undefined): Wrapped => (v === undefined ? null : { int: v });

function text(v: ColumnValue): string {
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

function bytesToUnsigned(b: Buffer): bigint {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n;
}

function dateTimeParts(s: string): Wrapped {
  const m = /^(-?)(?:(\d{4})-(\d{2})-(\d{2}))?(?:[ T]?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/.exec(s.trim());
  if (!m) return wrap('TextObject', { type: 'DATETIME', value: s });
  const n = (x: string | undefined): number | undefined => (x === undefined ? undefined : Number(x));
  // A negative TIME: the first non-zero part of hour, minute, second, microseconds is negative
  // (-12:30:00 -> hour -12; -00:00:01.5 -> second -1), so the sign survives a zero hour.
  const parts = [n(m[5]), n(m[6]), n(m[7]), m[5] === undefined ? undefined : Number((m[8] ?? '').padEnd(6, '0'))];
  if (m[1]) {
    const first = parts.findIndex((x) => x !== undefined && x !== 0);
    if (first >= 0) parts[first] = -parts[first]!;
  }
  return wrap('DateTime', {
    year: optInt(n(m[2])), month: optInt(n(m[3])), day: optInt(n(m[4])),
    hour: optInt(parts[0]), minute: optInt(parts[1]), second: optInt(parts[2]), millis: optInt(parts[3]),
  });
}

/**
 * The charset label of a Character: the column's MySQL charset name, as DTS sends it, except latin1,
 * which MySQL means as Windows-1252 while Java (and Python) read the name `latin1` as ISO-8859-1: it is
 * labelled `cp1252`, a name both decode as Windows-1252, so 0x80 reads back as the euro sign.
 */
export function characterLabel(charset: string): string {
  return charset.toLowerCase() === 'latin1' ? 'cp1252' : charset;
}

/**
 * A column's spatial value as WKB: MariaDB and MySQL store 4 bytes of SRID before the WKB, and DTS's
 * consumers read BinaryGeometry as plain WKB (the SDK's WKBGeometry).
 */
export function wkbOf(stored: Buffer): Buffer {
  return stored.length > 4 ? stored.subarray(4) : stored;
}

const BINARY_STRING = /^(binary|varbinary)\b/i;
const BLOB = /^(tinyblob|blob|mediumblob|longblob)\b/i;
const TEXT_BLOB = /^(tinytext|text|mediumtext|longtext)\b/i;

/** A text in the column's charset: its bytes and their label. */
function characterOf(v: ColumnValue, meta: ColumnMeta): { bytes: Buffer; charset: string } {
  if (Buffer.isBuffer(v)) return { bytes: v, charset: meta.charset ?? 'binary' };
  return encodeText(text(v), meta.charset ?? 'utf8mb4');
}

/** One column value as a wrapped union branch of the image array (README: "DTS Avro, per MySQL type"). */
export function avroValue(v: ColumnValue | undefined, meta: ColumnMeta): Wrapped {
  if (v === null || v === undefined) return null;
  const code = mysqlTypeNumber(meta.mysqlType);
  switch (code) {
    case 1: case 2: case 9: case 3: case 8: case 16: {
      const value = Buffer.isBuffer(v) ? bytesToUnsigned(v).toString() : typeof v === 'boolean' ? (v ? '1' : '0') : text(v);
      return wrap('Integer', { precision: INT_PRECISION[code] ?? 20, value });
    }
    case 246: {
      const m = /\((\d+)\s*(?:,\s*(\d+))?\)/.exec(meta.mysqlType);
      return wrap('Decimal', { value: text(v), precision: Number(m?.[1] ?? 10), scale: Number(m?.[2] ?? 0) });
    }
    case 4: case 5: return wrap('Float', { value: typeof v === 'number' ? v : Number(text(v)), precision: 0, scale: 0 });
    case 7: {
      const s = text(v);
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(s);
      if (!m) return wrap('TextObject', { type: 'TIMESTAMP', value: s });
      // The zero TIMESTAMP: epoch 0 is no valid TIMESTAMP (they start at 1970-01-01 00:00:01 UTC).
      if (/^0000-00-00 00:00:00(\.0+)?$/.test(s)) return wrap('Timestamp', { timestamp: 0, millis: 0 });
      const secs = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000;
      return wrap('Timestamp', { timestamp: secs, millis: Number((m[7] ?? '').padEnd(6, '0')) });
    }
    case 10: case 11: case 12: return dateTimeParts(text(v));
    // YEAR is a DateTime holding its year only (0 for the zero year 0000).
    case 13: return wrap('DateTime', { year: { int: Number(text(v)) }, month: null, day: null, hour: null, minute: null, second: null, millis: null });
    case 245: return wrap('TextObject', { type: 'JSON', value: typeof v === 'string' ? v : text(v) });
    case 247: case 248: return wrap('TextObject', { type: code === 247 ? 'ENUM' : 'SET', value: text(v) });
    case 255: return wrap('BinaryGeometry', { type: 'GEOMETRY', value: wkbOf(Buffer.isBuffer(v) ? v : Buffer.from(text(v), 'latin1')) });
    default: {
      // BLOB and TEXT: a BinaryObject of the stored bytes (TEXT in its column's charset), typed BLOB or
      // TEXT (the SDK's ObjectType); BINARY/VARBINARY: a Character of charset binary.
      if (BLOB.test(meta.mysqlType)) return wrap('BinaryObject', { type: 'BLOB', value: Buffer.isBuffer(v) ? v : Buffer.from(text(v), 'utf8') });
      if (TEXT_BLOB.test(meta.mysqlType)) return wrap('BinaryObject', { type: 'TEXT', value: characterOf(v, meta).bytes });
      if (BINARY_STRING.test(meta.mysqlType)) return wrap('Character', { charset: 'binary', value: Buffer.isBuffer(v) ? v : Buffer.from(text(v), 'latin1') });
      const { bytes, charset } = characterOf(v, meta);
      return wrap('Character', { charset: characterLabel(charset), value: bytes });
    }
  }
}

/** `<pos>@<file index>`: the DTS form of a MySQL binlog position. */
export function dtsPosition(file: string, pos: number): string {
  const m = /\.(\d+)$/.exec(file);
  return `${pos}@${m ? Number(m[1]) : file}`;
}

export interface DtsAvroOptions {
  /** Source server version for Record.source.version. */
  readonly sourceVersion?: string;
}

const OPERATION = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE', ddl: 'DDL' } as const;

/** The Record as a plain object (wrapped unions), before encoding. */
export function toDtsRecord(event: ChangeEvent, options: DtsAvroOptions = {}): Record<string, unknown> {
  const position = dtsPosition(event.position.file, event.position.pos);
  const images = (row: Row | undefined): Wrapped =>
    row === undefined ? null : { array: event.columns.map((c) => avroValue(row[c.name], c)) };
  const isDdl = event.kind === 'ddl';
  return {
    version: 0,
    id: event.seq,
    sourceTimestamp: Math.floor(event.commitTime / 1000),
    sourcePosition: position,
    safeSourcePosition: position,
    sourceTxid: event.transactionId,
    source: { sourceType: 'MySQL', version: options.sourceVersion ?? '' },
    operation: OPERATION[event.kind],
    objectName: { string: event.table === undefined ? event.database : `${event.database}.${event.table}` },
    processTimestamps: null,
    tags: {
      ...(isDdl ? {} : { pk_uk_info: JSON.stringify(event.primaryKey.length ? { PRIMARY: event.primaryKey } : {}) }),
      ...(event.position.gtid ? { gtid: event.position.gtid } : {}),
    },
    fields: isDdl ? null : { array: event.columns.map((c) => ({ name: c.name, dataTypeNumber: mysqlTypeNumber(c.mysqlType) })) },
    beforeImages: isDdl ? null : images(event.before),
    afterImages: isDdl ? { string: event.sql ?? '' } : images(event.after),
    bornTimestamp: event.commitTime,
  };
}

/** Encode one row change; DTS Avro messages carry exactly one Record. */
export function encodeDtsAvro(events: readonly ChangeEvent[], options: DtsAvroOptions = {}): Buffer {
  if (events.length !== 1) throw new Error(`encodeDtsAvro: one Record per message, got ${events.length} rows (pack with maxRowsPerMessage 1)`);
  return dtsRecordType().toBuffer(toDtsRecord(events[0]!, options));
}

export function decodeDtsAvro(body: Buffer): Record<string, unknown> {
  return dtsRecordType().fromBuffer(body) as Record<string, unknown>;
}
