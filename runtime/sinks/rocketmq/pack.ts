/**
 * Packs routed changes into RocketMQ messages (Canal's per-partition split): consecutive rows that
 * land in the same message group, for the same topic, table and change type, share one message,
 * capped by the body limit (4 MB). Order within a group is preserved: a row that can't join its
 * group's open message closes it and opens the next.
 * A single row whose message alone exceeds the limit is reported as oversize (not packed), so the
 * sink can skip-and-count it (filterLargeRecords) or fail the task naming it.
 *
 * Message keys: one per row, the primary key values (one column: its text; several: a JSON array of
 * the texts); none for tables without a key and for DDL.
 * Properties: dts_position (binlog file:pos of the first row), dts_gtid (when the server has GTIDs),
 * dts_seq_first / dts_seq_last (the task sequence range of the rows), so a consumer can drop the
 * repeats that at-least-once delivery may produce after a crash.
 */
import type { ChangeEvent } from '../../events/change-event.js';
import { canalValue } from './formats/canal-json.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

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
  };
}

interface OpenBatch {
  readonly topic: string;
  readonly group: string;
  events: ChangeEvent[];
  /** Sum of the rows' single-row message sizes: an upper bound of the packed size. */
  bound: number;
}

const compatible = (a: ChangeEvent, b: ChangeEvent): boolean =>
  a.kind !== 'ddl' && b.kind === a.kind && b.database === a.database && b.table === a.table && b.columns === a.columns;

export interface PackOptions {
  readonly maxBodyBytes?: number;
  /** 1 for formats with one record per message (dts-avro). */
  readonly maxRowsPerMessage?: number;
}

export function pack(changes: readonly RoutedChange[], encode: BodyEncoder, options: PackOptions = {}): PackResult {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxRows = options.maxRowsPerMessage ?? Infinity;
  const messages: PackedMessage[] = [];
  const oversize: OversizeRecord[] = [];
  const open = new Map<string, OpenBatch>();
  const flush = (batch: OpenBatch): void => {
    const body = encode(batch.events);
    const keys = batch.events.map(messageKey).filter((k): k is string => k !== undefined);
    messages.push({ topic: batch.topic, group: batch.group, keys, body, properties: positionProperties(batch.events), events: batch.events });
  };
  for (const { event, group, topic } of changes) {
    const slot = `${topic}\u0000${group}`;
    const single = encode([event]).length;
    if (single > maxBodyBytes) {
      oversize.push({ event, topic, group, bytes: single, key: messageKey(event) ?? '(no key)' });
      continue;
    }
    const batch = open.get(slot);
    if (batch && batch.events.length < maxRows && compatible(batch.events[0]!, event) && batch.bound + single <= maxBodyBytes) {
      batch.events.push(event);
      batch.bound += single;
      continue;
    }
    if (batch) flush(batch);
    open.set(slot, { topic, group, events: [event], bound: single });
  }
  for (const batch of open.values()) flush(batch);
  return { messages, oversize };
}
