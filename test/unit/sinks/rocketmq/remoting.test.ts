/**
 * The remoting producer's pure parts: the proxy's group -> queue choice (vectors printed by Guava's
 * Hashing.consistentHash and Java's String.hashCode, RocketMQ's own jars), route ordering, framing,
 * the batch body layout, the request signature (vector from RocketMQ's AclClientRPCHook).
 */
import { describe, expect, it } from '@jest/globals';
import { consistentHash, javaStringHash, queueOfGroup, writeQueues } from '../../../../runtime/sinks/rocketmq/remoting/route.js';
import { batchEntry, decodeFrames, decodeProperties, encodeBatch, encodeCommand, encodeProperties, entryBytes } from '../../../../runtime/sinks/rocketmq/remoting/protocol.js';
import { signRequest } from '../../../../runtime/sinks/rocketmq/remoting/producer.js';
import { cutRequests, encodedProperties, MessageIds } from '../../../../runtime/sinks/rocketmq/remoting/transport.js';

/** [group, buckets, String.hashCode, Hashing.consistentHash] as Java computes them. */
const JAVA_VECTORS: [string, number, number, number][] = [
  ["dts-bucket-0", 1, -428185161, 0],
  ["dts-bucket-0", 2, -428185161, 0],
  ["dts-bucket-0", 3, -428185161, 0],
  ["dts-bucket-0", 8, -428185161, 0],
  ["dts-bucket-0", 16, -428185161, 8],
  ["dts-bucket-0", 100, -428185161, 81],
  ["dts-bucket-1", 1, -428185160, 0],
  ["dts-bucket-1", 2, -428185160, 0],
  ["dts-bucket-1", 3, -428185160, 0],
  ["dts-bucket-1", 8, -428185160, 3],
  ["dts-bucket-1", 16, -428185160, 11],
  ["dts-bucket-1", 100, -428185160, 16],
  ["dts-bucket-7", 1, -428185154, 0],
  ["dts-bucket-7", 2, -428185154, 0],
  ["dts-bucket-7", 3, -428185154, 0],
  ["dts-bucket-7", 8, -428185154, 7],
  ["dts-bucket-7", 16, -428185154, 7],
  ["dts-bucket-7", 100, -428185154, 20],
  ["dts-bucket-15", 1, -388838019, 0],
  ["dts-bucket-15", 2, -388838019, 0],
  ["dts-bucket-15", 3, -388838019, 0],
  ["dts-bucket-15", 8, -388838019, 7],
  ["dts-bucket-15", 16, -388838019, 12],
  ["dts-bucket-15", 100, -388838019, 40],
  ["dts-global", 1, 1211830989, 0],
  ["dts-global", 2, 1211830989, 1],
  ["dts-global", 3, 1211830989, 2],
  ["dts-global", 8, 1211830989, 4],
  ["dts-global", 16, 1211830989, 4],
  ["dts-global", 100, 1211830989, 84],
  ["db.table", 1, 690445918, 0],
  ["db.table", 2, 690445918, 0],
  ["db.table", 3, 690445918, 2],
  ["db.table", 8, 690445918, 7],
  ["db.table", 16, 690445918, 7],
  ["db.table", 100, 690445918, 87],
  ["tbl-abc", 1, -1516921389, 0],
  ["tbl-abc", 2, -1516921389, 1],
  ["tbl-abc", 3, -1516921389, 1],
  ["tbl-abc", 8, -1516921389, 5],
  ["tbl-abc", 16, -1516921389, 9],
  ["tbl-abc", 100, -1516921389, 57],
  ["\u00e9\u4e2d\u6587", 1, 870307, 0],
  ["\u00e9\u4e2d\u6587", 2, 870307, 1],
  ["\u00e9\u4e2d\u6587", 3, 870307, 1],
  ["\u00e9\u4e2d\u6587", 8, 870307, 4],
  ["\u00e9\u4e2d\u6587", 16, 870307, 4],
  ["\u00e9\u4e2d\u6587", 100, 870307, 71],
  ["", 1, 0, 0],
  ["", 2, 0, 0],
  ["", 3, 0, 0],
  ["", 8, 0, 0],
  ["", 16, 0, 0],
  ["", 100, 0, 0],
  ["x", 1, 120, 0],
  ["x", 2, 120, 1],
  ["x", 3, 120, 1],
  ["x", 8, 120, 4],
  ["x", 16, 120, 12],
  ["x", 100, 120, 36],
];

describe('the proxy\'s group -> queue choice', () => {
  it.each(JAVA_VECTORS)('%s over %d queues: hash %d, bucket %d (as Java and Guava)', (group, buckets, hash, bucket) => {
    expect(javaStringHash(group)).toBe(hash);
    expect(consistentHash(hash, buckets)).toBe(bucket);
  });

  it('sorts write queues by broker name then queue id, skipping read-only queues and brokers without a master', () => {
    const queues = writeQueues({
      queueDatas: [
        { brokerName: 'broker-b', writeQueueNums: 2, perm: 6 },
        { brokerName: 'broker-a', writeQueueNums: 2, perm: 6 },
        { brokerName: 'broker-c', writeQueueNums: 2, perm: 4 },
        { brokerName: 'broker-d', writeQueueNums: 2, perm: 6 },
      ],
      brokerDatas: [
        { brokerName: 'broker-a', brokerAddrs: { '0': 'a:1' } },
        { brokerName: 'broker-b', brokerAddrs: { '0': 'b:1', '1': 'b:2' } },
        { brokerName: 'broker-c', brokerAddrs: { '0': 'c:1' } },
        { brokerName: 'broker-d', brokerAddrs: { '1': 'd:2' } },
      ],
    });
    expect(queues.map((q) => `${q.brokerName}/${q.queueId}@${q.address}`)).toEqual(['broker-a/0@a:1', 'broker-a/1@a:1', 'broker-b/0@b:1', 'broker-b/1@b:1']);
    expect(queueOfGroup('dts-bucket-7', queues)).toBe(queues[consistentHash(javaStringHash('dts-bucket-7'), 4)]);
    expect(() => queueOfGroup('g', [])).toThrow(/no writable queue/);
  });
});

