/** Every synth-time check has a failing case here (full synth runs the validations). */
import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { MySqlEndpoint, RdsInstance, RocketMqInstance, RocketMqTopic, Secret, SyncDestination, SyncRuntime, type DtsInstanceClass, type SyncObject } from '../../../lib/index.js';
import { mysqlTask, newStack, rocketStack, rocketTask, onlyTask, synthManifest, synthWarnings } from './fixtures.js';

const fails = (stack: Parameters<typeof Testing.fullSynth>[0], message: RegExp) => expect(() => Testing.fullSynth(stack)).toThrow(message);

describe('synth-time checks', () => {
  it('a valid task passes', () => {
    const f = rocketStack();
    rocketTask(f);
    expect(() => synthManifest(f.stack)).not.toThrow();
  });

  it('more than 1,000 tables at table level', () => {
    const f = rocketStack();
    const objects: SyncObject[] = Array.from({ length: 1001 }, (_, i) => ({ database: 'shop', table: `t${i}`, ddl: [] }));
    rocketTask(f, { objects });
    fails(f.stack, /SyncTask shop-to-mq: 1001 tables are selected at table level; .* at most 1000: split them across several tasks or select whole databases/);
    const ok = rocketStack();
    rocketTask(ok, { objects: objects.slice(0, 1000) });
    expect(() => Testing.fullSynth(ok.stack)).not.toThrow();
  });

  it('schema sync with a RocketMQ destination', () => {
    const f = rocketStack();
    rocketTask(f, { syncTypes: { schema: true } });
    fails(f.stack, /schema synchronization is not supported when the destination is RocketMQ; set syncTypes.schema to false/);
  });

  it('destination topic not declared', () => {
    const f = rocketStack();
    rocketTask(f, {}, { topic: 'nowhere' });
    fails(f.stack, /destination topic "nowhere" is not declared on RocketMQ instance .*declare it with new RocketMqTopic/);
  });

  it('destination topic not ordered', () => {
    const f = rocketStack();
    const plain = new RocketMqTopic(f.stack, 'Plain', { instance: f.mq, topicName: 'plain' });
    rocketTask(f, {}, { topic: plain });
    fails(f.stack, /destination topic "plain" is not ordered; DTS needs an Ordered \(FIFO\) topic: set ordered: true/);
  });

  it('4.x: topic not partitionally ordered', () => {
    const f = rocketStack('4.x');
    const plain = new RocketMqTopic(f.stack, 'Plain', { instance: f.mq, topicName: 'plain' });
    rocketTask(f, {}, { topic: plain });
    fails(f.stack, /needs an Partitionally Ordered topic/);
  });

  it('DDL topic not declared or not ordered', () => {
    const f = rocketStack();
    rocketTask(f, {}, { ddlTopic: 'ddl-missing' });
    fails(f.stack, /DDL topic "ddl-missing" is not declared/);
    const g = rocketStack();
    new RocketMqTopic(g.stack, 'Ddl', { instance: g.mq, topicName: 'ddl', ordered: false });
    rocketTask(g, {}, { ddlTopic: 'ddl' });
    fails(g.stack, /DDL topic "ddl" is not ordered/);
  });

  it('object topic not declared', () => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', table: 'orders', topic: 'orders-topic', ddl: [] }] });
    fails(f.stack, /table shop.orders topic "orders-topic" is not declared/);
  });

  it('a topic declared by name resolves to the declared construct', () => {
    const f = rocketStack();
    RocketMqTopic.fromTopicName(f.stack, 'Existing', { instance: f.mq, topicName: 'existing', ordered: true });
    rocketTask(f, {}, { topic: 'existing' });
    expect(synthManifest(f.stack).tasks[0]!.destination).toMatchObject({ topic: 'existing' });
  });

  it.each([
    [{ connectionMinutes: 5 }, /retry.connectionMinutes 5 is outside 10-1440/],
    [{ connectionMinutes: 1441 }, /retry.connectionMinutes 1441 is outside 10-1440/],
    [{ otherMinutes: 0 }, /retry.otherMinutes 0 is outside 1-1440/],
    [{ otherMinutes: 2000 }, /retry.otherMinutes 2000 is outside 1-1440/],
    [{ connectionMinutes: 60, otherMinutes: 60 }, /retry.otherMinutes \(60\) must be less than retry.connectionMinutes \(60\)/],
    [{ connectionMinutes: 30.5 }, /retry.connectionMinutes 30.5 is outside/],
  ])('retry bounds and ordering %j', (retry, message) => {
    const f = rocketStack();
    rocketTask(f, { retry });
    fails(f.stack, message);
  });

  it('partition key without the column-hash ordering rule', () => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', table: 'orders', partitionKey: ['customer_id'], ddl: [] }] }, { ordering: 'database-table' });
    fails(f.stack, /table shop.orders: a partition key needs ordering 'columns' .*but ordering is 'database-table'/);
  });

  it('partition key on a database object', () => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', partitionKey: ['id'] }] });
    fails(f.stack, /database shop: a partition key applies to tables only/);
  });

  it.each([
    ['amount >', /filter "amount >" is not a valid condition/],
    ['id IN (SELECT id FROM t)', /filter "id IN \(SELECT id FROM t\)" is not a valid condition/],
    ['1=1; DROP TABLE x', /is not a valid condition/],
    ['a = 1 -- comment', /is not a valid condition/],
  ])('invalid filter %s', (filter, message) => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', table: 'orders', filter, ddl: [] }] });
    fails(f.stack, message);
  });

  it('invalid ETL computed expression', () => {
    const stack = newStack();
    mysqlTask(stack, 't', { objects: [{ database: 'shop', table: 'o', columns: { computed: [{ name: 'x', expression: 'SLEEP(10)' }] } }] });
    fails(stack, /computed column x expression "SLEEP\(10\)" does not parse/);
  });

  it('filter on a database object', () => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', filter: 'id > 1' }] });
    fails(f.stack, /database shop: filter conditions apply to tables only/);
  });

  it('two tasks writing the same destination table', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { objects: [{ database: 'shop', table: 'orders' }] });
    mysqlTask(stack, 'b', { source: MySqlEndpoint.selfManaged({ host: '10.0.0.9', user: 'dts', password: Secret.fromEnv('P') }), objects: [{ database: 'legacy', table: 'o', targetDatabase: 'SHOP', targetTable: 'Orders' }] });
    fails(stack, /SyncTask b: writes table SHOP.Orders on 127.0.0.1:23307, which SyncTask a also writes \(table shop.orders\); two tasks must not write the same destination table/);
  });

  it('a whole-database task and a table task into the same database conflict; different tables do not', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { objects: [{ database: 'shop' }] });
    mysqlTask(stack, 'b', { objects: [{ database: 'shop', table: 'orders' }] });
    fails(stack, /which SyncTask a also writes \(database shop\)/);
    const ok = newStack();
    mysqlTask(ok, 'a', { objects: [{ database: 'shop', table: 'orders' }] });
    mysqlTask(ok, 'b', { objects: [{ database: 'shop', table: 'customers' }] });
    expect(synthManifest(ok).tasks).toHaveLength(2);
  });

  it('duplicate task names', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { taskName: 'same', objects: [{ database: 'x' }] });
    mysqlTask(stack, 'b', { taskName: 'same', objects: [{ database: 'y' }] });
    fails(stack, /SyncTask same: the name is used by/);
  });

  it('unknown managed DTS instance class', () => {
    const stack = newStack();
    const src = new RdsInstance(stack, 'Src', { instanceType: 't', instanceStorage: 20 });
    mysqlTask(stack, 'm', {
      source: MySqlEndpoint.rds({ instance: src, region: 'cn-hangzhou', user: 'u', password: Secret.fromEnv('P') }),
      destination: SyncDestination.mySql(MySqlEndpoint.rds({ instanceId: 'rm-2', region: 'cn-hangzhou', user: 'u', password: Secret.fromEnv('P') })),
      runtime: SyncRuntime.managedDts({ instanceClass: 'huge' as DtsInstanceClass }),
    });
    fails(stack, /managed DTS instance class "huge" is unknown; use one of micro, small, medium, large, xlarge, 2xlarge, 4xlarge/);
  });

  it('managed DTS cannot carry a RocketMQ task', () => {
    const f = rocketStack();
    rocketTask(f, { runtime: SyncRuntime.managedDts({ instanceClass: 'small' }) });
    fails(f.stack, /cannot run on managed DTS/);
  });

  it('bundled task needs literal endpoints', () => {
    const stack = newStack();
    const src = new RdsInstance(stack, 'Src', { instanceType: 't', instanceStorage: 20 });
    mysqlTask(stack, 'm', { source: MySqlEndpoint.rds({ instance: src, user: 'u', password: Secret.fromEnv('P') }) });
    fails(stack, /source endpoint has no literal host: the bundled engine needs one/);
  });

  it('RocketMQ instance without endpoints for a bundled task', () => {
    const stack = newStack();
    const mq = RocketMqInstance.fromInstanceId(stack, 'Mq', { instanceId: 'rmq', version: '5.x' });
    const topic = new RocketMqTopic(stack, 'T', { instance: mq, topicName: 't', ordered: true });
    rocketTask({ stack, mq, topic });
    fails(stack, /has no endpoints; the bundled engine needs the gRPC proxy address/);
  });

  it('syncAllFields only with canal-json', () => {
    const f = rocketStack();
    rocketTask(f, {}, { format: 'dts-avro', syncAllFields: true });
    fails(f.stack, /syncAllFields is available only with format 'canal-json'/);
  });

  it('full throttling without full sync', () => {
    const f = rocketStack();
    rocketTask(f, { throttle: { full: { qps: 10 } } });
    fails(f.stack, /throttle.full applies only to full data synchronization/);
  });

  it('MySQL destination refuses DDL it does not replay, and RocketMQ-only mapping', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { objects: [{ database: 'shop', ddl: ['CREATE_TRIGGER'], topic: 'x' }] });
    fails(stack, /DDL CREATE_TRIGGER is not replayed to a MySQL destination/);
  });

  it('RocketMQ destination refuses MySQL name mapping', () => {
    const f = rocketStack();
    rocketTask(f, { objects: [{ database: 'shop', targetDatabase: 'x' }] });
    fails(f.stack, /targetDatabase\/targetTable map MySQL names; for RocketMQ map the object to a topic/);
  });

  it('an object selected twice', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { objects: [{ database: 'shop' }, { database: 'shop' }] });
    fails(stack, /database shop is selected twice/);
  });
});

