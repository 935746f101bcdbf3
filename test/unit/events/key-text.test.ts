import { describe, expect, it } from '@jest/globals';
import { keyValueText } from '../../../runtime/events/key-text.js';

describe('keyValueText: one key text for every map of keys', () => {
  it('keeps byte-distinct values apart', () => {
    const texts = ['007', '07', '7', ' 7', '7 ', '+7', 'abc', 'ABC', 'abc '].map(keyValueText);
    expect(new Set(texts).size).toBe(texts.length);
    expect(keyValueText(Buffer.from('7'))).not.toBe(keyValueText('7'));
    expect(keyValueText(null)).not.toBe(keyValueText('null'));
    expect(keyValueText('12345678901234567890.0000000001')).not.toBe(keyValueText('12345678901234567890.0000000002'));
  });

  it('makes one key of a number, a bigint and a string of the same digits (the two decoders)', () => {
    expect(keyValueText(18446744073709551615n)).toBe(keyValueText('18446744073709551615'));
    expect(keyValueText(42)).toBe(keyValueText('42'));
    expect(keyValueText(42)).toBe(keyValueText(42n));
  });
});
