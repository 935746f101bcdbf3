/**
 * Ordering rules -> RocketMQ FIFO messageGroup. Messages of one group are consumed in order; the
 * rule decides what shares a group:
 * - 'global': everything, DDL included, in one group.
 * - 'database-table': one group per table; a table's DDL in its group; DDL tied to no table (CREATE
 *   DATABASE, views, routines) in the global group.
 * - 'columns': the partition key columns (object partitionKey, else the event's primary key, which is
 *   the unique key when there is no primary key) are hashed with a stable hash (MD5, first 8 bytes)
 *   into N buckets, one group per bucket. A table with neither key -> the global group; DDL -> the
 *   global group.
 * Group names are under 64 bytes: a database.table name that would be longer is replaced by a hash.
 *
 * Primary-key-changing UPDATE under 'columns': when the old and new key fall into different buckets,
 * a single UPDATE can't be ordered with both keys' histories (Canal's known bug: it hashes only one).
 * We split it as Debezium does: DELETE of the old row in the old key's group, then INSERT of the new
 * row in the new key's group. Each key's consumers see its changes in order; the UPDATE's `old` is
 * lost for that one change. In the same bucket it stays one UPDATE.
 */
import crypto, { createHash } from 'node:crypto';
import type { ChangeEvent, ColumnValue, Row } from '../../events/change-event.js';
import type { RocketMqOptionsSpec } from '../../manifest/types.js';
import { canalValue } from './formats/canal-json.js';

export const GLOBAL_GROUP = 'dts-global';
export const MAX_GROUP_BYTES = 63;

export interface OrderingConfig {
  readonly rule: RocketMqOptionsSpec['ordering']['rule'];
  readonly buckets: number;
}

export interface RoutedEvent {
  readonly event: ChangeEvent;
  readonly group: string;
}

export function tableGroup(database: string, table: string): string {
  const name = `${database}.${table}`;
  if (Buffer.byteLength(name, 'utf8') <= MAX_GROUP_BYTES) return name;
  return `tbl-${createHash('sha256').update(`${database}\u0000${table}`).digest('hex').slice(0, 40)}`;
}

/** Stable text of one key value (same text whatever JS type the decoder produced). */
function keyText(v: ColumnValue | undefined): string {
  const t = canalValue(v, undefined);
  return t === null ? '\u0000NULL' : t;
}

/** One-shot MD5 (crypto.hash, Node >= 20.12) where there is one: a Hash object per row costs more. */
const md5: (text: string) => Buffer =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'buffer'): Buffer }).hash('md5', text, 'buffer')
    : (text) => createHash('md5').update(text, 'utf8').digest();

/**
 * Bucket 0..buckets-1 of a key: MD5 of the length-prefixed values, first 8 bytes (big-endian, unsigned)
 * mod buckets. The 64-bit remainder is taken in two 32-bit halves (exact for buckets below 2^26).
 */
export function bucketOf(values: readonly string[], buckets: number): number {
  let text = '';
  for (const v of values) text += `${Buffer.byteLength(v, 'utf8')}:${v};`;
  const digest = md5(text);
  const hi = digest.readUInt32BE(0);
  const lo = digest.readUInt32BE(4);
  return ((hi % buckets) * (4294967296 % buckets) + (lo % buckets)) % buckets;
}

export const bucketGroup = (bucket: number): string => `dts-bucket-${bucket}`;

export class OrderingRouter {
  constructor(private readonly config: OrderingConfig) {
    if (config.rule === 'columns' && (!Number.isInteger(config.buckets) || config.buckets < 1)) {
      throw new Error(`ordering rule 'columns' needs a positive whole number of buckets, got ${config.buckets}`);
    }
  }

  /** Key columns used to hash an event under rule 'columns' ([] -> global group). */
  keyColumns(event: ChangeEvent, partitionKey?: readonly string[]): readonly string[] {
    return partitionKey && partitionKey.length ? partitionKey : event.primaryKey;
  }

  groupOfRow(event: ChangeEvent, row: Row, partitionKey?: readonly string[]): string {
    const cols = this.keyColumns(event, partitionKey);
    if (cols.length === 0) return GLOBAL_GROUP;
    const values = cols.map((c) => {
      if (!Object.prototype.hasOwnProperty.call(row, c)) {
        throw new Error(`partition key column \`${c}\` is not in ${event.database}.${event.table}: fix the object's partitionKey`);
      }
      return keyText(row[c]);
    });
    return bucketGroup(bucketOf(values, this.config.buckets));
  }

  /** The message group(s) of one change; a key-changing UPDATE may become DELETE + INSERT (see above). */
  route(event: ChangeEvent, partitionKey?: readonly string[]): RoutedEvent[] {
    switch (this.config.rule) {
      case 'global':
        return [{ event, group: GLOBAL_GROUP }];
      case 'database-table':
        return [{ event, group: event.table === undefined ? GLOBAL_GROUP : tableGroup(event.database, event.table) }];
      case 'columns': {
        if (event.kind === 'ddl') return [{ event, group: GLOBAL_GROUP }];
        if (event.kind === 'insert') return [{ event, group: this.groupOfRow(event, event.after ?? {}, partitionKey) }];
        if (event.kind === 'delete') return [{ event, group: this.groupOfRow(event, event.before ?? {}, partitionKey) }];
        const oldGroup = this.groupOfRow(event, event.before ?? {}, partitionKey);
        const newGroup = this.groupOfRow(event, event.after ?? {}, partitionKey);
        if (oldGroup === newGroup) return [{ event, group: newGroup }];
        const { after: _after, ...withoutAfter } = event;
        const { before: _before, ...withoutBefore } = event;
        return [
          { event: { ...withoutAfter, kind: 'delete' }, group: oldGroup },
          { event: { ...withoutBefore, kind: 'insert' }, group: newGroup },
        ];
      }
    }
  }
}
