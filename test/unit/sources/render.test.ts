// Rendered full-sync chunks (runtime/sources/snapshot/render.ts) without a server: which tables and
// types render, the SQL of a tuple and of the chunk query, and the statement the MySQL sink makes of
// a rendered chunk (ON DUPLICATE KEY UPDATE, or REPLACE with another UNIQUE index). Byte-exactness
// against the server is in test/integration/sinks/mysql/rendered-chunks.test.ts.
import { describe, expect, it } from '@jest/globals';
import type { ColumnMeta } from '../../../runtime/events/change-event.js';
import { batchStatements, upsertOverhead } from '../../../runtime/sinks/mysql/apply.js';
import { renderedBatch } from '../../../runtime/sinks/mysql/batch.js';
import { DeliveryTally } from '../../../runtime/sinks/delivery-tally.js';
import type { TableMeta } from '../../../runtime/sources/schema/catalog.js';
import { literalExpression, renderedQuery, tupleExpression } from '../../../runtime/sources/snapshot/render.js';

const col = (name: string, mysqlType: string, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({ name, mysqlType, sqlType: 0, nullable: true, ...extra });
const meta = (columns: ColumnMeta[], primaryKey = ['id'], json: string[] = []): TableMeta => ({
  database: 'shop', table: 'orders', columns, primaryKey, keyKind: primaryKey.length ? 'primary' : 'none', numericKey: true, estimatedRows: 0, jsonColumns: new Set(json),
});

describe('rendered chunks: what renders', () => {
  it('renders integers unquoted, DECIMAL and temporal types quoted, text via utf8mb4, bytes as hex', () => {
    expect(literalExpression(col('n', 'bigint(20) unsigned'), false)).toBe("IFNULL(CAST(`n` AS CHAR), 'NULL')");
    expect(literalExpression(col('y', 'year(4)'), false)).toBe("IFNULL(CAST(`y` AS CHAR), 'NULL')");
    for (const t of ['decimal(10,2)', 'date', 'datetime(6)', 'timestamp(3)', 'time']) expect(literalExpression(col('v', t), false)).toBe('QUOTE(`v`)');
    for (const t of ['varchar(10)', 'char(3)', 'text', "enum('a','b')", "set('x')"]) expect(literalExpression(col('v', t), false)).toBe('QUOTE(CONVERT(`v` USING utf8mb4))');
    expect(literalExpression(col('b', 'varbinary(16)'), false)).toBe("CASE WHEN `b` IS NULL THEN 'NULL' WHEN LENGTH(`b`) = 0 THEN '''''' ELSE CONCAT('X''', HEX(`b`), '''') END");
    expect(literalExpression(col('we`ird', 'int(11)'), false)).toBe("IFNULL(CAST(`we``ird` AS CHAR), 'NULL')");
  });

  it('leaves to rows every type whose text is not the literal the row path writes, JSON, and generated columns', () => {
    for (const t of ['float', 'double', 'bit(8)', 'json', 'point', 'geometry', 'uuid', 'inet6', 'inet4', 'vector(3)']) expect(literalExpression(col('v', t), false)).toBeUndefined();
    expect(literalExpression(col('v', 'longtext'), true)).toBeUndefined();
    expect(literalExpression(col('v', 'int(11)', { generated: true }), false)).toBeUndefined();
    expect(tupleExpression(meta([col('id', 'int(11)'), col('f', 'float')]))).toBeUndefined();
    expect(tupleExpression(meta([col('id', 'int(11)'), col('v', 'varchar(3)')], []))).toBeUndefined(); // keyless
    expect(tupleExpression(meta([col('id', 'int(11)'), col('v', 'varchar(3)')]))).toBe("CONCAT('(', IFNULL(CAST(`id` AS CHAR), 'NULL'), ',', QUOTE(CONVERT(`v` USING utf8mb4)), ')')");
  });

  it('folds a chunk into one row: count, expected length and the tuples in key order, capped at maxBytes', () => {
    const sql = renderedQuery(meta([col('a', 'int'), col('b', 'int')], ['a', 'b']), 'SELECT 1', 5000);
    expect(sql).toBe(
      'SET STATEMENT group_concat_max_len = 5000 FOR SELECT COUNT(*) AS n, SUM(LENGTH(`__dts_tuple`)) + COUNT(*) - 1 AS len, ' +
        "GROUP_CONCAT(`__dts_tuple` ORDER BY `a`, `b` SEPARATOR ',') AS v FROM (SELECT 1) AS chunk",
    );
  });
});

describe('rendered chunks: the statement the MySQL sink makes', () => {
  const m = meta([col('id', 'int(11)'), col('v', 'varchar(3)')]);
  const table = { database: 'shop2', table: 'orders' };
  const values = { columns: ['id', 'v'], text: "(1,'a'),(2,NULL)", rows: 2 };

  it('is one upsert of the text, counted as its rows', () => {
    const [st, ...more] = batchStatements(renderedBatch(table, m, values, new DeliveryTally()), () => ({ uniqueIndexes: [['id']], exists: true }));
    expect(more).toEqual([]);
    expect(st).toEqual({ sql: "INSERT INTO `shop2`.`orders` (`id`, `v`) VALUES (1,'a'),(2,NULL) ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)", rows: 2, table: 'shop2.orders' });
    const info = { uniqueIndexes: [['id']], exists: true };
    expect(upsertOverhead({ table, key: ['id'] }, info, values.columns)).toBe(Buffer.byteLength(st!.sql) - values.text.length);
  });

  it('is a REPLACE when another UNIQUE index exists', () => {
    const [st] = batchStatements(renderedBatch(table, m, values, new DeliveryTally()), () => ({ uniqueIndexes: [['id'], ['v']], exists: true }));
    expect(st!.sql).toBe("REPLACE INTO `shop2`.`orders` (`id`, `v`) VALUES (1,'a'),(2,NULL)");
  });
});
