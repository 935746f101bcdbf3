/**
 * MySQL -> MySQL one-way synchronization (seed document "One-way synchronization of ApsaraDB RDS for
 * MySQL instances"), pointed at the local stack: source MariaDB 127.0.0.1:23306, destination
 * 127.0.0.1:23307. A second task shows the managed-DTS runtime for the same kind of copy between two
 * RDS instances. Synthesize with `npx dts synth examples/mysql-to-mysql`.
 */
import type { Construct } from 'constructs';
import { AlicloudProvider, DtsStack, KubernetesProvider, MySqlEndpoint, RdsInstance, Secret, SyncDestination, SyncRuntime, SyncTask } from '../../lib/index.js';
import type { ExampleStackOptions } from '../mysql-to-rocketmq/stack.js';

export class ShopReplicaStack extends DtsStack {
  constructor(scope: Construct, id: string, options: ExampleStackOptions = {}) {
    super(scope, id);
    new AlicloudProvider(this, 'alicloud', { region: 'cn-hangzhou' });
    if (options.runtime?.kind === 'kubernetes') new KubernetesProvider(this, 'kubernetes', {});

    const source = MySqlEndpoint.selfManaged({ host: '127.0.0.1', port: 23306, user: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD') });
    const replica = MySqlEndpoint.selfManaged({
      host: '127.0.0.1',
      port: 23307,
      user: 'dts_writer',
      password: Secret.fromEnv('DTS_DEST_PASSWORD'),
    });

    // Bundled engine: schema + full + incremental, whole database `shop` renamed to `shop_replica`.
    new SyncTask(this, 'ShopReplica', {
      taskName: 'shop-replica',
      source,
      destination: SyncDestination.mySql(replica, { onlineDdlTempTables: false, batchRows: 500, flushIntervalMs: 200 }),
      objects: [
        { database: 'shop', targetDatabase: 'shop_replica' },
        // Column mapping and an ETL rule on one table.
        {
          database: 'shop',
          table: 'customers',
          targetTable: 'customers',
          columns: { rename: { email: 'contact_email' }, exclude: ['password_hash'] },
        },
      ],
      retry: { connectionMinutes: 720, otherMinutes: 10 },
      alerting: { latencySeconds: 30, onFailure: true },
      ...(options.runtime ? { runtime: options.runtime } : {}),
    });

    // Managed DTS between two RDS instances: emits the DTS synchronization instance and job.
    const sourceRds = new RdsInstance(this, 'SourceRds', { instanceType: 'mysql.n2.medium.1', instanceStorage: 50, vswitchId: 'vsw-example' });
    const targetRds = new RdsInstance(this, 'TargetRds', { instanceType: 'mysql.n2.medium.1', instanceStorage: 50, vswitchId: 'vsw-example' });
    new SyncTask(this, 'ShopCloudCopy', {
      taskName: 'shop-cloud-copy',
      source: MySqlEndpoint.rds({ instance: sourceRds, region: 'cn-hangzhou', user: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD') }),
      destination: SyncDestination.mySql(
        MySqlEndpoint.rds({ instance: targetRds, region: 'cn-hangzhou', user: 'dts_writer', password: Secret.fromEnv('DTS_DEST_PASSWORD') }),
      ),
      objects: [{ database: 'shop' }],
      runtime: SyncRuntime.managedDts({ instanceClass: 'small' }),
      alerting: { latencySeconds: 300 },
    });
  }
}
