// Full-sync chunks rendered by the source as SQL VALUES text (runtime/sources/snapshot/render.ts),
// through the real ChangeSource and MySQL sink, MariaDB to MariaDB:
// - every rendered type, with the values that break naive quoting (quotes, backslashes, NUL, ^Z,
//   emoji, latin1 and gbk text, binary bytes, empty strings, zero dates, extreme numbers), lands
//   byte-identical (HEX of every column);
// - keys page correctly across many small chunks, a composite string key ('007', '07', '7') included;
// - a table with a type that is not rendered (FLOAT) comes as rows, and is identical too; so does a
//   table the sink will not take rendered (an ENUM holding its error member '', written leniently);
// - a chunk whose text would not fit the statement limit is read again as rows, in the same snapshot.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { MySqlSink } from '../../../../runtime/sinks/mysql/sink.js';
import type { StatementLimits } from '../../../../runtime/sinks/mysql/apply.js';
import { ChangeSource } from '../../../../runtime/sources/change-source.js';
import { admin, dbObject, destWriter, mysqlTask, nextServerId, rows, sourceDts, uniqueDb } from './harness.js';

const TYPES = `id BIGINT UNSIGNED PRIMARY KEY, ti TINYINT NULL, si SMALLINT UNSIGNED NULL, mi MEDIUMINT NULL, i INT(6) ZEROFILL NULL,
  bi BIGINT NULL, yr YEAR NULL, de DECIMAL(30,10) NULL, d DATE NULL, dt DATETIME(6) NULL, ts TIMESTAMP(3) NULL, tm TIME(6) NULL,
  c CHAR(5) NULL, vc VARCHAR(60) CHARACTER SET utf8mb4 NULL, lat VARCHAR(20) CHARACTER SET latin1 NULL,
  gb VARCHAR(10) CHARACTER SET gbk NULL, e ENUM('x','é','') NULL, st SET('a','b','ü') NULL, bn BINARY(4) NULL, vb VARBINARY(20) NULL`;
