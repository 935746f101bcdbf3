import { describe, it, expect } from '@jest/globals';
import { ObjectSelector } from '../../../runtime/transforms/select.js';
import type { ObjectSpec, TaskSpec } from '../../../runtime/manifest/types.js';
import { rocketMqTask, ALL_DML } from '../../support/task-spec.js';
import { ddl, del, insert, update } from './events.js';

const ALL_DDL = ['CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE'] as const;

function task(objects: ObjectSpec[], ddlTopic?: string): TaskSpec {
  return rocketMqTask({ name: 't1', topic: 'dest-topic', objects, ...(ddlTopic ? { ddlTopic } : {}) });
}

const row = (id: number, status: string, amount: string | null) => ({ id, status, amount, note: null });

describe('ObjectSelector', () => {
  const objects: ObjectSpec[] = [
    { database: 'shop', topic: 'shop-topic', dml: ['INSERT', 'UPDATE'], ddl: ['CREATE_TABLE', 'RENAME_TABLE'] },
    { database: 'shop', table: 'orders', topic: 'orders-topic', dml: [...ALL_DML], ddl: [...ALL_DDL], filter: "status <> 'cancelled' AND amount > 10" },
    { database: 'shop', table: 'audit', dml: ['INSERT'], ddl: [] },
    { database: 'crm', table: 'users', dml: [...ALL_DML], ddl: [...ALL_DDL] },
  ];
  const sel = new ObjectSelector(task(objects, 'ddl-topic'));

  it('selects tables through database and table entries; table entries win', () => {
    expect(sel.objectFor('shop', 'orders')?.topic).toBe('orders-topic');
    expect(sel.objectFor('shop', 'items')?.topic).toBe('shop-topic');
    expect(sel.objectFor('crm', 'users')?.table).toBe('users');
    expect(sel.objectFor('crm', 'other')).toBeUndefined();
    expect(sel.objectFor('other', 'orders')).toBeUndefined();
    expect(sel.isTableSelected('Shop', 'orders')).toBe(false); // case-sensitive by default
    expect(new ObjectSelector(task(objects), { caseInsensitiveNames: true }).isTableSelected('Shop', 'ORDERS')).toBe(true);
  });

  it('routes topics: table topic > database topic > destination topic; DDL to the DDL topic', () => {
    const d = (e: Parameters<typeof sel.decide>[0]) => { const r = sel.decide(e); return r.deliver ? r.topic : r.reason; };
    expect(d(insert(row(1, 'paid', '20.00')))).toBe('orders-topic');
    expect(d(insert(row(1, 'paid', '20.00'), { table: 'items' }))).toBe('shop-topic');
    expect(d(insert(row(1, 'x', null), { table: 'audit' }))).toBe('shop-topic'); // table entry without topic -> its database's topic
    expect(d(insert(row(1, 'x', null), { database: 'crm', table: 'users' }))).toBe('dest-topic');
    expect(d(ddl('ALTER TABLE orders ADD c INT'))).toBe('ddl-topic');
    const noDdlTopic = new ObjectSelector(task(objects));
    const r = noDdlTopic.decide(ddl('ALTER TABLE orders ADD c INT'));
    expect(r.deliver && r.topic).toBe('orders-topic');
  });

  it('applies operation selection to incremental changes only', () => {
    const r = (e: Parameters<typeof sel.decide>[0]) => sel.decide(e);
    expect(r(del(row(1, 'x', null), { table: 'items' }))).toEqual({ deliver: false, reason: 'operation-not-selected' });
    expect(r(update(row(1, 'x', null), row(1, 'y', null), { table: 'audit' }))).toEqual({ deliver: false, reason: 'operation-not-selected' });
    expect(r(insert(row(1, 'x', null), { table: 'audit' })).deliver).toBe(true);
    expect(r(insert(row(1, 'x', null), { table: 'audit', origin: 'snapshot' })).deliver).toBe(true);
    expect(r(del(row(1, 'paid', '99'))).deliver).toBe(true);
  });

  it('filters INSERT by after, DELETE by before, UPDATE by either image, and reports both', () => {
    expect(sel.decide(insert(row(1, 'paid', '10.00')))).toEqual({ deliver: false, reason: 'filtered-out' });
    expect(sel.decide(insert(row(1, 'paid', '10.01'))).deliver).toBe(true);
    expect(sel.decide(insert(row(1, 'CANCELLED', '50.00')))).toEqual({ deliver: false, reason: 'filtered-out' });
    expect(sel.decide(del(row(1, 'paid', null)))).toEqual({ deliver: false, reason: 'filtered-out' });
    const leaves = sel.decide(update(row(1, 'paid', '50.00'), row(1, 'cancelled', '50.00')));
    expect(leaves).toMatchObject({ deliver: true, beforeMatches: true, afterMatches: false });
    const enters = sel.decide(update(row(1, 'paid', '5.00'), row(1, 'paid', '50.00')));
    expect(enters).toMatchObject({ deliver: true, beforeMatches: false, afterMatches: true });
    expect(sel.decide(update(row(1, 'paid', '5.00'), row(1, 'paid', '6.00')))).toEqual({ deliver: false, reason: 'filtered-out' });
    const noFilter = sel.decide(update(row(1, 'a', null), row(1, 'b', null), { table: 'items' }));
    expect(noFilter).toMatchObject({ deliver: true, beforeMatches: true, afterMatches: true });
    // the filter compares the DECIMAL column as a number (ColumnMeta), not as a string
    expect(sel.decide(insert(row(1, 'paid', '9.5'))).deliver).toBe(false);
    expect(sel.decide(insert(row(1, 'paid', '100'))).deliver).toBe(true);
  });

  it('selects DDL by the tables it touches and the object operation list', () => {
    const r = (sql: string, db = 'shop') => { const x = sel.decide(ddl(sql, { database: db, table: undefined })); return x.deliver ? `${x.object.database}.${x.object.table ?? '*'}` : x.reason; };
    expect(r('CREATE TABLE newtab (id int)')).toBe('shop.*');
    expect(r('ALTER TABLE newtab ADD c INT')).toBe('operation-not-selected'); // database entry lists no ALTER_TABLE
    expect(r('ALTER TABLE orders ADD c INT')).toBe('shop.orders');
    expect(r('DROP TABLE audit')).toBe('operation-not-selected'); // table entry with no DDL
    expect(r('RENAME TABLE crm.x TO crm.users')).toBe('crm.users'); // the new name is selected
    expect(r('RENAME TABLE crm.x TO crm.y')).toBe('object-not-selected');
    expect(r('CREATE DATABASE IF NOT EXISTS `test`', 'test')).toBe('object-not-selected');
    expect(r('ALTER DATABASE shop CHARACTER SET utf8mb4')).toBe('ddl-not-selectable');
    expect(r('TRUNCATE TABLE orders')).toBe('shop.orders');
    expect(r('TRUNCATE TABLE other.orders')).toBe('object-not-selected');
  });

  it('exposes the parsed filter for the full-sync SELECT and names the object on a bad filter', () => {
    expect(sel.filterOf(objects[1]!)?.kind).toBe('logical');
    expect(sel.filterOf(objects[0]!)).toBeUndefined();
    expect(() => new ObjectSelector(task([{ database: 'a', table: 'b', dml: [], ddl: [], filter: 'x = (SELECT 1)' }])))
      .toThrow(/task t1, object a\.b: invalid filter condition .*subqueries are not allowed/);
  });
});