describe('synth-time warnings', () => {
  it('conflictingTables ignore', () => {
    const f = rocketStack();
    rocketTask(f, { conflictingTables: 'ignore' });
    expect(synthWarnings(f.stack)).toContainEqual(expect.stringMatching(/SyncTask shop-to-mq: conflictingTables is "ignore": .*data may become inconsistent/));
  });

  it('table-level selection with RENAME TABLE enabled (not when its database is selected too)', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { objects: [{ database: 'shop', table: 'orders' }] });
    expect(synthWarnings(stack)).toContainEqual(expect.stringMatching(/table shop.orders is selected at table level with RENAME TABLE enabled/));
    const quiet = newStack();
    mysqlTask(quiet, 'a', { objects: [{ database: 'shop' }, { database: 'shop', table: 'orders', targetTable: 'o2' }] });
    mysqlTask(quiet, 'b', { objects: [{ database: 'crm', table: 'x', ddl: ['ALTER_TABLE'] }] });
    expect(synthWarnings(quiet)).toEqual([]);
  });

  it('a RocketMQ instance without remotingEndpoints: one message per gRPC request; with them, no warning and the manifest carries them', () => {
    const f = rocketStack();
    rocketTask(f);
    expect(synthWarnings(f.stack)).toContainEqual(expect.stringMatching(/has no remotingEndpoints: the bundled engine sends one message per gRPC request/));
    const stack = newStack();
    const mq = RocketMqInstance.fromInstanceId(stack, 'Mq', { instanceId: 'rmq-1', version: '5.x', endpoints: '127.0.0.1:28081', remotingEndpoints: '127.0.0.1:29876' });
    rocketTask({ stack, mq, topic: new RocketMqTopic(stack, 'Topic', { instance: mq, topicName: 'dts-shop', ordered: true }) });
    expect(synthWarnings(stack).filter((w) => w.includes('remotingEndpoints'))).toEqual([]);
    expect(onlyTask(stack).destination).toMatchObject({ endpoints: '127.0.0.1:28081', remotingEndpoints: '127.0.0.1:29876' });
  });

  it('retry windows under the recommended minimums', () => {
    const f = rocketStack();
    rocketTask(f, { retry: { connectionMinutes: 20, otherMinutes: 5 } });
    const w = synthWarnings(f.stack);
    expect(w).toContainEqual(expect.stringMatching(/connectionMinutes 20 is below the recommended 30/));
    expect(w).toContainEqual(expect.stringMatching(/otherMinutes 5 is below the recommended 10/));
  });
});

