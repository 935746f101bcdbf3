import { describe, it, expect } from '@jest/globals';
import { GLOBAL_GROUP, OrderingRouter, bucketGroup, bucketOf, tableGroup } from '../../../../runtime/sinks/rocketmq/ordering.js';
import { MAX_BODY_BYTES, MAX_KEY_BYTES, messageKey, pack } from '../../../../runtime/sinks/rocketmq/pack.js';
import type { RoutedChange } from '../../../../runtime/sinks/rocketmq/pack.js';
import { encodeCanalJson, toCanalMessage } from '../../../../runtime/sinks/rocketmq/formats/canal-json.js';
import type { ChangeEvent } from '../../../../runtime/events/change-event.js';
import { ddl, del, insert, update } from '../../transforms/events.js';

const row = (id: number | bigint | string, status = 's') => ({ id, status, amount: null, note: null });

describe('ordering rules', () => {
  it('global: one group for everything, DDL included', () => {
    const r = new OrderingRouter({ rule: 'global', buckets: 1 });
    expect([insert(row(1)), ddl('CREATE DATABASE x', { table: undefined }), del(row(2), { table: 'items' })].map((e) => r.route(e)[0]!.group))
      .toEqual([GLOBAL_GROUP, GLOBAL_GROUP, GLOBAL_GROUP]);
  });

  it('database-table: one group per table, its DDL with it, table-less DDL global', () => {
    const r = new OrderingRouter({ rule: 'database-table', buckets: 1 });
    expect(r.route(insert(row(1)))[0]!.group).toBe('shop.orders');
    expect(r.route(ddl('ALTER TABLE orders ADD c INT', { table: 'orders' }))[0]!.group).toBe('shop.orders');
    expect(r.route(insert(row(1), { database: 'crm', table: 'orders' }))[0]!.group).toBe('crm.orders');
    expect(r.route(ddl('CREATE VIEW v AS SELECT 1', { table: undefined }))[0]!.group).toBe(GLOBAL_GROUP);
  });

  it('keeps group names under 64 bytes, stable and distinct for long names', () => {
    const long = 'x'.repeat(64);
    const a = tableGroup(long, 'orders');
    const b = tableGroup(long, 'orders2');
    expect(Buffer.byteLength(a)).toBeLessThan(64);
    expect(a).toBe(tableGroup(long, 'orders'));
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(tableGroup('数据库'.repeat(5), '表'.repeat(10)))).toBeLessThan(64);
    expect(tableGroup('shop', 'orders')).toBe('shop.orders');
  });

  it('columns: same key -> same bucket whatever the JS type; keys spread over all buckets', () => {
    const r = new OrderingRouter({ rule: 'columns', buckets: 8 });
    const g = (e: ChangeEvent) => r.route(e)[0]!.group;
    expect(g(insert(row(42)))).toBe(g(insert(row(42n))));
    expect(g(insert(row(42)))).toBe(g(insert(row('42'))));
    expect(g(del(row(42)))).toBe(g(insert(row(42))));
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) seen.add(g(insert(row(i))));
    expect(seen.size).toBe(8);
    expect([...seen].every((s) => /^dts-bucket-[0-7]$/.test(s))).toBe(true);
    // stable across runs and versions: pinned values
    expect(bucketOf(['1'], 8)).toBe(bucketOf(['1'], 8));
    expect([bucketOf(['1'], 8), bucketOf(['2'], 8), bucketOf(['a', 'b'], 16)]).toEqual([6, 5, 10]);
    // composite keys are length-prefixed, so ('ab','c') and ('a','bc') differ
    expect(bucketOf(['ab', 'c'], 1 << 30)).not.toBe(bucketOf(['a', 'bc'], 1 << 30));
  });

  it('columns: partition key columns override the primary key; missing column is named', () => {
    const r = new OrderingRouter({ rule: 'columns', buckets: 16 });
    const a = r.route(insert(row(1, 'paid')), ['status'])[0]!.group;
    const b = r.route(insert(row(2, 'paid')), ['status'])[0]!.group;
    expect(a).toBe(b);
    expect(() => r.route(insert(row(1)), ['nope'])).toThrow(/partition key column `nope` is not in shop\.orders/);
  });

  it('columns: no key -> global; DDL -> global', () => {
    const r = new OrderingRouter({ rule: 'columns', buckets: 4 });
    expect(r.route(insert({ a: 1 }, { primaryKey: [] }))[0]!.group).toBe(GLOBAL_GROUP);
    expect(r.route(ddl('ALTER TABLE orders ADD c INT', { table: 'orders' }))[0]!.group).toBe(GLOBAL_GROUP);
    expect(() => new OrderingRouter({ rule: 'columns', buckets: 0 })).toThrow(/positive whole number of buckets/);
  });

  it('columns: a key-changing UPDATE across buckets becomes DELETE(old) in the old group + INSERT(new) in the new group', () => {
    const r = new OrderingRouter({ rule: 'columns', buckets: 64 });
    let oldId = 1;
    let newId = 2;
    while (bucketOf([String(oldId)], 64) === bucketOf([String(newId)], 64)) newId++;
    const e = update(row(oldId, 'a'), row(newId, 'b'));
    const routed = r.route(e);
    expect(routed.map((x) => [x.event.kind, x.group])).toEqual([
      ['delete', bucketGroup(bucketOf([String(oldId)], 64))],
      ['insert', bucketGroup(bucketOf([String(newId)], 64))],
    ]);
    expect(routed[0]!.event.before).toEqual(row(oldId, 'a'));
    expect(routed[0]!.event.after).toBeUndefined();
    expect(routed[1]!.event.after).toEqual(row(newId, 'b'));
    expect(routed[1]!.event.before).toBeUndefined();
    // per-key order for consumers of each key: simulate history, then check each group's sequence
    const history = [insert(row(oldId, 'x')), update(row(oldId, 'x'), row(oldId, 'a')), e, update(row(newId, 'b'), row(newId, 'c'))];
    const groups = new Map<string, string[]>();
    for (const h of history) for (const x of r.route(h)) groups.set(x.group, [...(groups.get(x.group) ?? []), `${x.event.kind}:${String((x.event.after ?? x.event.before)!.id)}`]);
    expect(groups.get(bucketGroup(bucketOf([String(oldId)], 64)))).toEqual([`insert:${oldId}`, `update:${oldId}`, `delete:${oldId}`]);
    expect(groups.get(bucketGroup(bucketOf([String(newId)], 64)))).toEqual([`insert:${newId}`, `update:${newId}`]);
    // same bucket: stays one UPDATE
    let sameId = oldId + 1;
    while (bucketOf([String(sameId)], 64) !== bucketOf([String(oldId)], 64)) sameId++;
    expect(r.route(update(row(oldId), row(sameId))).map((x) => x.event.kind)).toEqual(['update']);
  });
});

