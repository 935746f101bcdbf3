/**
 * Packs routed changes into RocketMQ messages (Canal's per-partition split): consecutive rows that
 * land in the same message group, for the same topic, table and change type, share one message,
 * capped by the body limit (4 MB) and by the broker's 16 KB limit on user properties (message keys
 * included: MAX_KEY_BYTES). Order within a group is preserved: a row that can't join its
 * group's open message closes it and opens the next. A DDL closes every open message: no message
 * holds rows from before and after a DDL.
 * A single row whose message alone exceeds the limit is reported as oversize (not packed), so the
 * sink can skip-and-count it (filterLargeRecords) or fail the task naming it.
 *
 * Message keys: one per row, the primary key values (one column: its text; several: a JSON array of
 * the texts); none for tables without a key and for DDL.
 * Properties: dts_position (binlog file:pos of the first row's commit), dts_gtid (when the server has
 * GTIDs), dts_seq_first / dts_seq_last (the task sequence range of the rows, renumbered after a
 * restart), and the restart-stable identity of the first and last row: dts_position + dts_row_first,
 * dts_position_last + dts_row_last (index of the row change within its source transaction), so a
 * consumer can drop the repeats that at-least-once delivery produces after a crash (README).
 */
import type { ChangeEvent } from '../../events/change-event.js';
import { canalValue } from './formats/canal-json.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * The broker refuses a message whose user properties, message keys included, pass 16,384 bytes in
 * all ("the total size of user property is too large"). The keys of one message (one per row) may use
 * this much; the rest is left to the dts_* properties, the message group and the proxy's own.
 */
export const MAX_KEY_BYTES = 12 * 1024;

export interface RoutedChange {
  readonly event: ChangeEvent;
  readonly group: string;
  readonly topic: string;
}

export interface PackedMessage {
  readonly topic: string;
  readonly group: string;
  readonly keys: readonly string[];
  readonly body: Buffer;
  readonly properties: Readonly<Record<string, string>>;
  /** The rows in this message, in order (for the checkpoint and metrics). */
  readonly events: readonly ChangeEvent[];
}

export interface OversizeRecord {
  readonly event: ChangeEvent;
  readonly topic: string;
  readonly group: string;
  readonly bytes: number;
  /** Primary key text, for the log line that names the record. */
  readonly key: string;
}

export interface PackResult {
  readonly messages: PackedMessage[];
  readonly oversize: OversizeRecord[];
}

/** Turns rows (same table and kind) into one message body. */
export type BodyEncoder = (events: readonly ChangeEvent[]) => Buffer;

export function messageKey(event: ChangeEvent): string | undefined {
  if (event.kind === 'ddl' || event.primaryKey.length === 0) return undefined;
  const row = (event.kind === 'delete' ? event.before : event.after) ?? {};
  const values = event.primaryKey.map((k) => canalValue(row[k], event.columns.find((c) => c.name === k)));
  return values.length === 1 ? String(values[0]) : JSON.stringify(values);
}

export function positionProperties(events: readonly ChangeEvent[]): Record<string, string> {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  return {
    dts_position: `${first.position.file}:${first.position.pos}`,
    ...(first.position.gtid ? { dts_gtid: first.position.gtid } : {}),
    dts_seq_first: String(first.seq),
    dts_seq_last: String(last.seq),
    // The stable identity of the first and last row: (commit position, index in the transaction) is
    // the same in every delivery, before and after a restart, and ordered like the binlog; the
    // sequence numbers above are renumbered after a restart. Full-sync rows: dts_origin=snapshot.
    ...(first.origin === 'binlog' && first.rowInTransaction !== undefined
      ? { dts_row_first: String(first.rowInTransaction), dts_position_last: `${last.position.file}:${last.position.pos}`, dts_row_last: String(last.rowInTransaction ?? 0) }
      : first.origin === 'snapshot' ? { dts_origin: 'snapshot' } : {}),
  };
}

interface OpenBatch {
  readonly topic: string;
  readonly group: string;
  events: ChangeEvent[];
  /** Estimated body size of the batch (see approxBytes); the encoded size is checked at flush. */
  bound: number;
  /** Bytes of the batch's message keys, as the broker counts them (each plus a separator). */
  keyBytes: number;
}

