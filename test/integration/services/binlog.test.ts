// Service proof: the source MariaDB writes a ROW binlog with full before/after images that the
// least-privileged `dts` account can stream with @vlasky/zongji.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import ZongJi, { type AnyBinlogEvent } from '@vlasky/zongji';
import { DTS_USER, sourceConnection, uniqueName } from '../../support/stack.js';

interface Seen {
  kind: string;
  table?: string;
  rows?: unknown[];
  query?: string;
  schema?: string;
}

function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 50);
  });
}

describe('source MariaDB binlog read as dts with zongji', () => {
  const db = uniqueName('binlog_proof');
  let admin: mysql.Connection;
  let zongji: ZongJi;
  const seen: Seen[] = [];

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection('admin'));
    await admin.query(`CREATE DATABASE \`${db}\``);
    await admin.query(`CREATE TABLE \`${db}\`.items (id INT PRIMARY KEY, name VARCHAR(40), qty INT) ENGINE=InnoDB`);

    const dts = sourceConnection(DTS_USER);
    expect(dts.user).toBe('dts');
    zongji = new ZongJi(dts);
    zongji.on('binlog', (event: AnyBinlogEvent) => {
      switch (event.getEventName()) {
        case 'writerows':
        case 'updaterows':
        case 'deleterows': {
          const rowsEvent = event as AnyBinlogEvent & { rows: unknown[]; tableId: number; tableMap: Record<number, { tableName: string }> };
          seen.push({ kind: event.getEventName(), table: rowsEvent.tableMap[rowsEvent.tableId]?.tableName, rows: rowsEvent.rows });
          break;
        }
        case 'query': {
          const q = event as AnyBinlogEvent & { query: string; schema: string };
          seen.push({ kind: 'query', query: q.query, schema: q.schema });
          break;
        }
        default:
          break;
      }
    });
    const ready = new Promise<void>((resolve, reject) => {
      zongji.once('ready', () => resolve());
      zongji.once('error', reject);
    });
    zongji.start({
      serverId: 9000 + Math.floor(Math.random() * 1000),
      startAtEnd: true,
      includeEvents: ['tablemap', 'writerows', 'updaterows', 'deleterows', 'query'],
      includeSchema: { [db]: true },
    });
    await ready;
  });

  afterAll(async () => {
    if (zongji) {
      await new Promise<void>((resolve) => {
        zongji.once('stopped', () => resolve());
        zongji.stop();
      });
    }
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await admin.end();
    }
  });

  it('streams insert, update (before and after image), delete and DDL in commit order', async () => {
    await admin.query(`INSERT INTO \`${db}\`.items VALUES (1, 'apple', 3), (2, 'pear', 5)`);
    await admin.query(`UPDATE \`${db}\`.items SET qty = 4, name = 'green apple' WHERE id = 1`);
    await admin.query(`DELETE FROM \`${db}\`.items WHERE id = 2`);
    await admin.query(`ALTER TABLE \`${db}\`.items ADD COLUMN note VARCHAR(20) NULL`);

    const isOurDdl = (s: Seen): boolean => s.kind === 'query' && /ALTER TABLE/i.test(s.query ?? '') && (s.query ?? '').includes(db);
    await waitUntil(() => seen.some(isOurDdl), 20000, 'the ALTER TABLE query event');

    const rowEvents = seen.filter((s) => s.kind !== 'query');
    expect(rowEvents.map((s) => s.kind)).toEqual(['writerows', 'updaterows', 'deleterows']);
    expect(rowEvents.every((s) => s.table === 'items')).toBe(true);

    expect(rowEvents[0].rows).toEqual([
      { id: 1, name: 'apple', qty: 3 },
      { id: 2, name: 'pear', qty: 5 },
    ]);
    expect(rowEvents[1].rows).toEqual([
      { before: { id: 1, name: 'apple', qty: 3 }, after: { id: 1, name: 'green apple', qty: 4 } },
    ]);
    expect(rowEvents[2].rows).toEqual([{ id: 2, name: 'pear', qty: 5 }]);

    // The DDL arrives after the row changes, as one query event naming the table.
    const ddlIndex = seen.findIndex(isOurDdl);
    const lastRowIndex = seen.findIndex((s) => s.kind === 'deleterows');
    expect(ddlIndex).toBeGreaterThan(lastRowIndex);
    expect(seen[ddlIndex].query).toMatch(/ADD COLUMN note/i);
  });

  it('the dts account holds exactly the documented privileges', async () => {
    const [rows] = await admin.query<mysql.RowDataPacket[]>("SHOW GRANTS FOR 'dts'@'%'");
    const grant = String(Object.values(rows[0])[0]);
    // MariaDB spells REPLICATION CLIENT as its 10.5+ alias BINLOG MONITOR.
    const privileges = grant.replace(/^GRANT (.*) ON \*\.\* TO .*$/, '$1').split(', ').sort();
    expect(privileges).toEqual(['BINLOG MONITOR', 'REPLICATION SLAVE', 'SELECT', 'SHOW VIEW']);
    expect(rows).toHaveLength(1);
  });
});
