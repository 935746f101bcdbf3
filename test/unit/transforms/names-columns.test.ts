import { describe, it, expect } from '@jest/globals';
import { capitalize, capitalizeEvent } from '../../../runtime/transforms/names.js';
import { ColumnTransformer, inferExpressionType } from '../../../runtime/transforms/columns.js';
import { parseFilterOrThrow } from '../../../runtime/transforms/filter/parse.js';
import { ORDER_COLUMNS, insert, update, ddl } from './events.js';

describe('capitalization', () => {
  const mq = { engine: 'rocketmq' as const };
  const lowerMySql = { engine: 'mysql' as const, lowerCaseTableNames: 1 as const };
  it.each([
    ['dts-default', 'Shop', 'database', mq, 'Shop'],
    ['source', 'OrderItems', 'table', lowerMySql, 'OrderItems'],
    ['lower', 'OrderItems', 'table', mq, 'orderitems'],
    ['upper', 'createdAt', 'column', mq, 'CREATEDAT'],
    ['destination-default', 'OrderItems', 'table', mq, 'OrderItems'],
    ['destination-default', 'OrderItems', 'table', lowerMySql, 'orderitems'],
    ['destination-default', 'createdAt', 'column', lowerMySql, 'createdAt'],
    ['destination-default', 'Shop', 'database', { engine: 'mysql' as const, lowerCaseTableNames: 0 as const }, 'Shop'],
  ] as const)('%s %s (%s) -> %s', (policy, name, kind, dest, expected) => {
    expect(capitalize(name, kind, policy, dest)).toBe(expected);
  });

  it('renames database, table, columns, row keys and primary key of an event', () => {
    const e = update({ Id: 1, Status: 'a' }, { Id: 1, Status: 'b' }, {
      database: 'Shop', table: 'Orders', primaryKey: ['Id'],
      columns: [{ name: 'Id', mysqlType: 'int(11)', sqlType: 4, nullable: false }, { name: 'Status', mysqlType: 'varchar(8)', sqlType: 12, nullable: true }],
    });
    const u = capitalizeEvent(e, 'upper', { engine: 'rocketmq' });
    expect([u.database, u.table, u.primaryKey, u.columns.map((c) => c.name), u.before, u.after]).toEqual(
      ['SHOP', 'ORDERS', ['ID'], ['ID', 'STATUS'], { ID: 1, STATUS: 'a' }, { ID: 1, STATUS: 'b' }]);
    expect(capitalizeEvent(e, 'dts-default', { engine: 'rocketmq' })).toBe(e);
  });
});

describe('column transform', () => {
  it('includes, excludes and renames; primary key always kept and renamed consistently', () => {
    const t = new ColumnTransformer({ include: ['status', 'amount'], exclude: ['amount', 'id'], rename: { id: 'order_id', status: 'state' } }, 'task t, shop.orders');
    const out = t.apply(update({ id: 7, status: 'a', amount: '1.00', note: 'x' }, { id: 7, status: 'b', amount: '2.00', note: 'y' }));
    expect(out.before).toEqual({ order_id: 7, state: 'a' });
    expect(out.after).toEqual({ order_id: 7, state: 'b' });
    expect(out.primaryKey).toEqual(['order_id']);
    expect(out.columns.map((c) => c.name)).toEqual(['order_id', 'state']);
    expect(out.columns[0]!.mysqlType).toBe('bigint(20) unsigned');
  });

  it('adds computed columns evaluated on the source row, exact for DECIMAL', () => {
    const t = new ColumnTransformer({
      exclude: ['note'],
      computed: [
        { name: 'amount_x100', expression: 'amount * 100' },
        { name: 'label', expression: "CONCAT(UPPER(status), '#', id)" },
        { name: 'big', expression: "amount > 10 AND status <> 'cancelled'" },
        { name: 'note', expression: "IFNULL(note, 'none')" },
      ],
    }, 'task t, shop.orders');
    const out = t.apply(insert({ id: 18446744073709551615n, status: 'paid', amount: '12345678901.25', note: null }));
    expect(out.after).toEqual({
      id: 18446744073709551615n, status: 'paid', amount: '12345678901.25', amount_x100: '1234567890125.00',
      label: 'PAID#18446744073709551615', big: 1, note: 'none',
    });
    expect(out.columns.map((c) => [c.name, c.mysqlType, c.sqlType])).toEqual([
      ['id', 'bigint(20) unsigned', -5], ['status', 'varchar(16)', 12], ['amount', 'decimal(12,2)', 3],
      ['amount_x100', 'decimal(65,30)', 3], ['label', 'varchar(255)', 12], ['big', 'int(1)', 4], ['note', 'text', 2005],
    ]);
  });

  it('leaves DDL alone and names the object on a bad expression', () => {
    const t = new ColumnTransformer({ exclude: ['note'] }, 'x');
    const d = ddl('ALTER TABLE orders ADD c INT');
    expect(t.apply(d)).toBe(d);
    expect(() => new ColumnTransformer({ computed: [{ name: 'c', expression: 'SLEEP(1)' }] }, 'task t, shop.orders'))
      .toThrow(/task t, shop\.orders, computed column c: invalid filter condition.*SLEEP/);
  });

  it('infers computed types', () => {
    const ty = (sql: string) => inferExpressionType(parseFilterOrThrow(sql, 't'), ORDER_COLUMNS).mysqlType;
    expect(['id + 1', 'id / 2', 'amount * 2', "amount + '1'", 'id DIV 2', '1.5e0 * id', 'LENGTH(note)', 'ABS(amount)', 'note'].map(ty))
      .toEqual(['bigint(20)', 'decimal(65,30)', 'decimal(65,30)', 'double', 'bigint(20)', 'double', 'bigint(20)', 'decimal(12,2)', 'text']);
  });
});