const compatible = (a: ChangeEvent, b: ChangeEvent): boolean =>
  a.kind !== 'ddl' && b.kind === a.kind && b.database === a.database && b.table === a.table && b.columns === a.columns;

export interface PackOptions {
  readonly maxBodyBytes?: number;
  /** 1 for formats with one record per message (dts-avro). */
  readonly maxRowsPerMessage?: number;
  /** Bytes of message keys per message (default MAX_KEY_BYTES). */
  readonly maxKeyBytes?: number;
}

function approxRowBytes(row: ChangeEvent['after']): number {
  if (!row) return 0;
  let n = 0;
  for (const k in row) {
    const v = row[k];
    n += k.length + 8 + (typeof v === 'string' || Buffer.isBuffer(v) ? v.length : 16);
  }
  return n;
}

/** A cheap size estimate of one row in a message body (the message header is counted once per batch). */
function approxBytes(event: ChangeEvent): number {
  return approxRowBytes(event.before) + approxRowBytes(event.after) + (event.sql?.length ?? 0);
}

const headerBytes = (event: ChangeEvent): number => 512 + event.columns.length * 64;

/**
 * Each message body is encoded once: rows are grouped by a cheap size estimate, and a body that still
 * comes out over the limit (the estimate is not a bound: escaping, multi-byte UTF-8) is split in half
 * and re-encoded. Only a row whose estimate alone passes the limit is encoded on its own up front, so
 * an oversize row is reported without closing its group's open batch.
 */
export function pack(changes: readonly RoutedChange[], encode: BodyEncoder, options: PackOptions = {}): PackResult {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxRows = options.maxRowsPerMessage ?? Infinity;
  const maxKeyBytes = options.maxKeyBytes ?? MAX_KEY_BYTES;
  const messages: PackedMessage[] = [];
  const oversize: OversizeRecord[] = [];
  const open = new Map<string, OpenBatch>();
  const tooBig = (event: ChangeEvent, topic: string, group: string, bytes: number): void => {
    oversize.push({ event, topic, group, bytes, key: messageKey(event) ?? '(no key)' });
  };
  const emit = (topic: string, group: string, events: ChangeEvent[]): void => {
    const body = encode(events);
    if (body.length > maxBodyBytes) {
      if (events.length === 1) return tooBig(events[0]!, topic, group, body.length);
      const half = Math.ceil(events.length / 2);
      emit(topic, group, events.slice(0, half));
      emit(topic, group, events.slice(half));
      return;
    }
    const keys = events.map(messageKey).filter((k): k is string => k !== undefined);
    messages.push({ topic, group, keys, body, properties: positionProperties(events), events });
  };
  for (const { event, group, topic } of changes) {
    if (event.kind === 'ddl') {
      // A DDL closes every open message, so no message holds rows from both sides of it: a consumer
      // that orders DDL and rows by dts_position (DDL travels in another group under 'columns') can
      // apply a TRUNCATE or RENAME TABLE between exactly the right messages.
      for (const batch of open.values()) emit(batch.topic, batch.group, batch.events);
      open.clear();
    }
    const slot = `${topic}\u0000${group}`;
    let size = approxBytes(event);
    if (size + headerBytes(event) > maxBodyBytes) {
      const single = encode([event]).length;
      if (single > maxBodyBytes) {
        tooBig(event, topic, group, single);
        continue;
      }
      size = single;
    }
    const key = messageKey(event);
    const keyBytes = key === undefined ? 0 : Buffer.byteLength(key, 'utf8') + 1;
    const batch = open.get(slot);
    if (batch && batch.events.length < maxRows && compatible(batch.events[0]!, event) && batch.bound + size <= maxBodyBytes && batch.keyBytes + keyBytes <= maxKeyBytes) {
      batch.events.push(event);
      batch.bound += size;
      batch.keyBytes += keyBytes;
      continue;
    }
    if (batch) emit(batch.topic, batch.group, batch.events);
    open.set(slot, { topic, group, events: [event], bound: headerBytes(event) + size, keyBytes });
  }
  for (const batch of open.values()) emit(batch.topic, batch.group, batch.events);
  return { messages, oversize };
}
