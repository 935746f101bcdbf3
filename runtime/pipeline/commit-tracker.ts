/**
 * Decides how far the checkpoint may advance. Each source transaction, once all its messages are
 * enqueued, leaves a mark: (the last message sequence it produced, the binlog position after it).
 * A mark is durable when the sink has acknowledged every message up to that sequence; the newest
 * durable mark is the resume point. A transaction whose events were all filtered produces no message
 * and becomes durable as soon as everything before it is.
 */
import type { BinlogPosition } from '../events/change-event.js';
import type { SourceCheckpoint } from '../sources/change-source.js';

export interface TransactionMark {
  readonly lastSeq: number;
  readonly position: BinlogPosition;
  /** Source commit time (ms), for latency. */
  readonly commitTime: number;
  /** Last event seq (canal `id`) of the transaction, kept so ids stay monotonic across restarts. */
  readonly lastEventSeq: number;
  /** The full source checkpoint (binlog position, full-sync progress, last seq) to persist once durable. */
  readonly checkpoint?: SourceCheckpoint;
}

export class CommitTracker {
  private readonly marks: TransactionMark[] = [];
  private durable: TransactionMark | undefined;

  constructor(initial?: TransactionMark) {
    this.durable = initial;
  }

  mark(mark: TransactionMark): void {
    this.marks.push(mark);
  }

  /** Pops every mark covered by `ackedThrough`; returns the newest durable mark (or the previous one). */
  advance(ackedThrough: number): TransactionMark | undefined {
    while (this.marks.length > 0 && this.marks[0]!.lastSeq <= ackedThrough) this.durable = this.marks.shift();
    return this.durable;
  }

  durableMark(): TransactionMark | undefined {
    return this.durable;
  }

  pendingTransactions(): number {
    return this.marks.length;
  }
}
