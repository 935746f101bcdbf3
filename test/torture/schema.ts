// Random tables for the torture run: a key shape (the hard ones: numeric-looking VARCHAR keys,
// collation-equal keys under _ci and _bin, DECIMAL keys beyond 15 digits, composite, UUID, PK plus a
// secondary UNIQUE, UNIQUE-only) and a handful of columns drawn from types.ts.
import type { Rng } from './rng.js';
import { COLUMN_TYPES, columnValue, type ColumnType } from './types.js';

export interface KeyShape {
  readonly name: string;
  /** Column definitions of the key columns. */
  readonly columns: readonly { readonly name: string; readonly sql: string }[];
  /** 'primary' or 'unique' (UNIQUE NOT NULL, no primary key). */
  readonly kind: 'primary' | 'unique';
  /** A key value (one literal per key column) from a small domain, so keys collide and come back. */
  key(r: Rng): string[];
}

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const NUMERIC_LOOKING = ['007', '07', '7', '0', '00', '1e3', '1000', ' 7', '7 ', '-7', '+7'];
const COLLATION_EQUAL = ['abc', 'ABC', 'Abc', 'abc ', 'àbc', 'ÀBC', 'straße', 'strasse', 'x', 'X'];

export const KEY_SHAPES: readonly KeyShape[] = [
  { name: 'int', kind: 'primary', columns: [{ name: 'id', sql: 'INT NOT NULL' }], key: (r) => [String(r.int(-5, 120))] },
  { name: 'bigint-unsigned', kind: 'primary', columns: [{ name: 'id', sql: 'BIGINT UNSIGNED NOT NULL' }], key: (r) => [r.pick(['18446744073709551615', '9007199254740993', '9007199254740992', '0', String(r.int(1, 100))])] },
  { name: 'decimal-20-0', kind: 'primary', columns: [{ name: 'id', sql: 'DECIMAL(20,0) NOT NULL' }], key: (r) => [r.pick(['12345678901234567890', '12345678901234567891', '12345678901234567889', '99999999999999999999', String(r.int(0, 60))])] },
  { name: 'decimal-scale', kind: 'primary', columns: [{ name: 'id', sql: 'DECIMAL(30,10) NOT NULL' }], key: (r) => [r.pick(['0.1000000000', '0.1000000001', '12345678901234567890.0000000001', '12345678901234567890.0000000002', `${r.int(0, 50)}.5`])] },
  { name: 'varchar-ci', kind: 'primary', columns: [{ name: 'k', sql: 'VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL' }], key: (r) => [q(r.pick([...NUMERIC_LOOKING, ...COLLATION_EQUAL, `k${r.int(0, 40)}`]))] },
  { name: 'varchar-bin', kind: 'primary', columns: [{ name: 'k', sql: 'VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL' }], key: (r) => [q(r.pick([...NUMERIC_LOOKING, ...COLLATION_EQUAL, `k${r.int(0, 40)}`]))] },
  {
    name: 'composite', kind: 'primary',
    columns: [{ name: 'a', sql: 'INT NOT NULL' }, { name: 'b', sql: 'VARCHAR(16) CHARACTER SET utf8mb4 NOT NULL' }],
    key: (r) => [String(r.int(0, 8)), q(r.pick(['007', '7', 'x', 'X', 'y', `v${r.int(0, 5)}`]))],
  },
  { name: 'uuid', kind: 'primary', columns: [{ name: 'u', sql: 'UUID NOT NULL' }], key: (r) => [q(`00000000-0000-${r.pick(['1', '4', '7'])}000-8000-${String(r.int(0, 80)).padStart(12, '0')}`)] },
  { name: 'unique-only', kind: 'unique', columns: [{ name: 'code', sql: 'VARCHAR(20) CHARACTER SET utf8mb4 NOT NULL' }], key: (r) => [q(r.pick([...NUMERIC_LOOKING, `c${r.int(0, 60)}`]))] },
];

/** A table of the run. The workload's DDL renames it and adds, drops and renames its columns in place. */
export interface TableSpec {
  name: string;
  readonly key: KeyShape;
  /** Non-key data columns as they are now (`v`, `uq`, `g` and added `extraN` columns are not listed). */
  columns: { readonly name: string; readonly type: ColumnType }[];
  /** A secondary UNIQUE on an INT column whose values the workload swaps between rows. */
  readonly secondaryUnique: boolean;
  readonly ddl: string;
}

export function generateTable(r: Rng, database: string, index: number, key: KeyShape): TableSpec {
  const count = r.int(4, 9);
  const columns: { name: string; type: ColumnType }[] = [];
  for (let i = 0; i < count; i++) columns.push({ name: `c${i}`, type: r.pick(COLUMN_TYPES) });
  const secondaryUnique = key.kind === 'primary' && r.chance(0.35);
  const defs = [
    ...key.columns.map((c) => `\`${c.name}\` ${c.sql}`),
    ...columns.map((c) => `\`${c.name}\` ${c.type.sql}`),
    ...(secondaryUnique ? ['`uq` INT NULL', 'UNIQUE KEY `uq_u` (`uq`)'] : []),
    '`v` INT NOT NULL DEFAULT 0',
    ...(r.chance(0.3) ? ['`g` BIGINT AS (`v` * 2) STORED'] : []),
    key.kind === 'primary' ? `PRIMARY KEY (${key.columns.map((c) => `\`${c.name}\``).join(', ')})` : `UNIQUE KEY \`uk\` (${key.columns.map((c) => `\`${c.name}\``).join(', ')})`,
  ];
  const name = `t${index}_${key.name.replace(/-/g, '_')}`;
  return { name, key, columns, secondaryUnique, ddl: `CREATE TABLE \`${database}\`.\`${name}\` (\n  ${defs.join(',\n  ')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4` };
}

/** Column list and literals of a whole new row with the given key. */
export function rowValues(r: Rng, t: TableSpec, key: readonly string[]): { cols: string[]; vals: string[] } {
  const cols = [...t.key.columns.map((c) => c.name), ...t.columns.map((c) => c.name), 'v'];
  const vals = [...key, ...t.columns.map((c) => columnValue(c.type, r)), String(r.int(0, 1000))];
  if (t.secondaryUnique) {
    cols.push('uq');
    vals.push(r.chance(0.5) ? 'NULL' : String(r.int(0, 40)));
  }
  return { cols, vals };
}
