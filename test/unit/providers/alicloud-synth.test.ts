import { describe, expect, it } from '@jest/globals';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AlicloudProvider } from '../../../lib/providers/alicloud/provider/index.js';
import { RocketmqInstance } from '../../../lib/providers/alicloud/rocketmq-instance/index.js';
import { RocketmqTopic } from '../../../lib/providers/alicloud/rocketmq-topic/index.js';
import { RocketmqConsumerGroup } from '../../../lib/providers/alicloud/rocketmq-consumer-group/index.js';
import { RocketmqAccount } from '../../../lib/providers/alicloud/rocketmq-account/index.js';
import { RocketmqAcl } from '../../../lib/providers/alicloud/rocketmq-acl/index.js';
import { OnsInstance } from '../../../lib/providers/alicloud/ons-instance/index.js';
import { OnsTopic } from '../../../lib/providers/alicloud/ons-topic/index.js';
import { OnsGroup } from '../../../lib/providers/alicloud/ons-group/index.js';
import { DbInstance } from '../../../lib/providers/alicloud/db-instance/index.js';
import { RdsAccount } from '../../../lib/providers/alicloud/rds-account/index.js';
import { DbAccountPrivilege } from '../../../lib/providers/alicloud/db-account-privilege/index.js';
import { DbDatabase } from '../../../lib/providers/alicloud/db-database/index.js';
import { DtsSynchronizationInstance } from '../../../lib/providers/alicloud/dts-synchronization-instance/index.js';
import { DtsSynchronizationJob } from '../../../lib/providers/alicloud/dts-synchronization-job/index.js';
import { DtsJobMonitorRule } from '../../../lib/providers/alicloud/dts-job-monitor-rule/index.js';
import * as alicloud from '../../../lib/providers/alicloud/index.js';

type Json = Record<string, unknown>;

/** Builds a stack with `build` and returns the parsed cdk.tf.json. */
function synth(build: (stack: Construct) => void): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

function resource(json: Json, type: string, name: string): Json {
  const byType = (json.resource as Record<string, Record<string, Json>> | undefined)?.[type];
  const found = byType?.[name];
  if (!found) throw new Error(`cdk.tf.json has no ${type}.${name}; resources: ${JSON.stringify(json.resource)}`);
  return found;
}

describe('alicloud provider binding', () => {
  it('pins aliyun/alicloud 1.266.0 in required_providers', () => {
    const json = synth((s) => new AlicloudProvider(s, 'alicloud', { region: 'cn-hangzhou' }));
    expect(json.terraform).toEqual({ required_providers: { alicloud: { source: 'aliyun/alicloud', version: '1.266.0' } } });
    expect(json.provider).toEqual({ alicloud: [{ region: 'cn-hangzhou' }] });
  });

  it('writes snake_case keys, the assume_role block, endpoints set and alias', () => {
    const json = synth((s) => new AlicloudProvider(s, 'alicloud', {
      region: 'cn-shanghai',
      alias: 'sh',
      profile: 'ops',
      skipRegionValidation: true,
      clientReadTimeout: 30000,
      assumeRole: { roleArn: 'acs:ram::123:role/dts', sessionName: 'cdktf-dts', sessionExpiration: 900 },
      endpoints: [{ dts: 'dts.example.internal' }],
    }));
    expect((json.provider as Record<string, unknown[]>).alicloud).toEqual([{
      alias: 'sh',
      region: 'cn-shanghai',
      profile: 'ops',
      skip_region_validation: true,
      client_read_timeout: 30000,
      assume_role: { role_arn: 'acs:ram::123:role/dts', session_name: 'cdktf-dts', session_expiration: 900 },
      endpoints: [{ dts: 'dts.example.internal' }],
    }]);
  });

  it('leaves credentials out of cdk.tf.json unless given, and keeps given ones as sensitive variable references', () => {
    const plain = synth((s) => new AlicloudProvider(s, 'alicloud', { region: 'cn-hangzhou' }));
    const plainText = JSON.stringify(plain);
    for (const key of ['access_key', 'secret_key', 'security_token']) expect(plainText).not.toContain(key);

    const secret = 'LTAI-not-a-real-secret-9f8e7d';
    process.env.TF_VAR_alicloud_secret_key = secret;
    try {
      const json = synth((s) => {
        const secretKey = new TerraformVariable(s, 'alicloud_secret_key', { type: 'string', sensitive: true });
        new AlicloudProvider(s, 'alicloud', { region: 'cn-hangzhou', secretKey: secretKey.stringValue });
      });
      expect(JSON.stringify(json)).not.toContain(secret);
      expect((json.provider as Record<string, Json[]>).alicloud![0]!.secret_key).toBe('${var.alicloud_secret_key}');
      expect((json.variable as Record<string, Json>).alicloud_secret_key).toEqual({ type: 'string', sensitive: true });
    } finally {
      delete process.env.TF_VAR_alicloud_secret_key;
    }
  });
});

