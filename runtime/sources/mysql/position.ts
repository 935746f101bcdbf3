import type { BinlogPosition, ResumePosition } from '../../state/offsets.js';
import { queryRows, type QueryConnection } from './connection.js';

/** Orders binlog file names by their numeric suffix (mysql-bin.000010 after mysql-bin.000009). */
function fileIndex(file: string): number {
  const m = /\.(\d+)$/.exec(file);
  return m ? Number(m[1]) : NaN;
}

/** <0, 0, >0 like a comparator: position a is before / equal to / after b on the same server. */
export function comparePositions(a: Pick<BinlogPosition, 'file' | 'pos'>, b: Pick<BinlogPosition, 'file' | 'pos'>): number {
  if (a.file !== b.file) {
    const ia = fileIndex(a.file);
    const ib = fileIndex(b.file);
    if (Number.isFinite(ia) && Number.isFinite(ib) && ia !== ib) return ia - ib;
    return a.file < b.file ? -1 : 1;
  }
  return a.pos - b.pos;
}

/**
 * The source's current binlog end, with the executed GTID set when the server has GTIDs (SHOW MASTER STATUS needs only REPLICATION CLIENT, or BINLOG
 * MONITOR on MariaDB 10.5+). `dts run --until-caught-up` streams until it has passed this position.
 */
export async function readMasterStatus(conn: QueryConnection): Promise<ResumePosition> {
  let rows: Record<string, unknown>[];
  try {
    rows = await queryRows(conn, 'SHOW MASTER STATUS');
  } catch (err) {
    // MySQL 8.4 removed SHOW MASTER STATUS in favour of SHOW BINARY LOG STATUS.
    if ((err as { errno?: number }).errno !== 1064) throw err;
    rows = await queryRows(conn, 'SHOW BINARY LOG STATUS');
  }
  const row = rows[0];
  if (!row) {
    throw new Error('SHOW MASTER STATUS returned nothing: binary logging is off on the source (enable log_bin)');
  }
  let gtidSet = typeof row.Executed_Gtid_Set === 'string' && row.Executed_Gtid_Set !== '' ? row.Executed_Gtid_Set.replace(/\s/g, '') : undefined;
  if (gtidSet === undefined) {
    try {
      const g = await queryRows(conn, 'SELECT @@GLOBAL.gtid_binlog_pos AS pos');
      const pos = g[0]?.pos;
      if (typeof pos === 'string' && pos !== '') gtidSet = pos;
    } catch {
      // Not MariaDB: no gtid_binlog_pos.
    }
  }
  const base = { file: String(row.File), pos: Number(row.Position) };
  return gtidSet === undefined ? base : { ...base, gtidSet };
}
