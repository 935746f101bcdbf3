// Small ChangeEvent builders for the transform and format unit tests.
import type { ChangeEvent, ColumnMeta, Row } from '../../../runtime/events/change-event.js';

export const ORDER_COLUMNS: readonly ColumnMeta[] = [
  { name: 'id', mysqlType: 'bigint(20) unsigned', sqlType: -5, nullable: false, unsigned: true },
  { name: 'status', mysqlType: 'varchar(16)', sqlType: 12, nullable: false },
  { name: 'amount', mysqlType: 'decimal(12,2)', sqlType: 3, nullable: true },
  { name: 'note', mysqlType: 'text', sqlType: 2005, nullable: true },
];

let seq = 0;
export function event(partial: Partial<ChangeEvent> & Pick<ChangeEvent, 'kind'>): ChangeEvent {
  seq++;
  return {
    database: 'shop',
    table: 'orders',
    primaryKey: ['id'],
    columns: ORDER_COLUMNS,
    position: { file: 'mysql-bin.000003', pos: 1000 + seq, gtid: `0-1-${seq}` },
    commitTime: 1_700_000_000_000,
    transactionId: `0-1-${seq}`,
    seq,
    origin: 'binlog',
    ...partial,
  };
}

export const insert = (after: Row, extra: Partial<ChangeEvent> = {}): ChangeEvent => event({ kind: 'insert', after, ...extra });
export const del = (before: Row, extra: Partial<ChangeEvent> = {}): ChangeEvent => event({ kind: 'delete', before, ...extra });
export const update = (before: Row, after: Row, extra: Partial<ChangeEvent> = {}): ChangeEvent => event({ kind: 'update', before, after, ...extra });
export const ddl = (sql: string, extra: Partial<ChangeEvent> = {}): ChangeEvent =>
  event({ kind: 'ddl', sql, primaryKey: [], columns: [], ...extra });