describe('alicloud RocketMQ 5.x bindings', () => {
  it('rocketmq_instance: required nested blocks, nested list block, map and set attributes', () => {
    const json = synth((s) => new RocketmqInstance(s, 'mq', {
      paymentType: 'PayAsYouGo',
      seriesCode: 'standard',
      serviceCode: 'rmq',
      subSeriesCode: 'cluster_ha',
      instanceName: 'orders',
      ipWhitelists: ['10.0.0.0/8'],
      tags: { team: 'data' },
      productInfo: { msgProcessSpec: 'rmq.s2.2xlarge', messageRetentionTime: 72, autoScaling: false },
      networkInfo: {
        vpcInfo: { vpcId: 'vpc-1', vswitches: [{ vswitchId: 'vsw-a' }, { vswitchId: 'vsw-b' }] },
        internetInfo: { internetSpec: 'disable', flowOutType: 'uninvolved' },
      },
    }));
    expect(resource(json, 'alicloud_rocketmq_instance', 'mq')).toEqual({
      payment_type: 'PayAsYouGo',
      series_code: 'standard',
      service_code: 'rmq',
      sub_series_code: 'cluster_ha',
      instance_name: 'orders',
      ip_whitelists: ['10.0.0.0/8'],
      tags: { team: 'data' },
      product_info: { msg_process_spec: 'rmq.s2.2xlarge', message_retention_time: 72, auto_scaling: false },
      network_info: {
        vpc_info: { vpc_id: 'vpc-1', vswitches: [{ vswitch_id: 'vsw-a' }, { vswitch_id: 'vsw-b' }] },
        internet_info: { internet_spec: 'disable', flow_out_type: 'uninvolved' },
      },
    });
  });

  it('rocketmq_topic: FIFO topic with max_send_tps and a reference to the instance id', () => {
    const json = synth((s) => {
      const mq = new RocketmqInstance(s, 'mq', {
        paymentType: 'PayAsYouGo', seriesCode: 'standard', serviceCode: 'rmq', subSeriesCode: 'cluster_ha',
        networkInfo: { vpcInfo: { vpcId: 'vpc-1' }, internetInfo: { internetSpec: 'disable', flowOutType: 'uninvolved' } },
      });
      new RocketmqTopic(s, 'orders', { instanceId: mq.id, topicName: 'orders', messageType: 'FIFO', maxSendTps: 500, remark: 'binlog' });
    });
    expect(resource(json, 'alicloud_rocketmq_topic', 'orders')).toEqual({
      instance_id: '${alicloud_rocketmq_instance.mq.id}',
      topic_name: 'orders',
      message_type: 'FIFO',
      max_send_tps: 500,
      remark: 'binlog',
    });
    expect(RocketmqTopic.tfResourceType).toBe('alicloud_rocketmq_topic');
  });

  it('rocketmq_consumer_group: consume_retry_policy block and delivery order', () => {
    const json = synth((s) => new RocketmqConsumerGroup(s, 'g', {
      instanceId: 'rmq-cn-1',
      consumerGroupId: 'GID_orders',
      deliveryOrderType: 'Orderly',
      maxReceiveTps: 1000,
      consumeRetryPolicy: { retryPolicy: 'FixedRetryPolicy', maxRetryTimes: 16, deadLetterTargetTopic: 'orders_dlq' },
      timeouts: { create: '10m' },
    }));
    expect(resource(json, 'alicloud_rocketmq_consumer_group', 'g')).toEqual({
      instance_id: 'rmq-cn-1',
      consumer_group_id: 'GID_orders',
      delivery_order_type: 'Orderly',
      max_receive_tps: 1000,
      consume_retry_policy: { retry_policy: 'FixedRetryPolicy', max_retry_times: 16, dead_letter_target_topic: 'orders_dlq' },
      timeouts: { create: '10m' },
    });
  });

  it('a block set through put*() after construction replaces the constructor value', () => {
    const json = synth((s) => {
      const g = new RocketmqConsumerGroup(s, 'g', {
        instanceId: 'i', consumerGroupId: 'GID_a', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' },
      });
      g.putConsumeRetryPolicy({ retryPolicy: 'FixedRetryPolicy', maxRetryTimes: 3 });
      g.deliveryOrderType = 'Concurrently';
    });
    const g = resource(json, 'alicloud_rocketmq_consumer_group', 'g');
    expect(g.consume_retry_policy).toEqual({ retry_policy: 'FixedRetryPolicy', max_retry_times: 3 });
    expect(g.delivery_order_type).toBe('Concurrently');
  });

  it('rocketmq_account and rocketmq_acl: list attribute of actions', () => {
    const json = synth((s) => {
      new RocketmqAccount(s, 'acct', { instanceId: 'i', username: 'dts', password: '${var.mq_password}' });
      new RocketmqAcl(s, 'acl', {
        instanceId: 'i', username: 'dts', resourceType: 'Topic', resourceName: 'orders', actions: ['Pub'], decision: 'Allow', ipWhitelists: ['10.0.0.0/8'],
      });
    });
    expect(resource(json, 'alicloud_rocketmq_account', 'acct')).toEqual({ instance_id: 'i', username: 'dts', password: '${var.mq_password}' });
    expect(resource(json, 'alicloud_rocketmq_acl', 'acl')).toEqual({
      instance_id: 'i', username: 'dts', resource_type: 'Topic', resource_name: 'orders', actions: ['Pub'], decision: 'Allow', ip_whitelists: ['10.0.0.0/8'],
    });
  });
});

