/**
 * MySQL -> RocketMQ (seed document "Synchronize data from an RDS for MySQL instance to an ApsaraMQ
 * for RocketMQ instance"), pointed at the local stack: MariaDB on 127.0.0.1:23306 and the
 * RocketMQ 5 proxy on 127.0.0.1:28081. Synthesize with `npx dts synth examples/mysql-to-rocketmq`.
 */
import type { Construct } from 'constructs';
import {
  AlicloudProvider,
  ConsumerGroup,
  DtsStack,
  MySqlEndpoint,
  ProducerGroup,
  RocketMqInstance,
  RocketMqTopic,
  Secret,
  SyncDestination,
  SyncTask,
  KubernetesProvider,
  type SyncRuntime,
} from '../../lib/index.js';

export interface ExampleStackOptions {
  /** Who runs the task. @default SyncRuntime.bundled() (the demo); examples/kubernetes puts it on Kubernetes */
  readonly runtime?: SyncRuntime;
}

export class ShopToRocketMqStack extends DtsStack {
  constructor(scope: Construct, id: string, options: ExampleStackOptions = {}) {
    super(scope, id);
    new AlicloudProvider(this, 'alicloud', { region: 'cn-hangzhou' });
    // The cluster comes from KUBE_CONFIG_PATH (or the pod's service account when deploy runs in-cluster).
    if (options.runtime?.kind === 'kubernetes') new KubernetesProvider(this, 'kubernetes', {});

    const mq = RocketMqInstance.fromInstanceId(this, 'Broker', {
      instanceId: 'rmq-cn-local',
      version: '5.x',
      endpoints: '127.0.0.1:28081',
      // Batches per queue over the remoting protocol, through the name server (README, "Delivery to RocketMQ").
      remotingEndpoints: '127.0.0.1:29876',
    });
    // DTS needs ordered topics: FIFO on 5.x.
    const topic = new RocketMqTopic(this, 'ShopTopic', { instance: mq, topicName: 'dts-shop', ordered: true });
    const ddlTopic = new RocketMqTopic(this, 'ShopDdlTopic', { instance: mq, topicName: 'dts-shop-ddl', ordered: true });
    const producers = new ProducerGroup(this, 'Producers', {
      instance: mq,
      account: { username: 'dts', password: Secret.fromEnv('DTS_ROCKETMQ_PASSWORD') },
    });
    new ConsumerGroup(this, 'ShopConsumers', { instance: mq, groupId: 'shop-consumers', topic });

    new SyncTask(this, 'ShopToMq', {
      taskName: 'shop-to-rocketmq',
      source: MySqlEndpoint.selfManaged({
        host: '127.0.0.1',
        port: 23306,
        user: 'dts',
        password: Secret.fromEnv('DTS_SOURCE_PASSWORD'),
      }),
      destination: SyncDestination.rocketMq({
        instance: mq,
        topic,
        ddlTopic,
        producerGroup: producers,
        format: 'canal-json',
        ordering: 'columns',
        tpsLimit: 5000,
        filterLargeRecords: false,
      }),
      syncTypes: { full: true, incremental: true },
      objects: [
        { database: 'shop', ddl: ['CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'TRUNCATE_TABLE'] },
        // Table-level mapping wins over the database entry.
        {
          database: 'shop',
          table: 'orders',
          filter: "status <> 'cancelled'",
          partitionKey: ['customer_id'],
          ddl: ['CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'TRUNCATE_TABLE'],
        },
        {
          database: 'shop',
          table: 'customers',
          dml: ['INSERT', 'UPDATE'],
          ddl: ['ALTER_TABLE'],
          columns: { exclude: ['password_hash'] },
        },
      ],
      retry: { connectionMinutes: 720, otherMinutes: 10 },
      throttle: { full: { qps: 2000, rps: 20000, mbps: 20 }, incremental: { rps: 10000 } },
      environmentTag: 'local',
      alerting: { latencySeconds: 60, latencyForSeconds: 120 },
      ...(options.runtime ? { runtime: options.runtime } : {}),
    });
  }
}
