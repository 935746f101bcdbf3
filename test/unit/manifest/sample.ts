import type { Manifest } from '../../../runtime/manifest/types.js';

/**
 * A manifest that uses every field of runtime/manifest/types.ts. Typed as Manifest, so `tsc --noEmit`
 * proves it is assignable; the schema test proves the schema accepts it.
 */
export const FULL_SAMPLE: Manifest = {
  version: 1,
  stack: 'sample',
  tasks: [
    {
      name: 'to-mq',
      source: { engine: 'mysql', kind: 'rds', host: 'rm-1.example', port: 3306, user: 'dts', password: { fromEnv: 'SRC_PW' }, ssl: true, instanceId: 'rm-1', region: 'cn-hangzhou' },
      destination: {
        engine: 'rocketmq', version: '5.x', endpoints: '127.0.0.1:28081;127.0.0.2:28081', namespace: 'ns', instanceId: 'rmq-1', region: 'cn-hangzhou',
        accessKey: { fromEnv: 'AK' }, secretKey: { fromFile: '/run/sk' }, topic: 'dts-shop', ddlTopic: 'dts-shop-ddl', producerGroup: 'dts-producer-group',
      },
      syncTypes: { schema: false, full: true, incremental: true },
      conflictingTables: 'ignore',
      objects: [
        { database: 'shop', topic: 'dts-shop', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: ['CREATE_TABLE'] },
        {
          database: 'shop', table: 'orders', targetDatabase: 'x', targetTable: 'y', topic: 'dts-orders', filter: 'a > 1', dml: ['INSERT'], ddl: [],
          partitionKey: ['customer_id'],
          columns: { include: ['id', 'a'], exclude: ['b'], rename: { a: 'aa' }, computed: [{ name: 'c', expression: 'a * 2' }] },
        },
      ],
      capitalization: 'lower',
      retry: { connectionMinutes: 720, otherMinutes: 10 },
      throttle: { full: { qps: 1, rps: 2, mbps: 3 }, incremental: { rps: 4, mbps: 5 } },
      heartbeat: true,
      environmentTag: 'prod',
      alerting: { latencySeconds: 10, latencyForSeconds: 60, onFailure: true, webhookUrl: 'https://hooks.example/x' },
      rocketmq: { format: 'canal-json', syncAllFields: true, ordering: { rule: 'columns', buckets: 64 }, tpsLimit: 1000, filterLargeRecords: true },
      serverId: 1234567,
    },
    {
      name: 'to-mysql',
      source: { engine: 'mysql', kind: 'self-managed', host: '127.0.0.1', port: 23306, user: 'dts', password: { fromEnv: 'SRC_PW' }, ssl: false },
      destination: { engine: 'mysql', kind: 'self-managed', host: '127.0.0.1', port: 23307, user: 'dts_writer', password: { fromFile: '/run/dst' }, ssl: { ca: { fromFile: '/etc/dts/ca.pem' }, verifyCertificate: true, verifyServerName: false, minVersion: 'TLSv1.3' } },
      syncTypes: { schema: true, full: true, incremental: true },
      conflictingTables: 'precheck-and-report',
      objects: [{ database: 'shop', targetDatabase: 'shop2', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: ['ALTER_TABLE'] }],
      capitalization: 'dts-default',
      retry: { connectionMinutes: 720, otherMinutes: 10 },
      throttle: {},
      heartbeat: false,
      mysql: { engineSchema: '__dts', onlineDdlTempTables: false, fullSyncParallelism: 4, batchRows: 500, flushIntervalMs: 200 },
      serverId: 1234568,
      runtime: { kind: 'kubernetes', namespace: 'data-sync', replicas: 2, instanceClass: 'medium' },
    },
  ],
};
