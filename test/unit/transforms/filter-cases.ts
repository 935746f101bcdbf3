/**
 * Expression cases with the value MySQL/MariaDB gives for `SELECT <expr>` on a typed row. Shared by the
 * unit test (our evaluator) and the integration test (the real MariaDB), so every expected value here
 * is checked against the server, not just against our reading of the manual.
 * Expected values are the result as text ('1'/'0' for comparisons), null for SQL NULL.
 */
import type { ColumnMeta, Row } from '../../../runtime/events/change-event.js';

/** Table the cases run against; columns in the SQL DDL order. */
export const CASE_TABLE_DDL = `CREATE TABLE filter_cases (
  id INT PRIMARY KEY,
  i INT NULL,
  bu BIGINT UNSIGNED NULL,
  d DECIMAL(30,10) NULL,
  f DOUBLE NULL,
  s VARCHAR(64) NULL,
  e VARCHAR(64) NULL,
  b VARBINARY(64) NULL,
  dt DATETIME(6) NULL,
  dd DATE NULL,
  tm TIME(6) NULL,
  n INT NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`;

const meta = (name: string, mysqlType: string, sqlType: number): ColumnMeta => ({ name, mysqlType, sqlType, nullable: true });

export const CASE_COLUMNS: readonly ColumnMeta[] = [
  meta('id', 'int(11)', 4),
  meta('i', 'int(11)', 4),
  meta('bu', 'bigint(20) unsigned', -5),
  meta('d', 'decimal(30,10)', 3),
  meta('f', 'double', 8),
  meta('s', 'varchar(64)', 12),
  meta('e', 'varchar(64)', 12),
  meta('b', 'varbinary(64)', -3),
  meta('dt', 'datetime(6)', 93),
  meta('dd', 'date', 91),
  meta('tm', 'time(6)', 92),
  meta('n', 'int(11)', 4),
];

/** Rows in ChangeEvent form: DECIMAL and BIGINT UNSIGNED as exact strings, temporal as text, binary as Buffer. */
export const CASE_ROWS: readonly Row[] = [
  {
    id: 1, i: 10, bu: '18446744073709551615', d: '12345678901234567890.1234567890', f: 1.5, s: 'Hello  ', e: 'ÁBC',
    b: Buffer.from('Hello'), dt: '2024-01-01 00:00:00.000000', dd: '2024-01-01', tm: '10:00:00.000000', n: null,
  },
  {
    id: 2, i: 0, bu: 9007199254740993n, d: '0.0000000001', f: -2.25, s: 'abc', e: 'straße',
    b: Buffer.from('abc'), dt: '2024-03-15 12:34:56.123456', dd: '2024-03-15', tm: '-01:30:00.000000', n: null,
  },
  {
    id: 3, i: -7, bu: '0', d: '-3.5000000000', f: 0, s: '10', e: '😀',
    b: Buffer.from('10'), dt: '1999-12-31 23:59:59.999999', dd: '1999-12-31', tm: '838:59:59.000000', n: null,
  },
];

export interface ExpressionCase {
  /** Index into CASE_ROWS. */
  readonly row: number;
  readonly expr: string;
  /** What MariaDB (the test server) gives. */
  readonly expected: string | null;
  /** Where MySQL 8 differs per its manual (integer/DECIMAL vs string compares as double there). Not server-checked. */
  readonly mysql?: string | null;
}

const c = (row: number, expr: string, expected: string | null, mysql?: string | null): ExpressionCase =>
  (mysql === undefined ? { row, expr, expected } : { row, expr, expected, mysql });

