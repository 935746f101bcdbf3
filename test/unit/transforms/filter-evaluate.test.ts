import { describe, it, expect } from '@jest/globals';
import { parseFilterOrThrow } from '../../../runtime/transforms/filter/parse.js';
import { compileExpression, evaluateFilter, UnknownColumnError } from '../../../runtime/transforms/filter/evaluate.js';
import { sqlValueText } from '../../../runtime/transforms/filter/values.js';
import { CASE_COLUMNS, CASE_ROWS, EXPRESSION_CASES } from './filter-cases.js';

describe('evaluator: SELECT <expr> values as MariaDB gives them (cases shared with the integration test)', () => {
  it.each(EXPRESSION_CASES.map((c) => [c.expr, c.row, c.expected] as const))('%s on row %d -> %p', (expr, row, expected) => {
    const compiled = compileExpression(parseFilterOrThrow(expr, 'test'), CASE_COLUMNS, { dialect: 'mariadb' });
    expect(sqlValueText(compiled.value(CASE_ROWS[row]!))).toBe(expected);
  });
});

describe("evaluator: dialect 'mysql' (the default) compares integer/DECIMAL with a string as doubles", () => {
  it.each(EXPRESSION_CASES.map((c) => [c.expr, c.row, c.mysql === undefined ? c.expected : c.mysql] as const))(
    '%s on row %d -> %p', (expr, row, expected) => {
      const compiled = compileExpression(parseFilterOrThrow(expr, 'test'), CASE_COLUMNS);
      expect(sqlValueText(compiled.value(CASE_ROWS[row]!))).toBe(expected);
    });
});

describe('evaluator: WHERE semantics', () => {
  const where = (sql: string, row: Record<string, unknown>, columns = CASE_COLUMNS): boolean =>
    evaluateFilter(parseFilterOrThrow(sql, 'test'), row as never, columns);

  it('keeps a row only when the condition is TRUE (NULL and FALSE both drop it)', () => {
    expect(where('n = 1', { n: null })).toBe(false);
    expect(where('NOT (n = 1)', { n: null })).toBe(false);
    expect(where('n IS NULL', { n: null })).toBe(true);
    expect(where("status <> 'cancelled' AND amount > 10", { status: 'paid', amount: '10.01' }, [])).toBe(true);
    expect(where("status <> 'cancelled' AND amount > 10", { status: 'CANCELLED ', amount: 99 }, [])).toBe(false);
  });

  it('matches column names case-insensitively, as MySQL does', () => {
    expect(where('AMOUNT > 1', { amount: 2 }, [])).toBe(true);
    expect(where('`Amount` > 1', { amount: 2 }, [])).toBe(true);
  });

  it('names an unknown column', () => {
    expect(() => where('missing = 1', { a: 1 }, [])).toThrow(UnknownColumnError);
    expect(() => where('missing = 1', { a: 1 }, [])).toThrow(/unknown column `missing`/);
  });

  it('without column metadata a DECIMAL string compares as a string (so the engine must pass ColumnMeta)', () => {
    const row = { d: '10.50' };
    expect(where('d = 10.5', row, [])).toBe(true); // string vs number -> double
    expect(where("d = '10.5'", row, [])).toBe(false); // string vs string
    const decimalMeta = [{ name: 'd', mysqlType: 'decimal(10,2)', sqlType: 3, nullable: true }];
    expect(where("d = '10.5'", row, decimalMeta)).toBe(true); // DECIMAL column vs string -> number
  });

  it('compares BIGINT UNSIGNED beyond 2^53 exactly whether it arrives as string, bigint or Buffer', () => {
    const meta = [{ name: 'x', mysqlType: 'bigint(20) unsigned', sqlType: -5, nullable: false }];
    for (const x of ['9007199254740993', 9007199254740993n]) {
      expect(where('x = 9007199254740993', { x }, meta)).toBe(true);
      expect(where('x = 9007199254740992', { x }, meta)).toBe(false);
    }
    const bit = [{ name: 'x', mysqlType: 'bit(64)', sqlType: -7, nullable: false }];
    expect(where('x = 258', { x: Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]) }, bit)).toBe(true);
  });

  it('types SET arrays and JSON objects as their text', () => {
    expect(where("tags = 'a,b'", { tags: ['a', 'b'] }, [])).toBe(true);
    expect(where("doc LIKE '%\"k\":1%'", { doc: { k: 1 } }, [])).toBe(true);
  });

  it('evaluates LIKE on long inputs without exponential backtracking', () => {
    const started = Date.now();
    expect(where(`s LIKE '${'%a'.repeat(30)}%b'`, { s: 'a'.repeat(5000) }, [])).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('returns ChangeEvent values for computed columns: exact decimals as strings, big integers as bigint', () => {
    const v = (sql: string, row: Record<string, unknown>) => compileExpression(parseFilterOrThrow(sql, 't'), CASE_COLUMNS).columnValue(row as never);
    expect(v('d * 2', { d: '0.1000000000' })).toBe('0.2000000000');
    expect(v('bu + 1', { bu: '18446744073709551615' })).toBe(18446744073709551616n);
    expect(v('i + 1', { i: 41 })).toBe(42);
    expect(v("CONCAT(s, '!')", { s: 'hi' })).toBe('hi!');
    expect(v('n', { n: null })).toBeNull();
  });
});