describe('pack', () => {
  const encode = (events: readonly ChangeEvent[]) => encodeCanalJson(events, { syncAllFields: false, now: () => 1 });
  const routed = (e: ChangeEvent, group: string, topic = 'T'): RoutedChange => ({ event: e, group, topic });

  it('packs rows of the same group, table and kind into one message; keys are the primary keys', () => {
    const evs = [1, 2, 3].map((i) => insert(row(i)));
    const { messages, oversize } = pack(evs.map((e) => routed(e, 'g1')), encode);
    expect(oversize).toEqual([]);
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m.keys).toEqual(['1', '2', '3']);
    expect(JSON.parse(m.body.toString()).data.map((d: { id: string }) => d.id)).toEqual(['1', '2', '3']);
    expect(m.properties).toEqual({ dts_position: `${evs[0]!.position.file}:${evs[0]!.position.pos}`, dts_gtid: evs[0]!.position.gtid, dts_seq_first: String(evs[0]!.seq), dts_seq_last: String(evs[2]!.seq) });
  });

  it('carries a restart-stable identity of its first and last row: commit position + index in the transaction', () => {
    const evs: ChangeEvent[] = [1, 2, 3].map((id, i) => ({ ...insert(row(id)), rowInTransaction: i + 4 }));
    const renumbered = evs.map((e) => ({ ...e, seq: e.seq + 1000 })); // a restart renumbers seq, never the identity
    const props = (list: ChangeEvent[]) => pack(list.map((e) => routed(e, 'g0')), encode).messages[0]!.properties;
    const a = props(evs);
    const b = props(renumbered);
    expect(a.dts_row_first).toBe('4');
    expect(a.dts_row_last).toBe('6');
    expect(a.dts_position_last).toBe(`${evs[2]!.position.file}:${evs[2]!.position.pos}`);
    for (const k of ['dts_position', 'dts_row_first', 'dts_position_last', 'dts_row_last']) expect(b[k]).toBe(a[k]);
    expect(b.dts_seq_first).not.toBe(a.dts_seq_first);
  });

  it('splits by group, keeps per-group order, never mixes kinds or tables, DDL alone', () => {
    const a1 = insert(row(1)); const b1 = insert(row(2)); const a2 = del(row(3)); const a3 = del(row(4));
    const b2 = insert(row(5), { table: 'items' }); const d = ddl('ALTER TABLE orders ADD c INT', { table: 'orders' });
    const { messages } = pack([routed(a1, 'A'), routed(b1, 'B'), routed(a2, 'A'), routed(a3, 'A'), routed(b2, 'B'), routed(d, 'A')], encode);
    const inGroup = (g: string) => messages.filter((m) => m.group === g).map((m) => m.events.map((e) => `${e.kind}${e.seq}`).join(','));
    expect(inGroup('A')).toEqual([`insert${a1.seq}`, `delete${a2.seq},delete${a3.seq}`, `ddl${d.seq}`]);
    expect(inGroup('B')).toEqual([`insert${b1.seq}`, `insert${b2.seq}`]);
    for (const g of ['A', 'B']) {
      const seqs = messages.filter((m) => m.group === g).flatMap((m) => m.events.map((e) => e.seq));
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    expect(messages.find((m) => m.events[0]!.kind === 'ddl')!.keys).toEqual([]);
  });

  it('no message holds rows from both sides of a DDL, even when the DDL travels in another group', () => {
    // Under 'columns' a TRUNCATE goes to the global group; the rows before and after it in bucket A
    // must be two messages, so a consumer ordering by dts_position applies the TRUNCATE between them.
    const before = insert(row(1));
    const t = ddl('TRUNCATE TABLE orders', { table: 'orders' });
    const after = insert(row(2));
    const { messages } = pack([routed(before, 'A'), routed(t, GLOBAL_GROUP), routed(after, 'A')], encode);
    expect(messages.filter((m) => m.group === 'A').map((m) => m.events.map((e) => e.seq))).toEqual([[before.seq], [after.seq]]);
    // Per-group order is still the input order.
    expect(messages.map((m) => m.events[0]!.seq)).toEqual([before.seq, t.seq, after.seq]);
  });

  it("keeps every message's keys within the broker's 16 KB user-property limit, rows in order", () => {
    const evs = Array.from({ length: 5000 }, (_x, i) => insert(row(`key-${String(i).padStart(6, '0')}`)));
    const { messages } = pack(evs.map((e) => routed(e, 'g')), encode);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.keys.reduce((n, k) => n + Buffer.byteLength(k) + 1, 0)).toBeLessThanOrEqual(MAX_KEY_BYTES);
    expect(messages.flatMap((m) => m.events.map((e) => e.seq))).toEqual(evs.map((e) => e.seq));
  });

  it('one row per message when the format needs it (dts-avro)', () => {
    const { messages } = pack([1, 2, 3].map((i) => routed(insert(row(i)), 'g')), encode, { maxRowsPerMessage: 1 });
    expect(messages.map((m) => m.keys)).toEqual([['1'], ['2'], ['3']]);
  });

  it('the same group on different topics is two messages', () => {
    const { messages } = pack([routed(insert(row(1)), 'G', 'T1'), routed(insert(row(2)), 'G', 'T2')], encode);
    expect(messages.map((m) => m.topic)).toEqual(['T1', 'T2']);
  });

  it('caps a message at the body limit and reports a single row over it', () => {
    const big = (i: number, kb: number) => insert({ id: i, status: 's', amount: null, note: 'x'.repeat(kb * 1024) });
    const limit = 100 * 1024;
    const evs = [big(1, 30), big(2, 30), big(3, 30), big(4, 30), big(5, 150), big(6, 30)];
    const { messages, oversize } = pack(evs.map((e) => routed(e, 'g')), encode, { maxBodyBytes: limit });
    expect(messages.map((m) => m.keys)).toEqual([['1', '2', '3'], ['4', '6']]);
    for (const m of messages) expect(m.body.length).toBeLessThanOrEqual(limit);
    expect(oversize.map((o) => [o.key, o.group, o.bytes > limit])).toEqual([['5', 'g', true]]);
    expect(MAX_BODY_BYTES).toBe(4 * 1024 * 1024);
  });

  it('a 5 MB row is oversize at the real 4 MB limit', () => {
    const { messages, oversize } = pack([routed(insert({ id: 7, status: 's', amount: null, note: 'y'.repeat(5 * 1024 * 1024) }), 'g')], encode);
    expect(messages).toEqual([]);
    expect(oversize[0]!.key).toBe('7');
  });

  it('message keys: composite keys as a JSON array, no key for keyless tables', () => {
    expect(messageKey(insert({ a: 1, b: 'x' }, { primaryKey: ['a', 'b'] }))).toBe('["1","x"]');
    expect(messageKey(insert({ a: 1 }, { primaryKey: [] }))).toBeUndefined();
    expect(messageKey(del(row(18446744073709551615n)))).toBe('18446744073709551615');
    expect(toCanalMessage([insert(row(1))], { syncAllFields: false }).pkNames).toEqual(['id']);
  });
});

describe('bucketOf', () => {
  it('is the first 8 MD5 bytes (unsigned, big-endian) mod buckets, for every bucket count up to 65,536', async () => {
    const { createHash } = await import('node:crypto');
    const reference = (values: string[], buckets: number) => {
      const h = createHash('md5');
      for (const v of values) h.update(`${Buffer.byteLength(v, 'utf8')}:${v};`);
      return Number(h.digest().readBigUInt64BE(0) % BigInt(buckets));
    };
    let seed = 12345;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let i = 0; i < 3000; i++) {
      const values = Array.from({ length: 1 + rand(3) }, () => (rand(5) === 0 ? `é${rand(1e6)}中` : String(rand(1e9))));
      const buckets = [1, 2, 3, 7, 16, 64, 1000, 65535, 65536][rand(9)]!;
      expect(bucketOf(values, buckets)).toBe(reference(values, buckets));
    }
  });
});
