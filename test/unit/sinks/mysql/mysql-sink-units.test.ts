import { describe, expect, it } from '@jest/globals';
import type { ChangeEvent, ColumnMeta, Row } from '../../../../runtime/events/change-event.js';
import type { ObjectSpec, TaskSpec } from '../../../../runtime/manifest/types.js';
import { ObjectSelector } from '../../../../runtime/transforms/select.js';
import { NameMapper } from '../../../../runtime/sinks/mysql/naming.js';
import { TableRouting } from '../../../../runtime/sinks/mysql/routing.js';
import { EventMapper } from '../../../../runtime/sinks/mysql/event-mapper.js';
import { Batch } from '../../../../runtime/sinks/mysql/batch.js';
import { batchStatements, PARAM_BYTES } from '../../../../runtime/sinks/mysql/apply.js';
import { DdlPlanner } from '../../../../runtime/sinks/mysql/ddl-replay.js';
import { rewriteDdl } from '../../../../runtime/sinks/mysql/ddl-rewrite.js';
import { dropColumns } from '../../../../runtime/sinks/mysql/schema-sync.js';
import { sqlLiteral } from '../../../../runtime/sinks/mysql/sql-literal.js';
import { tokenize } from '../../../../runtime/sinks/mysql/sql-tokens.js';
import { mysqlDestinationEndpoint, sourceEndpoint } from '../../../support/task-spec.js';

const DML = ['INSERT', 'UPDATE', 'DELETE'] as const;
const DDL = ['CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE', 'CREATE_VIEW', 'DROP_VIEW', 'CREATE_INDEX', 'DROP_INDEX'] as const;
const COLS: ColumnMeta[] = [
  { name: 'id', mysqlType: 'int(11)', sqlType: 4, nullable: false },
  { name: 'status', mysqlType: 'varchar(16)', sqlType: 12, nullable: true },
  { name: 'amount', mysqlType: 'decimal(10,2)', sqlType: 3, nullable: true },
  { name: 'doc', mysqlType: 'json', sqlType: 12, nullable: true },
];

function task(objects: ObjectSpec[], onlineDdlTempTables = false): TaskSpec {
  return {
    name: 't', source: sourceEndpoint(), destination: mysqlDestinationEndpoint(), syncTypes: { schema: true, full: true, incremental: true },
    conflictingTables: 'precheck-and-report', objects, capitalization: 'dts-default', retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {}, heartbeat: false, serverId: 9,
    mysql: { engineSchema: '__dts', onlineDdlTempTables, fullSyncParallelism: 2, batchRows: 100, flushIntervalMs: 10 },
  };
}

function setup(objects: ObjectSpec[], helpers = false) {
  const t = task(objects, helpers);
  const selector = new ObjectSelector(t);
  const routing = new TableRouting(t, selector, new NameMapper(t, selector), helpers);
  return { t, selector, routing, mapper: new EventMapper('t', selector, routing), planner: new DdlPlanner(t, selector, routing) };
}

let seq = 0;
function ev(kind: ChangeEvent['kind'], before?: Row, after?: Row, extra: Partial<ChangeEvent> = {}): ChangeEvent {
  seq++;
  return {
    kind, database: 'shop', table: 'orders', primaryKey: ['id'], columns: COLS, ...(before ? { before } : {}), ...(after ? { after } : {}),
    position: { file: 'b.000001', pos: seq }, commitTime: 0, transactionId: `x${seq}`, seq, origin: 'binlog', ...extra,
  };
}
const row = (id: number, status: string, amount = '1.00'): Row => ({ id, status, amount, doc: null });
const ddl = (sql: string, database = 'shop') => ev('ddl', undefined, undefined, { sql, database, primaryKey: [], columns: [] });

const objects: ObjectSpec[] = [
  { database: 'shop', targetDatabase: 'shop2', dml: [...DML], ddl: [...DDL] },
  { database: 'shop', table: 'orders', targetDatabase: 'shop2', targetTable: 'orders2', filter: "status <> 'void'", dml: [...DML], ddl: [...DDL], columns: { rename: { amount: 'total' } } },
];