describe('remoting framing', () => {
  it('round-trips a command with a body, across arbitrary chunk boundaries', () => {
    const a = encodeCommand({ code: 320, opaque: 7, flag: 0, extFields: { b: 'topic', n: 'broker-a' }, body: Buffer.from('payload') });
    const b = encodeCommand({ code: 105, opaque: 8, flag: 1, remark: 'ok', extFields: {} });
    const wire = Buffer.concat([a, b]);
    for (let cut = 0; cut <= wire.length; cut += 5) {
      const first = decodeFrames(wire.subarray(0, cut));
      const second = decodeFrames(Buffer.concat([first.rest, wire.subarray(cut)]));
      const all = [...first.commands, ...second.commands];
      expect(all.map((c) => [c.code, c.opaque, c.flag, c.body?.toString() ?? null, c.remark ?? null])).toEqual([
        [320, 7, 0, 'payload', null],
        [105, 8, 1, null, 'ok'],
      ]);
      expect(second.rest.length).toBe(0);
    }
  });

  it('lays out a batch as the broker decodes it (MessageDecoder.encodeMessages)', () => {
    const text = encodeProperties(new Map([['KEYS', 'k1 k2'], ['__SHARDINGKEY', 'g']]));
    const properties = Buffer.from(text);
    const entries = [batchEntry(Buffer.from('abc'), text), batchEntry(Buffer.alloc(0), '')];
    const body = encodeBatch(entries);
    expect(body.length).toBe(entries.reduce((n, e) => n + entryBytes(e), 0));
    expect(body.readInt32BE(0)).toBe(entryBytes(entries[0]!));
    expect(body.readInt32BE(16)).toBe(3);
    expect(body.subarray(20, 23).toString()).toBe('abc');
    expect(body.readInt16BE(23)).toBe(properties.length);
    expect(decodeProperties(body.subarray(25, 25 + properties.length).toString())).toEqual(new Map([['KEYS', 'k1 k2'], ['__SHARDINGKEY', 'g']]));
    expect(body.readInt32BE(entryBytes(entries[0]!))).toBe(22);
    expect(() => encodeBatch([batchEntry(Buffer.alloc(1), 'x'.repeat(40_000))])).toThrow(/32,767/);
  });
});

describe('remoting transport', () => {
  const entry = (bytes: number) => batchEntry(Buffer.alloc(bytes), '0123456789');
  it('cuts a batch into requests of at most the limit, in order, a lone oversize entry on its own', () => {
    const entries = [entry(100), entry(100), entry(400), entry(100), entry(50)];
    const cut = cutRequests(entries, 300);
    expect(cut.map((r) => r.map((e) => e.body.length))).toEqual([[100, 100], [400], [100, 50]]);
    expect(cut.flat()).toEqual(entries);
  });

  it('gives each message its group as sharding key, its keys space-separated, a unique id', () => {
    const ids = new MessageIds();
    const a = ids.next();
    const b = ids.next();
    expect(a).toMatch(/^[0-9A-F]{32}$/);
    expect(a).not.toBe(b);
    const p = decodeProperties(encodedProperties({ topic: 't', messageGroup: 'dts-bucket-3', body: Buffer.alloc(0), keys: ['1', '2'], tag: 'orders', properties: { dts_position: 'f:4' }, rows: 2 }, a));
    expect(Object.fromEntries(p)).toEqual({ dts_position: 'f:4', KEYS: '1 2', TAGS: 'orders', __SHARDINGKEY: 'dts-bucket-3', UNIQ_KEY: a, WAIT: 'true' });
    // A property of ours named like one of the broker's never reaches the wire: the message's own value does.
    const m = { topic: 't', messageGroup: 'g', body: Buffer.alloc(0), keys: ['k'], properties: { dts_row_first: '0', KEYS: 'overridden' }, rows: 1 };
    expect(Object.fromEntries(decodeProperties(encodedProperties(m, b)))).toEqual({ dts_row_first: '0', KEYS: 'k', __SHARDINGKEY: 'g', UNIQ_KEY: b, WAIT: 'true' });
    expect(decodeProperties(encodedProperties({ ...m, keys: [] }, b)).get('KEYS')).toBeUndefined();
  });
});

describe('request signature', () => {
  it('matches RocketMQ AclClientRPCHook (HMAC-SHA1 of the sorted header values and the body)', () => {
    const signed = signRequest({ topic: 'orders', b: 'x\u00e9', Zeta: '1' }, Buffer.from('hello body'), { accessKey: 'AK123', secretKey: 'SK456' });
    expect(signed).toEqual({ topic: 'orders', b: 'x\u00e9', Zeta: '1', AccessKey: 'AK123', Signature: 'NFTmseuZHB7P4fS0vUIasnYTgKQ=' });
  });
});
