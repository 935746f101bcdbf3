/**
 * Text <-> bytes in a MySQL character set, both ways the same: the binlog reader decodes a text
 * column's bytes with decodeText, and formats that carry bytes (DTS Avro's Character) encode with
 * encodeText. MySQL's latin1 is Windows-1252 (0x80 is the euro sign), spelled out here; the other
 * MySQL charsets go through iconv-lite (the library zongji decodes the binlog's text with), under the
 * names of ICONV_NAMES. A charset without an encoder, or a text it cannot hold, is carried as UTF-8
 * and labelled utf8mb4, so a label always describes its bytes.
 */
import iconv from 'iconv-lite';

// Bytes 0x80-0x9F of MySQL's latin1 (Windows-1252; the five it leaves undefined map to themselves).
// Spelled out: Node's TextDecoder('windows-1252') decodes them as ISO-8859-1 (0x80 -> U+0080).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const cp1252Char = (b: number): string => String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);

/** MySQL charset names iconv-lite spells otherwise (the rest it spells as MySQL does: gbk, big5, cp1251 ...). */
const ICONV_NAMES: Readonly<Record<string, string>> = {
  ucs2: 'utf16-be', utf16: 'utf16-be', utf16le: 'utf16-le', utf32: 'utf32-be', ujis: 'eucjp', eucjpms: 'eucjp',
  macce: 'maccenteuro', sjis: 'shiftjis', cp932: 'cp932', euckr: 'euckr', latin2: 'iso-8859-2', latin5: 'iso-8859-9',
  latin7: 'iso-8859-13', greek: 'iso-8859-7', hebrew: 'iso-8859-8', koi8r: 'koi8-r', koi8u: 'koi8-u', tis620: 'tis620',
};
const UTF8 = new Set(['utf8mb4', 'utf8mb3', 'utf8']);
/** The latin1 spellings: MySQL's, and the one Java and Python decode as Windows-1252. */
const LATIN1 = new Set(['latin1', 'cp1252', 'windows-1252']);

/** iconv-lite's name for a MySQL charset it can encode and decode, or undefined. */
function iconvName(cs: string): string | undefined {
  const name = ICONV_NAMES[cs] ?? cs;
  return iconv.encodingExists(name) ? name : undefined;
}

export function decodeText(b: Buffer, charset: string): string {
  const cs = charset.toLowerCase();
  if (LATIN1.has(cs)) {
    let out = '';
    for (const byte of b) out += cp1252Char(byte);
    return out;
  }
  if (cs === 'ascii' || cs === 'binary') return b.toString('latin1');
  if (UTF8.has(cs)) return b.toString('utf8');
  const name = iconvName(cs);
  return name ? iconv.decode(b, name, { stripBOM: false }) : b.toString('utf8');
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

/** The text's bytes in `charset` and the charset they are in (utf8mb4 where `charset` cannot hold them here). */
export function encodeText(s: string, charset: string): { readonly bytes: Buffer; readonly charset: string } {
  const cs = charset.toLowerCase();
  if (LATIN1.has(cs)) {
    const bytes = encodeCp1252(s);
    if (bytes) return { bytes, charset };
  } else if (cs === 'ascii') {
    if (/^[\x00-\x7f]*$/.test(s)) return { bytes: Buffer.from(s, 'latin1'), charset };
  } else if (UTF8.has(cs)) {
    return { bytes: Buffer.from(s, 'utf8'), charset };
  } else {
    const name = iconvName(cs);
    if (name) {
      const bytes = iconv.encode(s, name, { addBOM: false });
      // iconv-lite writes '?' for a character the charset lacks: only a round trip proves the bytes.
      if (iconv.decode(bytes, name, { stripBOM: false }) === s) return { bytes, charset };
    }
  }
  return { bytes: Buffer.from(s, 'utf8'), charset: 'utf8mb4' };
}