describe('MySQL sink: merging and statements', () => {
  it('keeps each key\'s final state: insert+update -> upsert, insert+delete -> delete, key change -> delete + upsert', () => {
    const { mapper } = setup(objects);
    const b = new Batch();
    const add = (e: ChangeEvent) => mapper.map(e).forEach((c) => expect(b.add(c)).toBe(true));
    add(ev('insert', undefined, row(1, 'new')));
    add(ev('update', row(1, 'new'), row(1, 'paid', '9.00')));
    add(ev('insert', undefined, row(2, 'new')));
    add(ev('delete', row(2, 'new')));
    add(ev('update', row(3, 'new'), row(30, 'new')));
    add(ev('update', row(4, 'new'), row(4, 'void'))); // leaves the filter
    add(ev('update', row(5, 'void'), row(5, 'new'))); // enters the filter
    add(ev('update', row(6, 'void'), row(6, 'void'))); // stays out: nothing
    const tb = [...b.tables.values()][0]!;
    expect(tb.table).toEqual({ database: 'shop2', table: 'orders2' });
    const finals = Object.fromEntries([...tb.finals.values()].map((f) => [String(f.keyRow.id), f.row]));
    expect(finals).toEqual({
      1: { id: 1, status: 'paid', total: '9.00', doc: null },
      2: null, 3: null, 30: { id: 30, status: 'new', total: '1.00', doc: null }, 4: null,
      5: { id: 5, status: 'new', total: '1.00', doc: null },
    });
    const sql = batchStatements(b, () => ({ uniqueIndexes: [['id']], exists: true })).map((s) => s.sql);
    expect(sql).toEqual([
      'DELETE FROM `shop2`.`orders2` WHERE `id` IN (2, 3, 4)',
      "INSERT INTO `shop2`.`orders2` (`id`, `status`, `total`, `doc`) VALUES (1, 'paid', '9.00', NULL), (30, 'new', '1.00', NULL), (5, 'new', '1.00', NULL) ON DUPLICATE KEY UPDATE `status` = VALUES(`status`), `total` = VALUES(`total`), `doc` = VALUES(`doc`)",
    ]);
    // A binary value of PARAM_BYTES or more is a placeholder with its bytes as a parameter, not a hex literal.
    const big = Buffer.alloc(PARAM_BYTES, 0xab);
    const withBlob = new Batch();
    withBlob.add({ op: 'upsert', table: { database: 'shop2', table: 'orders2' }, key: ['id'], after: { id: 7, doc: big }, columns: [], jsonColumns: new Set(), source: 'shop.orders' });
    const [planned] = batchStatements(withBlob, () => ({ uniqueIndexes: [['id']], exists: true }));
    expect(planned!.sql).toBe('INSERT INTO `shop2`.`orders2` (`id`, `doc`) VALUES (7, ?) ON DUPLICATE KEY UPDATE `doc` = VALUES(`doc`)');
    expect(planned!.params).toEqual([big]);
    // Another UNIQUE index: REPLACE, never ON DUPLICATE KEY UPDATE.
    const replaced = batchStatements(b, () => ({ uniqueIndexes: [['id'], ['status']], exists: true })).map((s) => s.sql);
    expect(replaced[1]).toMatch(/^REPLACE INTO `shop2`.`orders2` .* VALUES .*\)$/);
  });

  it('refuses a key that differs only in case or trailing spaces from one already batched (flush first, keep order)', () => {
    const { mapper } = setup([{ database: 'shop', dml: [...DML], ddl: [] }]);
    const b = new Batch();
    const e = (k: string) => mapper.map(ev('insert', undefined, { id: k, status: 'x', amount: null, doc: null }))[0]!;
    expect(b.add(e('Abc'))).toBe(true);
    expect(b.add(e('Abc'))).toBe(true);
    expect(b.add(e('abc '))).toBe(false);
    expect(b.changes).toBe(2);
  });

  it("keeps VARCHAR keys that look numeric apart: '007', '07', '7' are three rows; UPDATE '007' -> '7' deletes '007'", () => {
    const { mapper } = setup([{ database: 'shop', dml: [...DML], ddl: [] }]);
    const b = new Batch();
    const r = (id: string, status: string): Row => ({ id, status, amount: null, doc: null });
    const varcharKey = { columns: [{ name: 'id', mysqlType: 'varchar(10)', sqlType: 12, nullable: false }, ...COLS.slice(1)] };
    for (const e of [ev('insert', undefined, r('007', 'a'), varcharKey), ev('insert', undefined, r('07', 'b'), varcharKey), ev('insert', undefined, r('7', 'c'), varcharKey)]) {
      for (const c of mapper.map(e)) expect(b.add(c)).toBe(true);
    }
    expect([...[...b.tables.values()][0]!.finals.values()].map((f) => f.row?.status)).toEqual(['a', 'b', 'c']);
    const moved = new Batch();
    for (const c of mapper.map(ev('update', r('007', 'a'), r('7', 'a'), varcharKey))) expect(moved.add(c)).toBe(true);
    expect(batchStatements(moved, () => ({ uniqueIndexes: [['id']], exists: true })).map((x) => x.sql)).toEqual([
      "DELETE FROM `shop`.`orders` WHERE `id` IN ('007')",
      "INSERT INTO `shop`.`orders` (`id`, `status`, `amount`, `doc`) VALUES ('7', 'a', NULL, NULL) ON DUPLICATE KEY UPDATE `status` = VALUES(`status`), `amount` = VALUES(`amount`), `doc` = VALUES(`doc`)",
    ]);
  });

  it('deletes DECIMAL keys by numeric literal, never a quoted string (compared as DOUBLE, it matches neighbours)', () => {
    const decCols: ColumnMeta[] = [{ name: 'id', mysqlType: 'decimal(20,0)', sqlType: 3, nullable: false }, COLS[1]!];
    const { mapper } = setup([{ database: 'shop', dml: [...DML], ddl: [] }]);
    const b = new Batch();
    for (const c of mapper.map(ev('delete', { id: '12345678901234567890', status: 'x' }, undefined, { columns: decCols }))) b.add(c);
    expect(batchStatements(b, () => ({ uniqueIndexes: [['id']], exists: true }))[0]!.sql).toBe('DELETE FROM `shop`.`orders` WHERE `id` IN (12345678901234567890)');
  });

  it("writes an ENUM's error member '' (index 0) with the source's leniency, only in that statement", () => {
    const enumCols: ColumnMeta[] = [COLS[0]!, { name: 'status', mysqlType: "enum('a','b')", sqlType: 1, nullable: true }];
    const { mapper } = setup([{ database: 'shop', dml: [...DML], ddl: [] }]);
    const b = new Batch();
    for (const c of mapper.map(ev('insert', undefined, { id: 1, status: '' }, { columns: enumCols }))) b.add(c);
    const [sql] = batchStatements(b, () => ({ uniqueIndexes: [['id']], exists: true })).map((x) => x.sql);
    expect(sql).toMatch(/^SET STATEMENT sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION' FOR INSERT INTO/);
    const ok = new Batch();
    for (const c of mapper.map(ev('insert', undefined, { id: 1, status: 'a' }, { columns: enumCols }))) ok.add(c);
    expect(batchStatements(ok, () => ({ uniqueIndexes: [['id']], exists: true }))[0]!.sql).toMatch(/^INSERT INTO/);
  });

  it('keyless tables keep order and address whole rows', () => {
    const { mapper } = setup([{ database: 'shop', dml: [...DML], ddl: [] }]);
    const b = new Batch();
    const keyless = { primaryKey: [] as string[], table: 'log' };
    for (const e of [ev('insert', undefined, row(1, 'a'), keyless), ev('update', row(1, 'a'), row(1, 'b'), keyless), ev('delete', row(1, 'b'), undefined, keyless)]) {
      for (const c of mapper.map(e)) b.add(c);
    }
    expect(batchStatements(b, () => ({ uniqueIndexes: [], exists: true })).map((s) => s.sql)).toEqual([
      "INSERT INTO `shop`.`log` (`id`, `status`, `amount`, `doc`) VALUES (1, 'a', '1.00', NULL)",
      "UPDATE `shop`.`log` SET `id` = 1, `status` = 'b', `amount` = '1.00', `doc` = NULL WHERE `id` <=> 1 AND `status` <=> 'a' AND `amount` <=> '1.00' AND `doc` <=> NULL LIMIT 1",
      "DELETE FROM `shop`.`log` WHERE `id` <=> 1 AND `status` <=> 'b' AND `amount` <=> '1.00' AND `doc` <=> NULL LIMIT 1",
    ]);
  });

  it('renders literals exactly (strings escaped, JSON text as is, SET lists, bigint, binary, -0)', () => {
    expect(sqlLiteral("it's \\ \n")).toBe("'it\\'s \\\\ \\n'");
    expect(sqlLiteral({ a: [1, 'x'] }, true)).toBe('\'{\\"a\\":[1,\\"x\\"]}\'');
    // A JSON column's value is its text: written byte for byte, 'null' stays the JSON null text.
    expect(sqlLiteral('{"n": 123456789012345678901234567890, "z": -0.0}', true)).toBe('\'{\\"n\\": 123456789012345678901234567890, \\"z\\": -0.0}\'');
    expect(sqlLiteral('null', true)).toBe("'null'");
    expect(sqlLiteral(-0)).toBe('-0e0');
    expect(sqlLiteral(1e300)).toBe('1e+300');
    expect(sqlLiteral(['a', 'c'])).toBe("'a,c'");
    expect(sqlLiteral(18446744073709551615n)).toBe('18446744073709551615');
    expect(sqlLiteral(Buffer.from([0, 255]))).toBe("X'00ff'");
    expect(sqlLiteral(null)).toBe('NULL');
    // Every character the server's parser treats specially is escaped, in any position and call after call.
    for (let i = 0; i < 2; i++) {
      expect(sqlLiteral('\0\b\t\n\r\x1a"\'\\')).toBe("'\\0\\b\\t\\n\\r\\Z\\\"\\'\\\\'");
      expect(sqlLiteral('plain text 007')).toBe("'plain text 007'");
      expect(sqlLiteral('a\\')).toBe("'a\\\\'");
    }
  });
});

