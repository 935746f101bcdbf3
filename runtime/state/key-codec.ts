import type { ColumnValue } from '../events/change-event.js';
import type { StoredKeyValue } from './types.js';

/** Key values go through JSON in the checkpoint without losing bigint or binary exactness. */
export function encodeKeyValue(value: ColumnValue): StoredKeyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}

export function decodeKeyValue(value: StoredKeyValue): string | number | bigint | Buffer | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if ('$bigint' in value) return BigInt(value.$bigint);
  return Buffer.from(value.$base64, 'base64');
}
