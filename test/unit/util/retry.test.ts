import { describe, expect, it } from '@jest/globals';
import { backoffMs, classifyFailure, RetryClock, retryScale } from '../../../runtime/util/retry.js';
import { BinlogReaderError } from '../../../runtime/sources/binlog/errors.js';

describe('classifyFailure', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'connection'],
    [{ code: 'PROTOCOL_CONNECTION_LOST' }, 'connection'],
    [{ code: 14, message: '14 UNAVAILABLE: No connection established' }, 'connection'],
    [{ code: 4 }, 'connection'],
    [new Error('connect ETIMEDOUT 127.0.0.1:23306'), 'connection'],
    [{ code: 'ER_DUP_ENTRY', message: 'Duplicate entry' }, 'other'],
    // By kind, not wording: the binlog reader's heartbeat silence, a killed session, a wrapped cause.
    [new BinlogReaderError('connection', 'task t: binlog reader heard nothing (not even a heartbeat) for 17 s'), 'connection'],
    [new BinlogReaderError('other', 'task t: binlog event handling failed'), 'other'],
    [{ errno: 1927, message: 'Connection was killed' }, 'connection'],
    [{ errno: 2013, message: 'Lost connection to server during query' }, 'connection'],
    [new Error("Can't add new command when connection is in closed state"), 'connection'],
    [Object.assign(new Error('task t: applying changes failed'), { cause: { code: 'PROTOCOL_CONNECTION_LOST' } }), 'connection'],
    [new Error('topic not found'), 'other'],
  ])('%p is a %s failure', (error, expected) => {
    expect(classifyFailure(error)).toBe(expected);
  });
});

describe('RetryClock', () => {
  it('retries connection failures for the connection window, other failures for the other window', () => {
    let now = 0;
    const clock = new RetryClock({ connectionMinutes: 30, otherMinutes: 10 }, () => now);
    const refused = { code: 'ECONNREFUSED' };
    expect(clock.next(refused, 1)).toBe(100);
    now = 29 * 60_000;
    expect(clock.next(refused, 2)).toBe(200);
    now = 30 * 60_000;
    expect(clock.next(refused, 3)).toBeUndefined();

    const other = new RetryClock({ connectionMinutes: 30, otherMinutes: 10 }, () => now);
    now = 0;
    expect(other.next(new Error('bad row'), 1)).toBeDefined();
    now = 10 * 60_000;
    expect(other.next(new Error('bad row'), 2)).toBeUndefined();
  });

  it('restarts the window after a success (reset)', () => {
    let now = 0;
    const clock = new RetryClock({ connectionMinutes: 10, otherMinutes: 1 }, () => now);
    clock.next(new Error('x'), 1);
    now = 2 * 60_000;
    clock.reset();
    expect(clock.next(new Error('x'), 1)).toBe(100);
  });

  it('caps the backoff at 30 s', () => {
    expect(backoffMs(1)).toBe(100);
    expect(backoffMs(4)).toBe(800);
    expect(backoffMs(40)).toBe(30_000);
  });
});

describe('DTS_RETRY_SCALE (test-only factor on the windows)', () => {
  it('is 1 when unset and a positive factor otherwise', () => {
    expect(retryScale({})).toBe(1);
    expect(retryScale({ DTS_RETRY_SCALE: '0.005' })).toBe(0.005);
    expect(() => retryScale({ DTS_RETRY_SCALE: '0' })).toThrow(/DTS_RETRY_SCALE must be a positive number/);
    expect(() => retryScale({ DTS_RETRY_SCALE: 'fast' })).toThrow(/got "fast"/);
  });

  it('shrinks the window: 10 minutes x 0.005 = 3 s', () => {
    let now = 0;
    const clock = new RetryClock({ connectionMinutes: 10, otherMinutes: 1 }, () => now, 0.005);
    expect(clock.next({ code: 'ECONNREFUSED' }, 1)).toBe(100);
    now = 2_999;
    expect(clock.next({ code: 'ECONNREFUSED' }, 2)).toBe(200);
    now = 3_000;
    expect(clock.next({ code: 'ECONNREFUSED' }, 3)).toBeUndefined();
  });
});