describe('alicloud RocketMQ 4.x (ONS) bindings', () => {
  it('ons_instance, ons_topic with integer message_type, ons_group with group_type', () => {
    const json = synth((s) => {
      const ons = new OnsInstance(s, 'ons', { instanceName: 'legacy', remark: 'cdktf-dts' });
      new OnsTopic(s, 't', { instanceId: ons.id, topicName: 'orders', messageType: 2, remark: 'globally ordered' });
      new OnsGroup(s, 'g', { instanceId: ons.id, groupName: 'GID_orders', groupType: 'tcp', readEnable: true });
    });
    expect(resource(json, 'alicloud_ons_instance', 'ons')).toEqual({ instance_name: 'legacy', remark: 'cdktf-dts' });
    const topic = resource(json, 'alicloud_ons_topic', 't');
    expect(topic).toEqual({ instance_id: '${alicloud_ons_instance.ons.id}', topic_name: 'orders', message_type: 2, remark: 'globally ordered' });
    expect(typeof topic.message_type).toBe('number');
    expect(resource(json, 'alicloud_ons_group', 'g')).toEqual({
      instance_id: '${alicloud_ons_instance.ons.id}', group_name: 'GID_orders', group_type: 'tcp', read_enable: true,
    });
  });
});

describe('alicloud RDS bindings', () => {
  it('db_instance: parameters set block, set attributes, numbers and booleans', () => {
    const json = synth((s) => new DbInstance(s, 'src', {
      engine: 'MySQL',
      engineVersion: '8.0',
      instanceType: 'mysql.n2.medium.1',
      instanceStorage: 50,
      dbInstanceStorageType: 'cloud_essd',
      securityIps: ['10.0.0.0/8', '192.168.0.0/16'],
      deletionProtection: true,
      forceRestart: false,
      parameters: [
        { name: 'binlog_format', value: 'ROW' },
        { name: 'binlog_row_image', value: 'FULL' },
      ],
    }));
    expect(resource(json, 'alicloud_db_instance', 'src')).toEqual({
      engine: 'MySQL',
      engine_version: '8.0',
      instance_type: 'mysql.n2.medium.1',
      instance_storage: 50,
      db_instance_storage_type: 'cloud_essd',
      security_ips: ['10.0.0.0/8', '192.168.0.0/16'],
      deletion_protection: true,
      force_restart: false,
      parameters: [
        { name: 'binlog_format', value: 'ROW' },
        { name: 'binlog_row_image', value: 'FULL' },
      ],
    });
  });

  it('rds_account, db_account_privilege (set of db names) and db_database', () => {
    const json = synth((s) => {
      new RdsAccount(s, 'acct', { dbInstanceId: 'rm-1', accountName: 'dts', accountPassword: '${var.db_password}', accountType: 'Normal' });
      new DbAccountPrivilege(s, 'priv', { instanceId: 'rm-1', accountName: 'dts', privilege: 'ReadOnly', dbNames: ['shop', 'crm'] });
      new DbDatabase(s, 'db', { instanceId: 'rm-1', name: 'shop', characterSet: 'utf8mb4' });
    });
    expect(resource(json, 'alicloud_rds_account', 'acct')).toEqual({
      db_instance_id: 'rm-1', account_name: 'dts', account_password: '${var.db_password}', account_type: 'Normal',
    });
    expect(resource(json, 'alicloud_db_account_privilege', 'priv')).toEqual({
      instance_id: 'rm-1', account_name: 'dts', privilege: 'ReadOnly', db_names: ['shop', 'crm'],
    });
    expect(resource(json, 'alicloud_db_database', 'db')).toEqual({ instance_id: 'rm-1', name: 'shop', character_set: 'utf8mb4' });
  });
});

