// The MySQL -> MySQL half of `npm run demo`, driven end to end on the real stack: the example
// synthesized, prechecked, schema + full sync, live changes with ALTER TABLE and RENAME TABLE, the
// name mapping on the destination, `dts verify` EQUAL, and a clean SIGTERM stop with a checkpoint.
import { describe, expect, it } from '@jest/globals';
import { mysqlDemo } from '../../../scripts/demo-mysql.js';

describe('npm run demo -- mysql (real MariaDB source and destination)', () => {
  it('copies shop into shop_replica with the mapping, follows ALTER and RENAME, verifies EQUAL, stops cleanly', async () => {
    const lines: string[] = [];
    const result = await mysqlDemo({ step: (t) => lines.push(`> ${t}`), line: (t) => lines.push(t) }, { engineOutput: 'ignore' });
    expect({ verifyCode: result.verifyCode, verify: result.verify.split('\n')[0] }).toEqual({ verifyCode: 0, verify: 'task shop-replica: EQUAL' });
    expect(result.verify).toContain('shop.purchase_orders -> shop_replica.purchase_orders: 200003 rows');
    expect(result.destinationTables).toEqual(['customers', 'purchase_orders']);
    expect(result.customerColumns).toEqual(['id', 'name', 'contact_email']);
    expect(result.renamedRow).toMatchObject({ id: 900004, customer_id: 1, note: 'after the rename' });
    expect({ exit: result.engineExit, state: result.state }).toEqual({ exit: 0, state: 'Suspended' });
    expect(result.checkpoint).toMatch(/^\S+\.\d+:\d+$/);
    expect(lines.some((l) => /^full sync: .*shop\.orders/.test(l))).toBe(true);
  }, 180_000);
});
