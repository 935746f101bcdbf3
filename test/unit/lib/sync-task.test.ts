import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { MySqlEndpoint, RdsInstance, RocketMqTopic, Secret, SyncDestination, SyncRuntime, SyncTask, buildDbList } from '../../../lib/index.js';
import { mysqlDest, mysqlTask, newStack, onlyTask, resourcesOf, rocketStack, rocketTask, source, synthManifest } from './fixtures.js';
import { MYSQL_OPTION_DEFAULTS } from '../../../runtime/manifest/defaults.js';

describe('SyncTask MySQL -> RocketMQ manifest', () => {
  it('defaults: incremental only, canal-json, ordering by columns, retry 720/10, precheck-and-report', () => {
    const f = rocketStack();
    rocketTask(f);
    const t = onlyTask(f.stack);
    expect(t).toMatchObject({
      name: 'shop-to-mq',
      syncTypes: { schema: false, full: false, incremental: true },
      conflictingTables: 'precheck-and-report',
      capitalization: 'dts-default',
      retry: { connectionMinutes: 720, otherMinutes: 10 },
      throttle: {},
      heartbeat: false,
      rocketmq: { format: 'canal-json', syncAllFields: false, ordering: { rule: 'columns', buckets: 64 }, filterLargeRecords: false },
      destination: { engine: 'rocketmq', topic: 'dts-shop', producerGroup: 'dts-producer-group', endpoints: '127.0.0.1:28081' },
      source: { engine: 'mysql', kind: 'self-managed', host: '127.0.0.1', port: 23306, user: 'dts', password: { fromEnv: 'DTS_SOURCE_PASSWORD' } },
    });
    expect(t.objects).toEqual([{ database: 'shop', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: expect.arrayContaining(['CREATE_TABLE', 'RENAME_TABLE', 'CREATE_TRIGGER', 'DROP_INDEX']) }]);
    expect(t.objects[0]!.ddl).toHaveLength(17);
    expect(t.mysql).toBeUndefined();
  });

  it('carries every option', () => {
    const f = rocketStack();
    const ddl = new RocketMqTopic(f.stack, 'Ddl', { instance: f.mq, topicName: 'dts-shop-ddl', ordered: true });
    const orders = new RocketMqTopic(f.stack, 'Orders', { instance: f.mq, topicName: 'dts-orders', ordered: true });
    rocketTask(
      f,
      {
        syncTypes: { full: true, incremental: true },
        conflictingTables: 'ignore',
        capitalization: 'lower',
        retry: { connectionMinutes: 120, otherMinutes: 30 },
        throttle: { full: { qps: 100, rps: 1000, mbps: 5 }, incremental: { rps: 500, mbps: 2 } },
        heartbeat: true,
        environmentTag: 'staging',
        alerting: { latencySeconds: 60, latencyForSeconds: 300, onFailure: false, webhookUrl: 'https://hooks.example/dts' },
        serverId: 4242,
        objects: [
          { database: 'shop', topic: 'dts-shop', dml: ['INSERT'], ddl: ['CREATE_TABLE'] },
          {
            database: 'shop',
            table: 'orders',
            topic: orders,
            filter: "status <> 'cancelled' AND amount > 10",
            partitionKey: ['customer_id'],
            ddl: ['ALTER_TABLE'],
            columns: { exclude: ['secret'], rename: { amt: 'amount' }, computed: [{ name: 'total_cents', expression: 'amount * 100' }], include: ['id', 'amount', 'customer_id'] },
          },
        ],
      },
      { ddlTopic: ddl, format: 'canal-json', syncAllFields: true, ordering: 'columns', orderingBuckets: 16, tpsLimit: 3000, filterLargeRecords: true },
    );
    const t = onlyTask(f.stack);
    expect(t).toMatchObject({
      syncTypes: { schema: false, full: true, incremental: true },
      conflictingTables: 'ignore',
      capitalization: 'lower',
      retry: { connectionMinutes: 120, otherMinutes: 30 },
      throttle: { full: { qps: 100, rps: 1000, mbps: 5 }, incremental: { rps: 500, mbps: 2 } },
      heartbeat: true,
      environmentTag: 'staging',
      alerting: { latencySeconds: 60, latencyForSeconds: 300, onFailure: false, webhookUrl: 'https://hooks.example/dts' },
      serverId: 4242,
      destination: { ddlTopic: 'dts-shop-ddl', topic: 'dts-shop' },
      rocketmq: { format: 'canal-json', syncAllFields: true, ordering: { rule: 'columns', buckets: 16 }, tpsLimit: 3000, filterLargeRecords: true },
    });
    expect(t.objects).toEqual([
      { database: 'shop', topic: 'dts-shop', dml: ['INSERT'], ddl: ['CREATE_TABLE'] },
      {
        database: 'shop',
        table: 'orders',
        topic: 'dts-orders',
        filter: "status <> 'cancelled' AND amount > 10",
        partitionKey: ['customer_id'],
        dml: ['INSERT', 'UPDATE', 'DELETE'],
        ddl: ['ALTER_TABLE'],
        columns: { include: ['id', 'amount', 'customer_id'], exclude: ['secret'], rename: { amt: 'amount' }, computed: [{ name: 'total_cents', expression: 'amount * 100' }] },
      },
    ]);
  });

  it('dts-avro with global and database-table ordering', () => {
    for (const ordering of ['global', 'database-table'] as const) {
      const f = rocketStack();
      rocketTask(f, {}, { format: 'dts-avro', ordering });
      expect(onlyTask(f.stack).rocketmq).toMatchObject({ format: 'dts-avro', ordering: { rule: ordering } });
    }
  });

  it('4.x destination', () => {
    const f = rocketStack('4.x');
    rocketTask(f);
    expect(onlyTask(f.stack).destination).toMatchObject({ engine: 'rocketmq', version: '4.x' });
  });
});

