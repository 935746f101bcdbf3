import { describe, expect, it } from '@jest/globals';
import { validateManifest, type ManifestError } from '../../../runtime/manifest/validate.js';
import { FULL_SAMPLE } from './sample.js';

type Json = Record<string, unknown>;
const clone = (): Json => JSON.parse(JSON.stringify(FULL_SAMPLE)) as Json;
const task = (m: Json, i: number) => (m.tasks as Json[])[i]!;

function errorsOf(m: unknown): readonly ManifestError[] {
  const r = validateManifest(m);
  return r.ok ? [] : r.errors;
}

describe('manifest schema', () => {
  it('accepts the full sample', () => {
    expect(errorsOf(FULL_SAMPLE)).toEqual([]);
  });

  it.each<[string, (m: Json) => void, string, RegExp]>([
    ['missing version', (m) => delete m.version, '$.version', /is required/],
    ['wrong version', (m) => (m.version = 2), '$.version', /constant/],
    ['unknown top-level key', (m) => (m.extra = true), '$.extra', /not a known property/],
    ['retry out of range', (m) => ((task(m, 0).retry as Json).connectionMinutes = 5), '$.tasks[0].retry.connectionMinutes', /must be >= 10/],
    ['bad ordering rule', (m) => (((task(m, 0).rocketmq as Json).ordering as Json).rule = 'random'), '$.tasks[0].rocketmq.ordering.rule', /"global", "database-table", "columns"/],
    ['bad port', (m) => ((task(m, 1).destination as Json).port = 70000), '$.tasks[1].destination.port', /<= 65535/],
    ['password given as a value', (m) => ((task(m, 1).source as Json).password = 'hunter2'), '$.tasks[1].source.password', /must be object/],
    ['bad DDL operation', (m) => (((task(m, 1).objects as Json[])[0]!).ddl = ['DROP_DATABASE']), '$.tasks[1].objects[0].ddl[0]', /must be equal to one of the allowed values/],
    ['rocketmq options missing', (m) => delete task(m, 0).rocketmq, '$.tasks[0].rocketmq', /is required/],
    ['mysql options on a rocketmq task', (m) => (task(m, 0).mysql = (task(m, 1).mysql as Json)), '$.tasks[0].mysql', /boolean schema is false/],
    ['bad topic name', (m) => ((task(m, 0).destination as Json).topic = 'a b'), '$.tasks[0].destination.topic', /must match pattern/],
    ['bad endpoints', (m) => ((task(m, 0).destination as Json).endpoints = 'localhost'), '$.tasks[0].destination.endpoints', /must match pattern/],
    ['missing server id', (m) => delete task(m, 1).serverId, '$.tasks[1].serverId', /is required/],
    ['empty objects', (m) => (task(m, 1).objects = []), '$.tasks[1].objects', /must NOT have fewer than 1 items/],
    ['other retry not below connection retry', (m) => ((task(m, 1).retry as Json).otherMinutes = 720), '$.tasks[1].retry.otherMinutes', /must be less than retry.connectionMinutes/],
    ['duplicate task names', (m) => (task(m, 1).name = 'to-mq'), '$.tasks[1].name', /must be unique/],
    ['schema sync to RocketMQ', (m) => ((task(m, 0).syncTypes as Json).schema = true), '$.tasks[0].syncTypes.schema', /not supported with a RocketMQ destination/],
    ['syncAllFields with avro', (m) => ((task(m, 0).rocketmq as Json).format = 'dts-avro'), '$.tasks[0].rocketmq.syncAllFields', /only available with format "canal-json"/],
  ])('%s fails at the right JSON path', (_name, mutate, path, message) => {
    const m = clone();
    mutate(m);
    const errors = errorsOf(m);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('same server id on one source is refused, on two sources allowed', () => {
    const m = clone();
    const t1 = task(m, 1);
    (t1.source as Json).host = 'rm-1.example';
    (t1.source as Json).port = 3306;
    t1.serverId = task(m, 0).serverId;
    expect(errorsOf(m)).toContainEqual({ path: '$.tasks[1].serverId', message: expect.stringMatching(/also used by \$\.tasks\[0\]/) });
    (t1.source as Json).port = 3307;
    expect(errorsOf(m)).toEqual([]);
  });
});
