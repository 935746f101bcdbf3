import { describe, expect, it } from '@jest/globals';
import { CommitTracker } from '../../../../runtime/sinks/rocketmq/commit-tracker.js';

const at = (pos: number, lastSeq: number) => ({ lastSeq, position: { file: 'bin.000001', pos }, commitTime: pos, lastEventSeq: lastSeq });

describe('CommitTracker', () => {
  it('advances only to the newest transaction whose messages are all acknowledged', () => {
    const t = new CommitTracker();
    t.mark(at(100, 2));
    t.mark(at(200, 2)); // fully filtered transaction: no new message
    t.mark(at(300, 5));
    expect(t.advance(-1)).toBeUndefined();
    expect(t.advance(1)).toBeUndefined();
    expect(t.advance(2)?.position.pos).toBe(200);
    expect(t.advance(4)?.position.pos).toBe(200);
    expect(t.pendingTransactions()).toBe(1);
    expect(t.advance(5)?.position.pos).toBe(300);
    expect(t.pendingTransactions()).toBe(0);
  });

  it('keeps no more marks than messages while the broker is stuck (issue 10: marks must not grow per transaction)', () => {
    const t = new CommitTracker();
    t.mark(at(10, 0)); // one message
    for (let pos = 11; pos < 100_011; pos++) t.mark(at(pos, 0)); // 100,000 transactions, all filtered or position-only
    expect(t.pendingTransactions()).toBe(1);
    expect(t.advance(0)?.position.pos).toBe(100_010);
  });

  it('starts from the restored checkpoint', () => {
    const t = new CommitTracker(at(50, 9));
    expect(t.advance(-1)?.position.pos).toBe(50);
  });
});