describe('SyncTask MySQL -> MySQL manifest', () => {
  it('defaults: schema + full + incremental, MySQL DDL only, apply knobs', () => {
    const stack = newStack();
    mysqlTask(stack, 'copy');
    const t = onlyTask(stack);
    expect(t.syncTypes).toEqual({ schema: true, full: true, incremental: true });
    expect(t.mysql).toEqual({ ...MYSQL_OPTION_DEFAULTS });
    expect(t.destination).toEqual({ engine: 'mysql', kind: 'self-managed', host: '127.0.0.1', port: 23307, user: 'dts_writer', password: { fromEnv: 'DTS_DEST_PASSWORD' }, ssl: false });
    expect(t.objects[0]!.ddl).toEqual(['ALTER_TABLE', 'ALTER_VIEW', 'CREATE_FUNCTION', 'CREATE_INDEX', 'CREATE_PROCEDURE', 'CREATE_TABLE', 'CREATE_VIEW', 'DROP_INDEX', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE']);
    expect(t.rocketmq).toBeUndefined();
  });

  it('name mapping, column include/exclude/rename and the online-DDL option', () => {
    const stack = newStack();
    new SyncTask(stack, 'T', {
      source: source(),
      destination: SyncDestination.mySql(mysqlDest(), { onlineDdlTempTables: true, fullSyncParallelism: 8, batchRows: 1000, flushIntervalMs: 50, engineSchema: 'dts_meta' }),
      objects: [
        { database: 'shop', targetDatabase: 'shop_copy' },
        { database: 'crm', table: 'people', targetDatabase: 'crm2', targetTable: 'persons', columns: { include: ['id', 'name'], rename: { name: 'full_name' } }, ddl: ['ALTER_TABLE'] },
      ],
    });
    const t = onlyTask(stack);
    expect(t.name).toBe('T');
    expect(t.mysql).toEqual({ engineSchema: 'dts_meta', onlineDdlTempTables: true, fullSyncParallelism: 8, batchRows: 1000, flushIntervalMs: 50 });
    expect(t.objects).toEqual([
      { database: 'crm', table: 'people', targetDatabase: 'crm2', targetTable: 'persons', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: ['ALTER_TABLE'], columns: { include: ['id', 'name'], rename: { name: 'full_name' } } },
      { database: 'shop', targetDatabase: 'shop_copy', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: expect.any(Array) },
    ]);
  });

  it('topologies are several tasks: one-to-many and many-to-one', () => {
    const stack = newStack();
    mysqlTask(stack, 'to-a', { destination: SyncDestination.mySql(mysqlDest(23307)) });
    mysqlTask(stack, 'to-b', { destination: SyncDestination.mySql(mysqlDest(23308)) });
    mysqlTask(stack, 'from-other', { source: source(23309), objects: [{ database: 'crm' }] });
    const m = synthManifest(stack);
    expect(m.tasks.map((t) => t.name)).toEqual(['from-other', 'to-a', 'to-b']);
  });
});

describe('server ids', () => {
  it('are deterministic and unique per source', () => {
    const build = () => {
      const stack = newStack();
      for (let i = 0; i < 20; i++) mysqlTask(stack, `t${i}`, { destination: SyncDestination.mySql(mysqlDest(24000 + i)) });
      return synthManifest(stack).tasks.map((t) => t.serverId);
    };
    const a = build();
    expect(build()).toEqual(a);
    expect(new Set(a).size).toBe(20);
    for (const id of a) expect(id).toBeGreaterThanOrEqual(1_000_000);
  });

  it('an explicit serverId is kept and derived ids avoid it', () => {
    const stack = newStack();
    mysqlTask(stack, 'a', { serverId: 7 });
    mysqlTask(stack, 'b', { destination: SyncDestination.mySql(mysqlDest(23308)) });
    const ids = synthManifest(stack).tasks.map((t) => t.serverId);
    expect(ids[0]).toBe(7);
    expect(ids[1]).not.toBe(7);
  });
});

describe('managed DTS runtime', () => {
  function managedStack() {
    const stack = newStack();
    const src = new RdsInstance(stack, 'Src', { instanceType: 't', instanceStorage: 20 });
    new SyncTask(stack, 'Copy', {
      taskName: 'copy',
      source: MySqlEndpoint.rds({ instance: src, region: 'cn-hangzhou', user: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD') }),
      destination: SyncDestination.mySql(
        MySqlEndpoint.rds({ instanceId: 'rm-dst', region: 'cn-shanghai', user: 'w', password: Secret.fromEnv('DTS_DEST_PASSWORD') }),
      ),
      objects: [
        { database: 'shop', targetDatabase: 'shop2' },
        { database: 'crm', table: 'people', targetTable: 'persons' },
        { database: 'crm', table: 'orgs' },
      ],
      syncTypes: { schema: false },
      conflictingTables: 'ignore',
      capitalization: 'upper',
      retry: { connectionMinutes: 60, otherMinutes: 5 },
      throttle: { incremental: { mbps: 1 } },
      alerting: { latencySeconds: 120 },
      runtime: SyncRuntime.managedDts({ instanceClass: 'medium', alertPhones: ['13800000000'] }),
    });
    return stack;
  }

  it('emits the DTS instance, the job with db_list and reserve, and monitor rules; no manifest task', () => {
    const stack = managedStack();
    expect(resourcesOf(stack, 'alicloud_dts_synchronization_instance')).toEqual([
      expect.objectContaining({ instance_class: 'medium', payment_type: 'PayAsYouGo', source_endpoint_engine_name: 'MySQL', destination_endpoint_engine_name: 'MySQL', source_endpoint_region: 'cn-hangzhou', destination_endpoint_region: 'cn-shanghai', sync_architecture: 'oneway' }),
    ]);
    const [job] = resourcesOf(stack, 'alicloud_dts_synchronization_job');
    expect(job).toMatchObject({
      dts_job_name: 'copy',
      structure_initialization: false,
      data_initialization: true,
      data_synchronization: true,
      source_endpoint_instance_type: 'RDS',
      destination_endpoint_instance_id: 'rm-dst',
      source_endpoint_password: '${var.dts_source_password}',
      destination_endpoint_password: '${var.dts_dest_password}',
    });
    expect(JSON.parse(job!.db_list as string)).toEqual({
      crm: { name: 'crm', all: false, Table: { orgs: { name: 'orgs', all: true }, people: { name: 'persons', all: true } } },
      shop: { name: 'shop2', all: true },
    });
    expect(JSON.parse(job!.reserve as string)).toMatchObject({
      targetTableMode: '2',
      dbListCaseChangeMode: 'dest_upper',
      maxRetryTime: '3600',
      'retry.blind.seconds': '300',
      incDynamicConfig: { 'dts.datamove.source.bps.max': '1048576' },
    });
    const rules = resourcesOf(stack, 'alicloud_dts_job_monitor_rule');
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'delay', delay_rule_time: '120', phone: '13800000000', state: 'Y' }),
        expect.objectContaining({ type: 'error', state: 'Y' }),
      ]),
    );
    expect(synthManifest(stack).tasks).toEqual([]);
  });

  it('buildDbList: whole database wins and keeps its target name', () => {
    expect(buildDbList([{ database: 'a', table: 't' }, { database: 'a', targetDatabase: 'b' }])).toEqual({ a: { name: 'b', all: true, Table: { t: { name: 't', all: true } } } });
  });

  it('never writes a secret value into Terraform', () => {
    process.env.DTS_SOURCE_PASSWORD = 'sentinel-value-in-test';
    try {
      expect(Testing.synth(managedStack())).not.toContain('sentinel-value-in-test');
    } finally {
      delete process.env.DTS_SOURCE_PASSWORD;
    }
  });
});