describe('alicloud DTS bindings', () => {
  it('dts_synchronization_instance, job (JSON strings, booleans, endpoints) and monitor rule', () => {
    const dbList = JSON.stringify({ shop: { name: 'shop_copy', all: true } });
    const reserve = JSON.stringify({ targetTableMode: '2' });
    const json = synth((s) => {
      const inst = new DtsSynchronizationInstance(s, 'inst', {
        paymentType: 'PayAsYouGo',
        sourceEndpointEngineName: 'MySQL',
        sourceEndpointRegion: 'cn-hangzhou',
        destinationEndpointEngineName: 'MySQL',
        destinationEndpointRegion: 'cn-hangzhou',
        instanceClass: 'small',
        syncArchitecture: 'oneway',
      });
      const job = new DtsSynchronizationJob(s, 'job', {
        dtsInstanceId: inst.id,
        dtsJobName: 'shop-to-copy',
        dbList,
        reserve,
        structureInitialization: true,
        dataInitialization: true,
        dataSynchronization: false,
        sourceEndpointInstanceType: 'RDS',
        sourceEndpointEngineName: 'MySQL',
        sourceEndpointInstanceId: 'rm-src',
        sourceEndpointRegion: 'cn-hangzhou',
        sourceEndpointUserName: 'dts',
        sourceEndpointPassword: '${var.src_password}',
        destinationEndpointInstanceType: 'RDS',
        destinationEndpointEngineName: 'MySQL',
        destinationEndpointInstanceId: 'rm-dst',
        destinationEndpointPort: '3306',
        delayNotice: true,
        delayRuleTime: '60',
        errorNotice: false,
      });
      new DtsJobMonitorRule(s, 'delay', { dtsJobId: job.id, type: 'delay', delayRuleTime: '60', state: 'Y' });
    });
    expect(resource(json, 'alicloud_dts_synchronization_instance', 'inst')).toEqual({
      payment_type: 'PayAsYouGo',
      source_endpoint_engine_name: 'MySQL',
      source_endpoint_region: 'cn-hangzhou',
      destination_endpoint_engine_name: 'MySQL',
      destination_endpoint_region: 'cn-hangzhou',
      instance_class: 'small',
      sync_architecture: 'oneway',
    });
    const job = resource(json, 'alicloud_dts_synchronization_job', 'job');
    expect(job).toEqual({
      dts_instance_id: '${alicloud_dts_synchronization_instance.inst.id}',
      dts_job_name: 'shop-to-copy',
      db_list: dbList,
      reserve,
      structure_initialization: true,
      data_initialization: true,
      data_synchronization: false,
      source_endpoint_instance_type: 'RDS',
      source_endpoint_engine_name: 'MySQL',
      source_endpoint_instance_id: 'rm-src',
      source_endpoint_region: 'cn-hangzhou',
      source_endpoint_user_name: 'dts',
      source_endpoint_password: '${var.src_password}',
      destination_endpoint_instance_type: 'RDS',
      destination_endpoint_engine_name: 'MySQL',
      destination_endpoint_instance_id: 'rm-dst',
      destination_endpoint_port: '3306',
      delay_notice: true,
      delay_rule_time: '60',
      error_notice: false,
    });
    expect(JSON.parse(job.db_list as string)).toEqual({ shop: { name: 'shop_copy', all: true } });
    expect(resource(json, 'alicloud_dts_job_monitor_rule', 'delay')).toEqual({
      dts_job_id: '${alicloud_dts_synchronization_job.job.id}', type: 'delay', delay_rule_time: '60', state: 'Y',
    });
  });
});

