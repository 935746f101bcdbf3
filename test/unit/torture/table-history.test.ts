// The torture checker's name history: which table a name meant at a binlog position. A full-sync row
// carries the position its chunk was read at, so a RENAME ending at that very position came before it
// (seed 12 once failed when a restart right after a RENAME backfilled the renamed table); a binlog row
// never shares a DDL's position, and stays strictly after.
import { describe, expect, it } from '@jest/globals';
import { TableHistory } from '../../torture/check.js';
import type { TableSpec } from '../../torture/schema.js';

describe('TableHistory', () => {
  const t = { name: 't1' } as unknown as TableSpec;
  const history = new TableHistory('db', [t], [{ sql: 'RENAME TABLE `db`.`t1` TO `db`.`t1_r2`', at: [6, 100] }], new Map([[t, 't1']]));

  it('binds the new name after the RENAME, the old one before it', () => {
    expect(history.at('t1', [6, 50])).toBe(t);
    expect(history.at('t1_r2', [6, 50])).toBeUndefined();
    expect(history.at('t1_r2', [6, 150])).toBe(t);
    expect(history.at('t1', [6, 150])).toBeUndefined();
  });

  it('a full-sync row read at the RENAME position sees the new name; a binlog row there does not', () => {
    expect(history.at('t1_r2', [6, 100], true)).toBe(t);
    expect(history.at('t1_r2', [6, 100], false)).toBeUndefined();
  });
});
