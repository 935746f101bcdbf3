import type { ColumnValue, Row } from '../../events/change-event.js';
import type { BinlogPosition } from '../../state/offsets.js';
import { queryRows, type QueryConnection } from '../mysql/connection.js';
import { readMasterStatus } from '../mysql/position.js';
import { estimateRowBytes, valueNormalizer } from '../mysql/values.js';
import type { TableMeta } from '../schema/catalog.js';
import { buildChunkQuery, buildSizeProbe, rowsWithin, SIZE_COLUMN } from './keyset.js';

/**
 * A chunk is at most `limit` rows and at most `maxBytes` of them (FULL_SYNC_CHUNK_BYTES): when the
 * columns' declared sizes allow more, a size probe (keys and byte lengths only) inside the read picks
 * how many rows fit, so a table of 4 MB rows never holds `limit` of them at once. One row larger than
 * `maxBytes` is read alone. The probe looks `probeRows` rows ahead (the caller doubles what the last
 * chunk of the table held): computing a BLOB's length reads it, so probing `limit` rows each time
 * would read the rest of a large table again for every chunk.
 *
 * How a chunk is tied to the binlog:
 * - 'consistent-snapshot' (MariaDB): START TRANSACTION WITH CONSISTENT SNAPSHOT, then the status
 *   variables binlog_snapshot_file/position give the exact binlog position the chunk's read view
 *   corresponds to (MariaDB makes the snapshot and the binlog position atomic). low = high: exact.
 * - 'watermarks' (MySQL): SHOW MASTER STATUS before (low) and after (high) the SELECT; the chunk is
 *   reconciled with the binlog events between the two (DBLog without a watermark table).
 */
export type ChunkMode = 'consistent-snapshot' | 'watermarks';

export interface Chunk {
  readonly meta: TableMeta;
  readonly rows: readonly Row[];
  readonly low: BinlogPosition;
  readonly high: BinlogPosition;
  /** Key of the last row (resume point), undefined when the chunk is empty. */
  readonly lastKey?: readonly ColumnValue[];
  /** True when no rows remain after this chunk. */
  readonly last: boolean;
  readonly bytes: number;
  /** Queries this chunk cost the source (for the QPS throttle). */
  readonly queries: number;
}

/** Queries one chunk read costs the source, besides a size probe (Chunk.queries is what it cost). */
export const READ_QUERIES: Readonly<Record<ChunkMode, number>> = { 'consistent-snapshot': 4, watermarks: 3 };

export async function detectChunkMode(conn: QueryConnection): Promise<ChunkMode> {
  const rows = await queryRows(conn, 'SELECT VERSION() AS v');
  return /mariadb/i.test(String(rows[0]?.v ?? '')) ? 'consistent-snapshot' : 'watermarks';
}

export interface ChunkSize {
  readonly rows: number;
  readonly bytes: number;
  /** Rows the size probe looks at (at most `rows`); default `rows`. */
  readonly probeRows?: number;
}

export async function readChunk(
  conn: QueryConnection,
  mode: ChunkMode,
  meta: TableMeta,
  lastKey: readonly ColumnValue[] | undefined,
  size: ChunkSize,
  filter?: string,
  /** Called as soon as the read is tied to the binlog (consistent-snapshot: its exact position; watermarks: the low watermark). */
  onPinned?: (low: BinlogPosition) => void,
): Promise<Chunk> {
  const { rows: limit, bytes: maxBytes } = size;
  const probeRows = Math.max(1, Math.min(limit, size.probeRows ?? limit));
  const probe = buildSizeProbe(meta, lastKey, limit, maxBytes, filter, probeRows);
  /** The read's LIMIT, and whether it returning that many rows still means the table is done. */
  let planned = { limit, last: false };
  /** Runs after the read is pinned: a row the probe misses was written after the pin, and the stream has it. */
  const read = async (): Promise<Record<string, unknown>[]> => {
    if (probe) {
      const sizes = (await queryRows(conn, probe.sql, probe.params)).map((r) => Number(r[SIZE_COLUMN]));
      const fit = rowsWithin(sizes, maxBytes);
      planned = { limit: fit, last: fit === sizes.length && sizes.length < probeRows };
    }
    const q = buildChunkQuery(meta, lastKey, planned.limit, filter);
    return queryRows(conn, q.sql, q.params);
  };
  let low: BinlogPosition;
  let high: BinlogPosition;
  let raw: Record<string, unknown>[];
  if (mode === 'consistent-snapshot') {
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      const status = await queryRows(conn, "SHOW STATUS LIKE 'binlog_snapshot_%'");
      const v = (name: string) => status.find((r) => String(r.Variable_name).toLowerCase() === name)?.Value;
      const file = v('binlog_snapshot_file');
      const pos = v('binlog_snapshot_position');
      if (!file || pos === undefined) throw new Error('the server reports no binlog_snapshot_file/position: is log_bin on?');
      low = high = { file: String(file), pos: Number(pos) };
      onPinned?.(low);
      raw = await read();
    } finally {
      await conn.query('COMMIT');
    }
  } else {
    low = await readMasterStatus(conn);
    onPinned?.(low);
    raw = await read();
    high = await readMasterStatus(conn);
  }
  const queries = READ_QUERIES[mode] + (probe ? 1 : 0);
  const columns = meta.columns.map((c) => ({ name: c.name, normalize: valueNormalizer(c, meta.jsonColumns.has(c.name)) }));
  let bytes = 0;
  // The SELECT lists meta.columns, in order (buildChunkQuery).
  const rows = raw.map((r) => {
    const out: Record<string, ColumnValue> = {};
    for (const c of columns) out[c.name] = c.normalize(r[c.name]);
    bytes += estimateRowBytes(out);
    return out as Row;
  });
  const lastRow = rows[rows.length - 1];
  const hasKey = meta.primaryKey.length > 0;
  return {
    meta,
    rows,
    low: { file: low.file, pos: low.pos },
    high: { file: high.file, pos: high.pos },
    ...(lastRow && hasKey ? { lastKey: meta.primaryKey.map((k) => lastRow[k] ?? null) } : {}),
    last: !hasKey || rows.length < planned.limit || planned.last,
    bytes,
    queries,
  };
}