describe('alicloud bindings: cdktf-get conventions', () => {
  it('the barrel exports one namespace per resource plus the provider', () => {
    expect(Object.keys(alicloud).sort()).toEqual([
      'dbAccountPrivilege', 'dbDatabase', 'dbInstance', 'dtsJobMonitorRule', 'dtsSynchronizationInstance', 'dtsSynchronizationJob',
      'onsGroup', 'onsInstance', 'onsTopic', 'provider', 'rdsAccount', 'rocketmqAccount', 'rocketmqAcl', 'rocketmqConsumerGroup',
      'rocketmqInstance', 'rocketmqTopic',
    ]);
    expect(alicloud.rocketmqTopic.RocketmqTopic).toBe(RocketmqTopic);
    expect(alicloud.provider.AlicloudProvider).toBe(AlicloudProvider);
  });

  it('supports meta-arguments (count, depends_on, lifecycle, provider alias) like any generated resource', () => {
    const json = synth((s) => {
      const sh = new AlicloudProvider(s, 'sh', { region: 'cn-shanghai', alias: 'sh' });
      const t = new RocketmqTopic(s, 'a', { instanceId: 'i', topicName: 'a', provider: sh, lifecycle: { preventDestroy: true } });
      new RocketmqTopic(s, 'b', { instanceId: 'i', topicName: 'b', dependsOn: [t], count: 2 });
    });
    const a = resource(json, 'alicloud_rocketmq_topic', 'a');
    expect(a.provider).toBe('alicloud.sh');
    expect(a.lifecycle).toEqual({ prevent_destroy: true });
    const b = resource(json, 'alicloud_rocketmq_topic', 'b');
    expect(b.depends_on).toEqual(['alicloud_rocketmq_topic.a']);
    expect(b.count).toBe(2);
  });

  it('exposes computed attributes and nested block fields as Terraform references', () => {
    const json = synth((s) => {
      const g = new RocketmqConsumerGroup(s, 'g', { instanceId: 'i', consumerGroupId: 'GID_a', consumeRetryPolicy: {} });
      const db = new DbInstance(s, 'db', { engine: 'MySQL', engineVersion: '8.0', instanceType: 'x', instanceStorage: 20 });
      new TerraformOutput(s, 'status', { value: g.status });
      new TerraformOutput(s, 'retries', { value: g.consumeRetryPolicy.maxRetryTimes });
      new TerraformOutput(s, 'conn', { value: db.connectionString });
      new TerraformOutput(s, 'ips', { value: db.securityIps });
    });
    expect(json.output).toEqual({
      status: { value: '${alicloud_rocketmq_consumer_group.g.status}' },
      retries: { value: '${alicloud_rocketmq_consumer_group.g.consume_retry_policy[0].max_retry_times}' },
      conn: { value: '${alicloud_db_instance.db.connection_string}' },
      ips: { value: '${tolist(alicloud_db_instance.db.security_ips)}' },
    });
  });

  it('synthesizes HCL through synthesizeHclAttributes (blocks as blocks, sets as lists)', () => {
    const stack = new TerraformStack(Testing.app(), 'hcl');
    new AlicloudProvider(stack, 'p', { region: 'cn-hangzhou', assumeRole: { roleArn: 'acs:ram::1:role/x' } });
    new RocketmqConsumerGroup(stack, 'g', { instanceId: 'i', consumerGroupId: 'GID_a', consumeRetryPolicy: { maxRetryTimes: 3 } });
    new DbInstance(stack, 'db', {
      engine: 'MySQL', engineVersion: '8.0', instanceType: 'x', instanceStorage: 20, parameters: [{ name: 'binlog_format', value: 'ROW' }],
    });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toContain('assume_role {\nrole_arn = "acs:ram::1:role/x"\n}');
    expect(hcl).toContain('consume_retry_policy {\nmax_retry_times = 3\n}');
    expect(hcl).toContain('parameters {\nname = "binlog_format"\nvalue = "ROW"\n}');
    expect(hcl).toContain('instance_storage = 20');
  });

  it('fullSynth succeeds for a stack using every binding (validations pass)', () => {
    const stack = new TerraformStack(Testing.app(), 'full');
    new AlicloudProvider(stack, 'p', { region: 'cn-hangzhou' });
    new RocketmqTopic(stack, 't', { instanceId: 'i', topicName: 't' });
    new OnsTopic(stack, 'o', { instanceId: 'i', messageType: 0 });
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });
});
