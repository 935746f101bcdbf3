import { describe, expect, it } from '@jest/globals';
import { heartbeatDatabase, isHeartbeatTable } from '../../../runtime/sources/heartbeat.js';

describe('isHeartbeatTable', () => {
  it('is the dts_heartbeat table of the heartbeat database only', () => {
    expect(isHeartbeatTable('shop', 'shop', 'dts_heartbeat')).toBe(true);
    // A user table of the same name in another database is data to deliver, not the heartbeat.
    expect(isHeartbeatTable('shop', 'billing', 'dts_heartbeat')).toBe(false);
    expect(isHeartbeatTable('shop', 'shop', 'orders')).toBe(false);
    expect(isHeartbeatTable('shop', 'shop', undefined)).toBe(false);
  });

  it('matches nothing when the heartbeat is off', () => {
    expect(isHeartbeatTable(undefined, 'shop', 'dts_heartbeat')).toBe(false);
  });

  it('writes into the first selected database', () => {
    expect(heartbeatDatabase([{ database: 'shop' }, { database: 'billing' }])).toBe('shop');
    expect(heartbeatDatabase([])).toBeUndefined();
  });
});
