import { describe, expect, it } from '@jest/globals';
import { decodeText, encodeText } from '../../../runtime/util/charset.js';

describe('MySQL charsets', () => {
  it("latin1 is Windows-1252 both ways (Node's own windows-1252 decoder is ISO-8859-1)", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_x, i) => i));
    const text = decodeText(all, 'latin1');
    expect(text[0x80]).toBe('€');
    expect(text[0x9f]).toBe('Ÿ');
    expect(text[0x81]).toBe('\u0081');
    expect(encodeText(text, 'latin1')).toEqual({ bytes: all, charset: 'latin1' });
  });

  it('labels bytes it cannot produce in the column charset as utf8mb4', () => {
    expect(encodeText('€', 'ascii')).toEqual({ bytes: Buffer.from('€', 'utf8'), charset: 'utf8mb4' });
    expect(encodeText('x', 'ascii')).toEqual({ bytes: Buffer.from('x'), charset: 'ascii' });
  });
});

describe('MySQL charsets through iconv-lite', () => {
  it("encodes a text into its column's own charset and decodes it back, for the charsets DTS users have", () => {
    const cases: [string, string, string][] = [
      ['gbk', '中文字', 'd6d0cec4d7d6'], ['big5', '中文', 'a4a4a4e5'], ['sjis', '日本', '93fa967b'], ['ujis', '日本', 'c6fccbdc'],
      ['euckr', '한국', 'c7d1b1b9'], ['cp1251', 'Жж', 'c6e6'], ['latin2', 'Łł', 'a3b3'], ['gb2312', '中', 'd6d0'], ['koi8r', 'Жж', 'f6d6'],
      ['greek', 'αβ', 'e1e2'], ['ucs2', 'Ω', '03a9'], ['utf16', '😀', 'd83dde00'], ['utf32', '😀', '0001f600'],
    ];
    for (const [charset, text, hex] of cases) {
      const encoded = encodeText(text, charset);
      expect({ charset, label: encoded.charset, hex: encoded.bytes.toString('hex') }).toEqual({ charset, label: charset, hex });
      expect({ charset, text: decodeText(encoded.bytes, charset) }).toEqual({ charset, text });
    }
  });

  it('cp1252 and windows-1252 read as MySQL latin1 does', () => {
    expect(decodeText(Buffer.from([0x80, 0x9e]), 'cp1252')).toBe('€ž');
    expect(decodeText(Buffer.from([0x80]), 'windows-1252')).toBe('€');
  });
});