describe('MySQL sink: DDL planning and rewriting', () => {
  it('the tokenizer is lossless', () => {
    const sql = "CREATE /*!50001 VIEW */ `a``b` AS SELECT 'x''y', \"q\" -- c\n# d\nFROM t";
    expect(tokenize(sql).map((t) => t.text).join('')).toBe(sql);
  });

  it('maps table, database and column names and leaves strings and comments alone', () => {
    const { planner } = setup(objects);
    expect(planner.plan(ddl("ALTER TABLE orders ADD COLUMN note VARCHAR(9) DEFAULT 'orders' AFTER amount /* amount */")).statements)
      .toEqual(["ALTER TABLE `shop2`.`orders2` ADD COLUMN note VARCHAR(9) DEFAULT 'orders' AFTER `total` /* amount */"]);
    expect(planner.plan(ddl('RENAME TABLE orders TO orders_old, other.x TO y')).statements).toEqual(['RENAME TABLE `shop2`.`orders2` TO `shop2`.`orders_old`']);
    expect(planner.plan(ddl('DROP TABLE IF EXISTS orders, other.t, items')).statements).toEqual(['DROP TABLE IF EXISTS `shop2`.`orders2`, `shop2`.`items`']);
    expect(planner.plan(ddl('TRUNCATE orders')).statements).toEqual(['TRUNCATE TABLE `shop2`.`orders2`']);
    expect(planner.plan(ddl('DROP INDEX ix ON orders')).statements).toEqual(['DROP INDEX ix ON `shop2`.`orders2`']);
    expect(planner.plan(ddl('CREATE TABLE other.t (id INT)', 'other')).skipped).toBe('object not selected');
    expect(planner.plan(ddl('CREATE TRIGGER tr BEFORE INSERT ON orders FOR EACH ROW SET NEW.id = 1')).statements).toEqual([]);
    expect(planner.plan(ddl('DROP DATABASE shop')).statements).toEqual([]);
  });

  it('warns when a table-level selected table is renamed', () => {
    const { planner } = setup(objects);
    const plan = planner.plan(ddl('RENAME TABLE orders TO orders_x'));
    expect(plan.warnings.join()).toMatch(/selected as a table.*no longer synchronized.*select database shop/);
  });

  it('online-DDL helper tables: off -> the ghost ALTER lands on the original at the cut-over, never before; on -> replicated next to it', () => {
    const off = setup(objects, false);
    expect(off.planner.plan(ddl('CREATE TABLE _orders_gho LIKE orders')).statements).toEqual([]);
    // Until the cut-over the source's orders keeps its old shape (its rows still carry the column gh-ost drops).
    expect(off.planner.plan(ddl('ALTER TABLE _orders_gho ADD COLUMN f INT')).statements).toEqual([]);
    expect(off.planner.plan(ddl('ALTER TABLE _orders_gho DROP COLUMN status')).statements).toEqual([]);
    expect(off.planner.deferredState()).toEqual({ 'shop.orders': ['ALTER TABLE `shop2`.`orders2` ADD COLUMN f INT', 'ALTER TABLE `shop2`.`orders2` DROP COLUMN status'] });
    // A restart restores what the checkpoint row kept.
    const restarted = setup(objects, false);
    restarted.planner.restoreDeferred(off.planner.deferredState());
    const cutOver = restarted.planner.plan(ddl('RENAME TABLE orders TO _orders_del, _orders_gho TO orders'));
    expect(cutOver.statements).toEqual(['ALTER TABLE `shop2`.`orders2` ADD COLUMN f INT', 'ALTER TABLE `shop2`.`orders2` DROP COLUMN status']);
    restarted.planner.applied(cutOver.consumesDeferred!);
    expect(restarted.planner.deferredState()).toBeUndefined();
    // pt-osc that gives up (drops its copy): nothing reaches orders.
    const aborted = setup(objects, false);
    aborted.planner.plan(ddl('ALTER TABLE _orders_new ADD COLUMN g INT'));
    aborted.planner.plan(ddl('DROP TABLE _orders_new'));
    expect(aborted.planner.deferredState()).toBeUndefined();
    expect(off.mapper.map(ev('insert', undefined, row(1, 'a'), { table: '_orders_gho' }))).toEqual([]);
    const on = setup(objects, true);
    expect(on.planner.plan(ddl('CREATE TABLE _orders_new LIKE orders')).statements).toEqual(['CREATE TABLE `shop2`.`_orders2_new` LIKE `shop2`.`orders2`']);
    expect(on.mapper.map(ev('insert', undefined, row(1, 'a'), { table: '_orders_new' }))[0]?.table).toEqual({ database: 'shop2', table: '_orders2_new' });
  });

  it('strips DEFINER and qualifies view bodies', () => {
    const { routing } = setup(objects);
    expect(rewriteDdl('CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT id FROM orders', routing, { defaultDatabase: 'shop' }))
      .toBe('CREATE VIEW `shop2`.`v` AS SELECT id FROM `shop2`.`orders2`');
  });

  it('drops excluded columns and the indexes naming them from SHOW CREATE TABLE', () => {
    const create = 'CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `secret` varchar(9) DEFAULT NULL,\n  `v` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `ix_s` (`secret`,`v`),\n  KEY `ix_v` (`v`)\n) ENGINE=InnoDB';
    expect(dropColumns(create, (c) => c !== 'secret')).toBe('CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `v` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `ix_v` (`v`)\n) ENGINE=InnoDB');
  });
});