export const EXPRESSION_CASES: readonly ExpressionCase[] = [
  // NULL three-valued logic
  c(0, 'n = 1', null), c(0, 'n = n', null), c(0, 'n <> 1', null), c(0, 'n <=> n', '1'), c(0, 'n <=> 1', '0'),
  c(0, '1 <=> 1', '1'), c(0, 'NULL AND 0', '0'), c(0, 'NULL AND 1', null), c(0, 'NULL OR 1', '1'), c(0, 'NULL OR 0', null),
  c(0, 'NULL XOR 1', null), c(0, 'NOT NULL', null), c(0, 'n IS NULL', '1'), c(0, 'i IS NOT NULL', '1'),
  c(0, 'n IN (1, NULL)', null), c(0, 'i IN (10, NULL)', '1'), c(0, 'i NOT IN (1, NULL)', null), c(0, 'i NOT IN (1, 2)', '1'),
  c(0, 'n BETWEEN 1 AND 2', null), c(0, 'i BETWEEN NULL AND 5', '0'), c(0, 'i BETWEEN 5 AND NULL', null),
  c(0, 'n IS TRUE', '0'), c(0, 'n IS NOT UNKNOWN', '0'), c(0, 'n IS UNKNOWN', '1'), c(0, 'i IS TRUE', '1'), c(1, 'i IS FALSE', '1'),
  c(0, 'i = 10 AND n = 1', null), c(0, 'i = 10 OR n = 1', '1'), c(0, 'NOT (n = 1)', null),
  // strings vs numbers: compared as doubles
  c(2, 's = 10', '1'), c(2, 's = 10.0', '1'), c(2, "s = '10.0'", '0'), c(0, "'abc' = 0", '1'), c(0, "'12abc' = 12", '1'),
  c(2, 's > 9', '1'), c(2, "s > '9'", '0'), c(1, 's = 0', '1'), c(0, "i = '10'", '1'), c(0, "i = ' 10'", '1'),
  c(0, "i < '9x'", '0'), c(0, "'1e2' = 100", '1'), c(0, "'0x10' = 16", '0'), c(0, "'.5' = 0.5", '1'), c(0, "'-2' < -1", '1'),
  c(1, "f = '-2.25'", '1'), c(0, 'f = 1.5', '1'), c(0, 'f > 1', '1'),
  // case-insensitive, PAD SPACE, accent-insensitive (utf8mb4_general_ci)
  c(0, "s = 'hello'", '1'), c(0, "s = 'HELLO   '", '1'), c(0, "s <> 'hello'", '0'), c(0, "s > 'hell'", '1'),
  c(0, "'a' < 'B'", '1'), c(0, "'a ' = 'A'", '1'), c(0, "e = 'abc'", '1'), c(0, "e = 'ábc'", '1'), c(1, "e = 'strase'", '1'),
  c(1, "e = 'STRASSE'", '0'), c(2, "e = '😃'", '1'), c(0, "s IN ('x', 'HELLO')", '1'), c(0, "s BETWEEN 'a' AND 'z'", '1'),
  // binary strings: byte-wise, case-sensitive
  c(0, "b = 'hello'", '0'), c(0, "b = 'Hello'", '1'), c(0, "b LIKE 'h%'", '0'), c(0, "b LIKE 'H%'", '1'),
  c(2, 'b = 10', '1'),
  // LIKE
  c(0, "s LIKE 'hello'", '0'), c(0, "s LIKE 'hel%'", '1'), c(0, "s LIKE 'h_llo__'", '1'), c(0, "s NOT LIKE 'x%'", '1'),
  c(0, "'a%b' LIKE 'a\\%b'", '1'), c(0, "'axb' LIKE 'a\\%b'", '0'), c(0, "'a%b' LIKE 'a!%b' ESCAPE '!'", '1'),
  c(0, "'a_b' LIKE 'a|_b' ESCAPE '|'", '1'), c(0, "'axb' LIKE 'a|_b' ESCAPE '|'", '0'), c(0, "'' LIKE '%'", '1'),
  c(0, "'abc' LIKE '%%c'", '1'), c(0, "'abc' LIKE 'a%b%c%'", '1'), c(0, "'abc' LIKE '_'", '0'), c(0, "'abcbc' LIKE '%bc'", '1'),
  c(0, "'aXbXc' LIKE 'a%b%d'", '0'), c(0, "10 LIKE '1%'", '1'), c(0, "n LIKE '%'", null), c(0, "e LIKE 'ab%'", '1'),
  c(0, "'a\\\\b' LIKE 'a\\\\\\\\b'", '1'),
  // exact integers and decimals
  c(0, 'bu = 18446744073709551615', '1'), c(0, 'bu > 18446744073709551614', '1'), c(0, 'bu = 18446744073709551614', '0'),
  c(1, 'bu = 9007199254740993', '1'), c(1, 'bu = 9007199254740992', '0'), c(1, "bu = '9007199254740992'", '0', '1'),
  c(0, "9007199254740993 = '9007199254740992'", '0', '1'), c(0, "d = '12345678901234567890.12345678901'", '0', '1'),
  c(0, "i = '10.5'", '0'), c(0, "i = '1e1'", '1'), c(0, "i = '+10'", '1'), c(0, "i = ''", '0'), c(0, "0 = ''", '1'),
  c(1, "d = '1e-10'", '1'), c(1, "bu = '9.007199254740993e15'", '1'),
  c(0, 'bu + 0', '18446744073709551615'), c(1, 'bu - 1', '9007199254740992'),
  c(0, 'd = 12345678901234567890.1234567890', '1'), c(0, 'd = 12345678901234567890.123456789', '1'),
  c(0, 'd > 12345678901234567890.1234567889', '1'), c(0, 'd < 12345678901234567890.1234567891', '1'),
  c(1, 'd = 0.0000000001', '1'), c(1, 'd > 0', '1'), c(2, 'd = -3.5', '1'), c(2, 'd * 2 = -7', '1'),
  c(2, 'd + i', '-10.5000000000'), c(0, 'd + 1', '12345678901234567891.1234567890'), c(0, 'd IN (1, 12345678901234567890.123456789)', '1'),
  c(0, '0.1 + 0.2 = 0.3', '1'), c(0, '0.1e0 + 0.2e0 = 0.3', '0'), c(0, '1e3 = 1000', '1'), c(0, '99999999999999999999999 > 9', '1'),
  // arithmetic
  c(0, 'i / 4', '2.5000'), c(0, 'i DIV 4', '2'), c(0, 'i % 4', '2'), c(0, '-i % 4', '-2'), c(0, 'i / 0', null),
  c(0, 'i % 0', null), c(0, 'i DIV 0', null), c(2, 'i DIV 2', '-3'), c(2, 'i MOD -3', '-1'), c(0, '1 / 3', '0.3333'),
  c(0, '2 / 3', '0.6667'), c(0, '1.5 / 2', '0.75000'), c(0, 'f * 2', '3'), c(0, "f + '1'", '2.5'), c(0, "'3' + '4'", '7'),
  c(0, 'i - 3 * 2 + 1', '5'), c(0, '- i', '-10'), c(0, '-(-i)', '10'), c(0, '7 DIV 2.5', '2'), c(0, '7.5 % 2', '1.5'),
  c(0, 'n + 1', null), c(0, '2 * (3 + 4)', '14'),
  // DATETIME / DATE / TIME against string literals
  c(0, "dt = '2024-01-01'", '1'), c(0, "dt > '2024-01-01'", '0'), c(0, "dt >= '2023-12-31 23:59:59'", '1'),
  c(0, "dd = '2024-01-01 00:00:00'", '1'), c(0, "dd < '2024-01-01 00:00:01'", '1'), c(0, "dd = '2024-1-1'", '1'),
  c(1, "dt > '2024-03-15 12:34:56.123'", '1'), c(1, "dt = '2024-03-15 12:34:56.123456'", '1'),
  c(1, "dt BETWEEN '2024-03-01' AND '2024-03-31'", '1'), c(1, "dd BETWEEN '2024-03-01' AND '2024-03-31'", '1'),
  c(1, "dt LIKE '2024-03%'", '1'), c(1, "tm < '00:00:00'", '1'), c(1, "tm = '-1:30:00'", '1'), c(2, "tm > '100:00:00'", '1'),
  c(2, "dt < '2000-01-01'", '1'), c(0, "dt IN ('2024-01-01', '2024-01-02')", '1'), c(0, "dd = '20240101'", '1'),
  // functions
  c(0, 'UPPER(s)', 'HELLO  '), c(0, "LOWER('ÀB')", 'àb'), c(0, 'CONCAT(s, i)', 'Hello  10'), c(0, 'CONCAT(s, n)', null),
  c(0, 'COALESCE(n, i, 3)', '10'), c(0, "IFNULL(n, 'x')", 'x'), c(0, 'ABS(-i)', '10'), c(2, 'ABS(d)', '3.5000000000'),
  c(0, 'CHAR_LENGTH(e)', '3'), c(0, 'LENGTH(e)', '4'), c(2, 'CHAR_LENGTH(e)', '1'), c(2, 'LENGTH(e)', '4'),
  c(0, "CONCAT(1.50, 'x')", '1.50x'), c(0, 'CONCAT(d)', '12345678901234567890.1234567890'), c(0, "UPPER(s) = 'hello'", '1'),
  c(0, 'COALESCE(n, n)', null), c(0, 'LENGTH(b)', '5'),
  // truth of non-boolean values
  c(0, 's AND 1', '0'), c(0, "'1abc' AND 1", '1'), c(0, 'f AND 1', '1'), c(0, '0.0 OR 0', '0'), c(0, '1 XOR 1', '0'),
  c(0, '1 XOR 0', '1'), c(0, 'NOT i', '0'), c(0, 'NOT 0', '1'), c(0, '1 < 2 < 3', '1'), c(0, '3 > 2 > 1', '0'),
  c(0, 'TRUE = 1', '1'), c(0, 'FALSE + 1', '1'), c(0, '0.5 AND 1', '1'), c(0, "'0.0' OR 0", '0'),
];
