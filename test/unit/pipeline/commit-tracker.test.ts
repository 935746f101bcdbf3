import { describe, expect, it } from '@jest/globals';
import { CommitTracker } from '../../../runtime/pipeline/commit-tracker.js';

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

  it('starts from the restored checkpoint', () => {
    const t = new CommitTracker(at(50, 9));
    expect(t.advance(-1)?.position.pos).toBe(50);
  });
});
