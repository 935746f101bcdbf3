/**
 * Text <-> bytes in a MySQL character set, both ways the same: the binlog reader decodes a text
 * column's bytes with decodeText, and formats that carry bytes (DTS Avro's Character) encode with
 * encodeText. MySQL's latin1 is Windows-1252 (0x80 is the euro sign). A charset without an encoder
 * here is carried as UTF-8 and labelled utf8mb4, so a label always describes its bytes.
 */
// Bytes 0x80-0x9F of MySQL's latin1 (Windows-1252; the five it leaves undefined map to themselves).
// Spelled out: Node's TextDecoder('windows-1252') decodes them as ISO-8859-1 (0x80 -> U+0080).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const cp1252Char = (b: number): string => String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);

export function decodeText(b: Buffer, charset: string): string {
  const cs = charset.toLowerCase();
  if (cs === 'latin1') {
    let out = '';
    for (const byte of b) out += cp1252Char(byte);
    return out;
  }
  if (cs === 'ascii' || cs === 'binary') return b.toString('latin1');
  if (cs === 'ucs2' || cs === 'utf16') return Buffer.from(b).swap16().toString('utf16le');
  if (cs === 'utf16le') return b.toString('utf16le');
  return b.toString('utf8');
}

let cp1252: Map<string, number> | undefined;

/** Windows-1252 bytes of a text, or undefined when a character has none. */
function encodeCp1252(s: string): Buffer | undefined {
  if (!cp1252) {
    cp1252 = new Map();
    for (let b = 0; b < 256; b++) cp1252.set(cp1252Char(b), b);
  }
  const out = Buffer.alloc(s.length);
  let i = 0;
  for (const ch of s) {
    const b = cp1252.get(ch);
    if (b === undefined) return undefined;
    out[i++] = b;
  }
  return out.subarray(0, i);
}

/** The text's bytes in `charset` and the charset they are in (utf8mb4 where `charset` has no encoder here). */
export function encodeText(s: string, charset: string): { readonly bytes: Buffer; readonly charset: string } {
  const cs = charset.toLowerCase();
  if (cs === 'latin1') {
    const bytes = encodeCp1252(s);
    if (bytes) return { bytes, charset };
  }
  if (cs === 'ascii' && /^[\x00-\x7f]*$/.test(s)) return { bytes: Buffer.from(s, 'latin1'), charset };
  if (cs === 'utf8mb4' || cs === 'utf8mb3' || cs === 'utf8') return { bytes: Buffer.from(s, 'utf8'), charset };
  return { bytes: Buffer.from(s, 'utf8'), charset: 'utf8mb4' };
}
