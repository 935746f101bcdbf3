/**
 * Decides how far the checkpoint may advance. Each source transaction, once all its messages are
 * enqueued, leaves a mark: (the last message sequence it produced, the binlog position after it).
 * A mark is durable when the sink has acknowledged every message up to that sequence; the newest
 * durable mark is the resume point. A transaction whose events were all filtered produces no message
 * and becomes durable as soon as everything before it is.
 * Memory: a mark that adds no message replaces the one before it (both become durable together), so
 * the marks waiting never outnumber the messages waiting, however long the broker is unavailable.
 */
import type { TransactionMark } from '../../state/offsets.js';

export class CommitTracker {
  private readonly marks: TransactionMark[] = [];
  private durable: TransactionMark | undefined;

  constructor(initial?: TransactionMark) {
    this.durable = initial;
  }

  mark(mark: TransactionMark): void {
    const tail = this.marks[this.marks.length - 1];
    if (tail && tail.lastSeq === mark.lastSeq) this.marks[this.marks.length - 1] = mark;
    else this.marks.push(mark);
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
