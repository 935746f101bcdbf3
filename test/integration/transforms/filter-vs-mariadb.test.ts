/**
 * The gold standard for the filter evaluator: every shared case is run as `SELECT <expr>` on the real
 * MariaDB over the same typed row, and both the server and our evaluator must give the case's value.
 * Then every case is pushed down as `WHERE <filterToSql(ast)>` and must select exactly the rows the
 * evaluator keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { ADMIN_USER, sourceConnection } from '../../../scripts/stack/index.js';
import { parseFilterOrThrow } from '../../../runtime/transforms/filter/parse.js';
import { compileExpression } from '../../../runtime/transforms/filter/evaluate.js';
import { filterToSql } from '../../../runtime/transforms/filter/to-sql.js';
import { sqlValueText } from '../../../runtime/transforms/filter/values.js';
import { CASE_COLUMNS, CASE_ROWS, CASE_TABLE_DDL, EXPRESSION_CASES } from '../../unit/transforms/filter-cases.js';

function serverText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}

describe('filter evaluator vs real MariaDB', () => {
  let conn: mysql.Connection;
  const db = `filter_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    conn = await mysql.createConnection({
      ...sourceConnection(ADMIN_USER), supportBigNumbers: true, bigNumberStrings: true, dateStrings: true, charset: 'utf8mb4_general_ci',
    });
    await conn.query("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci, time_zone = '+00:00', sql_log_bin = 0");
    await conn.query(`CREATE DATABASE ${db}`);
    await conn.query(`USE ${db}`);
    await conn.query(CASE_TABLE_DDL);
    for (const row of CASE_ROWS) {
      const names = CASE_COLUMNS.map((c) => c.name);
      const values = names.map((n) => { const v = row[n]; return typeof v === 'bigint' ? v.toString() : v; });
      await conn.query(`INSERT INTO filter_cases (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, values);
    }
  });
  afterAll(async () => {
    await conn?.query(`DROP DATABASE IF EXISTS ${db}`);
    await conn?.end();
  });

  it('the server gives every expected value, and so does the evaluator', async () => {
    const mismatches: string[] = [];
    for (const c of EXPRESSION_CASES) {
      const id = CASE_ROWS[c.row]!.id;
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT (${c.expr}) AS v FROM filter_cases WHERE id = ?`, [id]);
      const server = serverText(rows[0]?.v);
      const ours = sqlValueText(compileExpression(parseFilterOrThrow(c.expr, 't'), CASE_COLUMNS, { dialect: 'mariadb' }).value(CASE_ROWS[c.row]!));
      if (server !== c.expected || ours !== c.expected) {
        mismatches.push(`${c.expr} [row ${c.row}]: expected ${JSON.stringify(c.expected)}, server ${JSON.stringify(server)}, evaluator ${JSON.stringify(ours)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('pushed down as WHERE filterToSql(ast), the server keeps exactly the rows the evaluator keeps', async () => {
    const mismatches: string[] = [];
    const outOfRange: string[] = [];
    for (const c of EXPRESSION_CASES) {
      const ast = parseFilterOrThrow(c.expr, 't');
      const compiled = compileExpression(ast, CASE_COLUMNS, { dialect: 'mariadb' });
      const ours = CASE_ROWS.filter((r) => compiled.matches(r)).map((r) => Number(r.id));
      let server: number[];
      try {
        const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT id FROM filter_cases WHERE ${filterToSql(ast)} ORDER BY id`);
        server = rows.map((r) => Number(r.id));
      } catch (e) {
        // Unsigned arithmetic that goes negative is an error on the server; the evaluator computes exactly.
        outOfRange.push(`${c.expr}: ${/out of range/.test((e as Error).message) ? 'out of range' : (e as Error).message}`);
        continue;
      }
      if (JSON.stringify(server) !== JSON.stringify(ours)) mismatches.push(`${c.expr}: server ${JSON.stringify(server)}, evaluator ${JSON.stringify(ours)}`);
    }
    expect(mismatches).toEqual([]);
    expect(outOfRange).toEqual(['bu - 1: out of range']);
  });
});
