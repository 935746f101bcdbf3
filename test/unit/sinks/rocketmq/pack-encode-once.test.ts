// pack() encodes each message body once in the common case, and stays under the body limit when its
// size estimate is wrong (multi-byte UTF-8, JSON escaping) by splitting and re-encoding.
import { describe, expect, it } from '@jest/globals';
import type { ChangeEvent } from '../../../../runtime/events/change-event.js';
import { encodeCanalJson } from '../../../../runtime/sinks/rocketmq/formats/canal-json.js';
import { pack, type RoutedChange } from '../../../../runtime/sinks/rocketmq/pack.js';
import { insert } from '../../transforms/events.js';

const routed = (e: ChangeEvent, group = 'g'): RoutedChange => ({ event: e, group, topic: 'T' });

function countingEncoder() {
  const calls: number[] = [];
  const encode = (events: readonly ChangeEvent[]): Buffer => {
    calls.push(events.length);
    return encodeCanalJson(events, { syncAllFields: false, now: () => 1 });
  };
  return { encode, calls };
}

describe('pack encodes once', () => {
  it('small rows: one encode per message, none per row', () => {
    const { encode, calls } = countingEncoder();
    const evs = Array.from({ length: 1000 }, (_, i) => insert({ id: i + 1, status: 'new', amount: '1.50', note: `n${i}` }));
    const { messages } = pack(evs.map((e) => routed(e, `g${e.seq % 4}`)), encode);
    expect(messages).toHaveLength(4);
    expect(calls).toEqual([250, 250, 250, 250]);
  });

  it('rows whose estimate is far too low (3-byte UTF-8, escaped quotes) are split until every body fits, order kept', () => {
    const { encode } = countingEncoder();
    const limit = 64 * 1024;
    const evs = Array.from({ length: 40 }, (_, i) => insert({ id: i + 1, status: 's', amount: null, note: (i % 2 ? '€' : '"').repeat(4000) }));
    const { messages, oversize } = pack(evs.map((e) => routed(e)), encode, { maxBodyBytes: limit });
    expect(oversize).toEqual([]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.body.length).toBeLessThanOrEqual(limit);
    expect(messages.flatMap((m) => m.keys)).toEqual(evs.map((_, i) => String(i + 1)));
  });

  it('a row that fits only by estimate but not encoded is still reported oversize, its neighbours delivered', () => {
    const { encode } = countingEncoder();
    const limit = 32 * 1024;
    const evs = [
      insert({ id: 1, status: 's', amount: null, note: 'a' }),
      insert({ id: 2, status: 's', amount: null, note: '€'.repeat(20_000) }), // ~20 KB estimated, ~60 KB encoded
      insert({ id: 3, status: 's', amount: null, note: 'c' }),
    ];
    const { messages, oversize } = pack(evs.map((e) => routed(e)), encode, { maxBodyBytes: limit });
    expect(oversize.map((o) => [o.key, o.bytes > limit])).toEqual([['2', true]]);
    expect(messages.flatMap((m) => m.keys)).toEqual(['1', '3']);
  });
});
