// The dts-avro side of the torture replay: reads each message as a DTS Avro Record (decoding against
// schemas/dts-avro/Record.avsc is the validation) and compares each union branch with the source's
// own text of the value: integers and decimals by their digits, FLOAT/DOUBLE by their number, YEAR
// by its DateTime's year, Character bytes decoded in the charset the record names, TEXT's
// BinaryObject bytes in the column's charset, binary values by their bytes, spatial values as the
// stored bytes without their 4-byte SRID (WKB), DateTime / Timestamp printed at the column's
// fractional precision.
import { decodeDtsAvro } from '../../runtime/sinks/rocketmq/formats/dts-avro.js';
import { decodeText } from '../../runtime/util/charset.js';
import type { Received } from '../support/consume.js';
import type { ReplayFormat, SourceValue } from './check.js';

const NS = 'com.alibaba.dts.formats.avro.';
type Opt = { int: number } | null;
type Branch = [string, Record<string, unknown>];

function branch(cell: unknown): Branch | undefined {
  if (cell === null || cell === undefined) return undefined;
  const [name, inner] = Object.entries(cell as Record<string, Record<string, unknown>>)[0]!;
  return [name.replace(NS, ''), inner];
}


/** The value's text where it needs no column type (every key type of the run). */
function plainText(cell: unknown): string | null {
  const b = branch(cell);
  if (!b) return null;
  const [name, v] = b;
  switch (name) {
    // MySQL's latin1 is Windows-1252, which Node's own decoders do not implement.
    case 'Character': return decodeText(v.value as Buffer, String(v.charset));
    case 'BinaryObject': case 'BinaryGeometry': return (v.value as Buffer).toString('latin1');
    default: return String(v.value);
  }
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const opt = (o: unknown): number => (o as Opt)?.int ?? 0;
const fsp = (type: string) => Number(/\((\d)\)/.exec(type)?.[1] ?? 0);
const frac = (micros: number, digits: number) => (digits > 0 ? `.${String(micros).padStart(6, '0').slice(0, digits)}` : '');

/** DateTime / Timestamp / TextObject of a temporal column, printed as the server prints that column. */
function temporalText(b: Branch, type: string): string {
  const [name, v] = b;
  const digits = fsp(type);
  if (name === 'Timestamp') {
    const secs = Number(v.timestamp);
    if (secs === 0 && Number(v.millis) === 0) return `0000-00-00 00:00:00${frac(0, digits)}`;
    return `${new Date(secs * 1000).toISOString().slice(0, 19).replace('T', ' ')}${frac(Number(v.millis), digits)}`;
  }
  if (name !== 'DateTime') return String(v.value);
  const date = `${pad(opt(v.year), 4)}-${pad(opt(v.month))}-${pad(opt(v.day))}`;
  // A negative TIME has its first non-zero part negative (schemas/dts-avro/README.md).
  const parts = [opt(v.hour), opt(v.minute), opt(v.second), opt(v.millis)];
  const sign = parts.some((x) => x < 0) ? '-' : '';
  const time = `${sign}${pad(parts[0]!)}:${pad(parts[1]!)}:${pad(parts[2]!)}${frac(Math.abs(parts[3]!), digits)}`;
  if (/^date\b/i.test(type)) return date;
  if (/^time\b/i.test(type)) return time;
  return `${date} ${time}`;
}

export function avroFormat(): ReplayFormat {
  return {
    name: 'dts-avro',
    read(m: Received) {
      let r: Record<string, unknown>;
      try {
        r = decodeDtsAvro(m.body);
      } catch (err) {
        return `not a DTS Avro Record: ${(err as Error).message}`;
      }
      const op = String(r.operation);
      const object = (r.objectName as { string: string } | null)?.string ?? '';
      const dot = object.indexOf('.');
      const [database, table] = dot < 0 ? [object, ''] : [object.slice(0, dot), object.slice(dot + 1)];
      if (op === 'DDL') return { isDdl: true, database, table, type: 'DDL', sql: (r.afterImages as { string: string }).string, data: null, before: null, pkNames: null };
      const names = (r.fields as { array: { name: string }[] }).array.map((f) => f.name);
      const image = (i: unknown) => (i === null ? undefined : Object.fromEntries((i as { array: unknown[] }).array.map((v, k) => [names[k]!, v])));
      const after = image(r.afterImages);
      const beforeImage = image(r.beforeImages);
      const pk = (JSON.parse(String((r.tags as Record<string, string>).pk_uk_info ?? '{}')) as { PRIMARY?: string[] }).PRIMARY ?? [];
      const row = op === 'DELETE' ? beforeImage : after;
      if (!row) return `${op} without its image`;
      return { isDdl: false, database, table, type: op, data: [row], before: beforeImage && op === 'UPDATE' ? [beforeImage] : null, pkNames: pk };
    },
    keyText: plainText,
    same(source: SourceValue, cell: unknown, type: string): boolean {
      const b = branch(cell);
      if (source === null || !b) return source === null && !b;
      const [name, v] = b;
      if (Buffer.isBuffer(source)) {
        if (/^bit/i.test(type)) return BigInt('0x' + (source.toString('hex') || '0')).toString() === String(v.value);
        if (name === 'BinaryGeometry') return Buffer.isBuffer(v.value) && v.value.equals(source.subarray(4));
        return Buffer.isBuffer(v.value) && v.value.equals(source);
      }
      if (name === 'BinaryObject' && v.type === 'TEXT') return decodeText(v.value as Buffer, /character set (\w+)$/.exec(type)?.[1] ?? 'utf8mb4') === source;
      if (/^float/i.test(type)) return Math.abs(Number(source) - Number(v.value)) <= Math.abs(Number(source)) * 1e-5 && Object.is(Number(source) === 0 ? Math.sign(1 / Number(source)) : 1, Number(v.value) === 0 ? Math.sign(1 / Number(v.value)) : 1);
      if (/^double/i.test(type)) return Object.is(Number(source), Number(v.value));
      if (/^year/i.test(type)) return name === 'DateTime' && Number(source) === opt(v.year);
      if (/^(date|datetime|timestamp|time)\b/i.test(type)) return temporalText(b, type) === source;
      if (name === 'Integer' || name === 'Decimal') return String(v.value) === source;
      return plainText(cell) === source;
    },
    show(cell: unknown): string {
      const b = branch(cell);
      if (!b) return 'null';
      return `${b[0]}:${JSON.stringify(b[1], (_k, x: unknown) => (x && typeof x === 'object' && (x as { type?: string }).type === 'Buffer' ? `0x${Buffer.from((x as { data: number[] }).data).toString('hex')}` : x))}`;
    },
  };
}
