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