const TYPE_ROWS = [
  `(1, -128, 65535, -8388608, 42, -9223372036854775808, 0, '-12345678901234567890.0123456789', '0000-00-00', '0000-00-00 00:00:00', '1970-01-01 00:00:01.001', '-838:59:59',
    'b  ', 'it''s \\\\ "q" \\0 nul \\Z sub\\nnl\\ttab 😀', 'café', '中文', 'é', 'a,ü', x'00275c1a', x'')`,
  `(18446744073709551615, 127, 0, 8388607, 0, 9223372036854775807, 2155, '0.0000000001', '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999', '838:59:59.999999',
    '', '', '', '', '', '', x'ffffffff', x'00')`,
  `(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `(4, 0, 1, 0, 7, 0, 1901, '0', '2020-02-29', '2020-02-29 12:00:00.5', NULL, '-00:00:00.000001', 'NULL', 'NULL', '''', '%_', 'x', '', x'5c5c5c5c', x'27272727')`,
];

describe('MySQL sink: full-sync chunks rendered by the source (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('rendered');

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.types (${TYPES})`);
    await src.query(`INSERT INTO ${db}.types VALUES ${TYPE_ROWS.join(', ')}`);
    await src.query(`CREATE TABLE ${db}.keyed (k1 VARCHAR(10) NOT NULL, k2 INT NOT NULL, v VARCHAR(300) NOT NULL, PRIMARY KEY (k1, k2))`);
    const keys = ['007', '07', '7', 'a b', "o'k", 'z\\'];
    await src.query(`INSERT INTO ${db}.keyed VALUES ${keys.flatMap((k, i) => Array.from({ length: 9 }, (_, j) => `(${src.escape(k)}, ${j - 4}, ${src.escape(`v${i}-${j}-${'x'.repeat(200)}`)})`)).join(', ')}`);
    await src.query(`CREATE TABLE ${db}.floaty (id INT PRIMARY KEY, f FLOAT NULL, v VARCHAR(10) NULL)`);
    await src.query(`INSERT INTO ${db}.floaty VALUES (1, 0.1, 'a'), (2, -0, NULL), (3, 16777217, 'é')`);
    await src.query(`CREATE TABLE ${db}.enumy (id INT PRIMARY KEY, e ENUM('a','b') NULL)`);
    await src.query(`SET SESSION sql_mode = ''; INSERT INTO ${db}.enumy VALUES (1, 'a'), (2, 'zzz'), (3, NULL); SET SESSION sql_mode = DEFAULT`);
  }, 60_000);
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}_a`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}_b`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task LIKE '${db}%'`).catch(() => undefined);
    await dst.query(`DELETE FROM __dts.tasks WHERE task LIKE '${db}%'`).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  /** Schema + full sync of the four tables into `target`; per table, how its chunks arrived. */
  async function fullSync(target: string, limits?: StatementLimits): Promise<{ sink: MySqlSink; arrived: Map<string, { rendered: number; rows: number }> }> {
    const task = mysqlTask(`${target}_task`, [dbObject(db, { targetDatabase: target })], { fullSyncParallelism: 2 }, { syncTypes: { schema: true, full: true, incremental: true } });
    const sink = new MySqlSink({ task, destination: destWriter(), source: sourceDts(), syncSchemaOnOpen: true, ...(limits ? { limits } : {}) });
    await sink.open({ dialect: 'mariadb', version: '10.11' });
    const tables = ['types', 'keyed', 'floaty', 'enumy'];
    const source = new ChangeSource({
      task: task.name, connection: sourceDts(), serverId: nextServerId(), chunkRows: 7,
      fullSyncTables: tables.map((table) => ({ database: db, table })), include: (d) => d === db,
      renderChunk: (meta) => sink.chunkRendering(meta),
    });
    const arrived = new Map(tables.map((t) => [`${db}.${t}`, { rendered: 0, rows: 0 }]));
    await source.start();
    try {
      while (!source.fullSyncDone) {
        const b = (await source.next())!;
        if (b.origin === 'snapshot' && b.table) {
          const a = arrived.get(b.table)!;
          if (b.rendered) a.rendered++;
          else if (b.events.length > 0) a.rows++;
        }
        await sink.write({
          events: b.events, position: b.checkpoint.binlog, commitTime: Date.now(), transactionId: `t${b.checkpoint.binlog.pos}`, bytes: b.bytes,
          origin: b.origin, checkpoint: b.checkpoint, ...(b.rendered ? { rendered: b.rendered } : {}),
        });
      }
      await sink.drain();
    } finally {
      await source.stop();
      await sink.close();
    }
    return { sink, arrived };
  }

  /** Every column of every row as HEX (NULL apart), in key order. */
  async function hexRows(conn: mysql.Connection, database: string, table: string): Promise<string[]> {
    const [cols] = (await conn.query(`SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, [database, table])) as unknown as [{ c: string }[]];
    const list = cols.map(({ c }) => `IFNULL(HEX(\`${c}\`), 'NULL')`).join(`, '|', `);
    return (await rows(conn, `SELECT CONCAT(${list}) AS r FROM \`${database}\`.\`${table}\` ORDER BY 1`)).map((r) => String(r.r)).sort();
  }

  async function expectIdentical(target: string): Promise<void> {
    for (const t of ['types', 'keyed', 'floaty', 'enumy']) {
      const want = await hexRows(src, db, t);
      expect(want.length).toBeGreaterThan(0);
      expect(await hexRows(dst, target, t)).toEqual(want);
    }
  }

  it('renders every supported type byte-exactly and pages keys across chunks; FLOAT tables come as rows', async () => {
    const { sink, arrived } = await fullSync(`${db}_a`);
    await expectIdentical(`${db}_a`);
    // 4 rows in one chunk; 54 keyed rows in chunks of 7 (8 chunks, the last one short).
    expect(arrived.get(`${db}.types`)).toEqual({ rendered: 1, rows: 0 });
    expect(arrived.get(`${db}.keyed`)).toEqual({ rendered: 8, rows: 0 });
    expect(arrived.get(`${db}.floaty`)).toEqual({ rendered: 0, rows: 1 });
    expect(arrived.get(`${db}.enumy`)).toEqual({ rendered: 0, rows: 1 });
    expect(await rows(dst, `SELECT id, e + 0 AS i FROM \`${db}_a\`.enumy ORDER BY id`)).toEqual([{ id: 1, i: 1 }, { id: 2, i: 0 }, { id: 3, i: null }]);
    expect(sink.renderedChunks).toBe(9);
  }, 120_000);

  it('reads a chunk as rows when its text would not fit the statement limit', async () => {
    // Room for five keyed rows of text (about 215 bytes each): the seven chunks of 7 rows are cut and
    // read again as rows; the last chunk (5 rows) fits and stays rendered.
    const { sink, arrived } = await fullSync(`${db}_b`, { maxRowsPerStatement: 1000, maxStatementBytes: 1024 + 220 });
    await expectIdentical(`${db}_b`);
    expect(arrived.get(`${db}.keyed`)).toEqual({ rendered: 1, rows: 7 });
    expect(arrived.get(`${db}.floaty`)).toEqual({ rendered: 0, rows: 1 });
    expect(sink.renderedChunks).toBe([...arrived.values()].reduce((n, a) => n + a.rendered, 0));
  }, 120_000);
});
