import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { ConsumerGroup, ProducerGroup, RocketMqInstance, RocketMqTopic, Secret } from '../../../lib/index.js';
import { newStack, resourcesOf, rocketStack, rocketTask, synthManifest } from './fixtures.js';

describe('RocketMqInstance', () => {
  it('5.x creates alicloud_rocketmq_instance with the VPC and defaults', () => {
    const stack = newStack();
    new RocketMqInstance(stack, 'Mq', { version: '5.x', instanceName: 'dts-mq', vpc: { vpcId: 'vpc-1', vswitchId: 'vsw-1' } });
    const synth = Testing.synth(stack);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_instance', {
      instance_name: 'dts-mq',
      series_code: 'standard',
      sub_series_code: 'cluster_ha',
      payment_type: 'PayAsYouGo',
      service_code: 'rmq',
    })).toBe(true);
    const [inst] = resourcesOf(stack, 'alicloud_rocketmq_instance');
    expect(inst).toMatchObject({ network_info: { vpc_info: { vpc_id: 'vpc-1', vswitch_id: 'vsw-1' } }, product_info: { message_retention_time: 72 } });
  });

  it('5.x without a VPC fails synth naming the fix', () => {
    const stack = newStack();
    new RocketMqInstance(stack, 'Mq', { version: '5.x', instanceName: 'dts-mq' });
    expect(() => Testing.fullSynth(stack)).toThrow(/needs vpc: \{ vpcId, vswitchId \}/);
  });

  it('4.x creates alicloud_ons_instance', () => {
    const stack = newStack();
    new RocketMqInstance(stack, 'Mq', { version: '4.x', instanceName: 'old-mq', remark: 'legacy' });
    expect(Testing.toHaveResourceWithProperties(Testing.synth(stack), 'alicloud_ons_instance', { instance_name: 'old-mq', remark: 'legacy' })).toBe(true);
  });

  it('fromInstanceId carries endpoints, namespace and credentials into the manifest', () => {
    const f = rocketStack();
    const mq = RocketMqInstance.fromInstanceId(f.stack, 'Other', {
      instanceId: 'rmq-2',
      version: '5.x',
      endpoints: '10.0.0.1:8081;10.0.0.2:8081',
      namespace: 'ns1',
      region: 'cn-shanghai',
      credentials: { accessKey: Secret.fromEnv('MQ_AK'), secretKey: Secret.fromFile('/run/secrets/mq_sk') },
    });
    const topic = new RocketMqTopic(f.stack, 'T2', { instance: mq, topicName: 'other', ordered: true });
    rocketTask({ ...f, mq, topic });
    const dest = synthManifest(f.stack).tasks[0]!.destination;
    expect(dest).toEqual({
      engine: 'rocketmq',
      version: '5.x',
      endpoints: '10.0.0.1:8081;10.0.0.2:8081',
      namespace: 'ns1',
      instanceId: 'rmq-2',
      region: 'cn-shanghai',
      accessKey: { fromEnv: 'MQ_AK' },
      secretKey: { fromFile: '/run/secrets/mq_sk' },
      topic: 'other',
      producerGroup: 'dts-producer-group',
    });
  });
});

describe('RocketMqTopic', () => {
  it('5.x ordered topic is FIFO, unordered is NORMAL (or the given type)', () => {
    const f = rocketStack('5.x');
    new RocketMqTopic(f.stack, 'Plain', { instance: f.mq, topicName: 'plain', maxSendTps: 500 });
    new RocketMqTopic(f.stack, 'Delay', { instance: f.mq, topicName: 'delay', messageType: 'DELAY' });
    const synth = Testing.synth(f.stack);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_topic', { topic_name: 'dts-shop', message_type: 'FIFO', instance_id: 'rmq-1' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_topic', { topic_name: 'plain', message_type: 'NORMAL', max_send_tps: 500 })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_topic', { topic_name: 'delay', message_type: 'DELAY' })).toBe(true);
  });

  it('4.x ordered topic is partitionally ordered (1) on alicloud_ons_topic', () => {
    const f = rocketStack('4.x');
    new RocketMqTopic(f.stack, 'Tx', { instance: f.mq, topicName: 'tx', messageType: 'TRANSACTION' });
    const synth = Testing.synth(f.stack);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_ons_topic', { topic_name: 'dts-shop', message_type: 1 })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_ons_topic', { topic_name: 'tx', message_type: 4 })).toBe(true);
    expect(resourcesOf(f.stack, 'alicloud_rocketmq_topic')).toHaveLength(0);
  });

  it('rejects an invalid topic name', () => {
    const f = rocketStack();
    new RocketMqTopic(f.stack, 'Bad', { instance: f.mq, topicName: 'has space' });
    expect(() => Testing.fullSynth(f.stack)).toThrow(/topic name "has space" may contain only letters/);
  });

  it('rejects messageType on an ordered topic', () => {
    const f = rocketStack();
    new RocketMqTopic(f.stack, 'Bad', { instance: f.mq, topicName: 'x', ordered: true, messageType: 'DELAY' });
    expect(() => Testing.fullSynth(f.stack)).toThrow(/conflicts with ordered: true/);
  });
});

describe('ProducerGroup', () => {
  it('defaults to dts-producer-group; 4.x emits a GID_ ons_group', () => {
    const f = rocketStack('4.x');
    const g = new ProducerGroup(f.stack, 'P', { instance: f.mq });
    expect(g.groupName).toBe('GID_dts-producer-group');
    expect(Testing.toHaveResourceWithProperties(Testing.synth(f.stack), 'alicloud_ons_group', { group_name: 'GID_dts-producer-group', group_type: 'tcp', instance_id: 'rmq-1' })).toBe(true);
  });

  it('5.x emits an account (password from a sensitive variable) and a Pub ACL per granted topic', () => {
    const f = rocketStack('5.x');
    const ddl = new RocketMqTopic(f.stack, 'Ddl', { instance: f.mq, topicName: 'dts-shop-ddl', ordered: true });
    const g = new ProducerGroup(f.stack, 'P', { instance: f.mq, account: { username: 'dts', password: Secret.fromEnv('MQ_PASSWORD') } });
    rocketTask(f, {}, { producerGroup: g, ddlTopic: ddl });
    const doc = JSON.parse(Testing.synth(f.stack)) as { variable: Record<string, { sensitive: boolean }> };
    expect(g.groupName).toBe('dts-producer-group');
    expect(resourcesOf(f.stack, 'alicloud_rocketmq_account')).toEqual([
      expect.objectContaining({ username: 'dts', password: '${var.mq_password}', account_status: 'ENABLE' }),
    ]);
    expect(doc.variable.mq_password?.sensitive).toBe(true);
    const acls = resourcesOf(f.stack, 'alicloud_rocketmq_acl');
    expect(acls.map((a) => a.resource_name).sort()).toEqual(['dts-shop', 'dts-shop-ddl']);
    for (const a of acls) expect(a).toMatchObject({ actions: ['Pub'], decision: 'Allow', resource_type: 'Topic', username: 'dts' });
  });

  it('5.x without an account fails synth', () => {
    const f = rocketStack('5.x');
    new ProducerGroup(f.stack, 'P', { instance: f.mq, groupName: 'my-producers' });
    expect(() => Testing.fullSynth(f.stack)).toThrow(/ProducerGroup my-producers .*set account/);
  });

  it('the task manifest names the producer group', () => {
    const f = rocketStack('5.x');
    rocketTask(f, {}, { producerGroup: 'custom-group' });
    expect(synthManifest(f.stack).tasks[0]!.destination).toMatchObject({ producerGroup: 'custom-group' });
  });
});

describe('ConsumerGroup', () => {
  it('5.x consumer of an ordered topic is Orderly with the retry policy', () => {
    const f = rocketStack('5.x');
    new ConsumerGroup(f.stack, 'C', { instance: f.mq, groupId: 'shop-consumers', topic: f.topic, maxRetryTimes: 5, deadLetterTargetTopic: 'dlq' });
    new ConsumerGroup(f.stack, 'C2', { instance: f.mq, groupId: 'loose' });
    const synth = Testing.synth(f.stack);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_consumer_group', {
      consumer_group_id: 'shop-consumers',
      delivery_order_type: 'Orderly',
      consume_retry_policy: { retry_policy: 'DefaultRetryPolicy', max_retry_times: 5, dead_letter_target_topic: 'dlq' },
    })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synth, 'alicloud_rocketmq_consumer_group', { consumer_group_id: 'loose', delivery_order_type: 'Concurrently' })).toBe(true);
  });

  it('4.x consumer group is a GID_ ons_group', () => {
    const f = rocketStack('4.x');
    new ConsumerGroup(f.stack, 'C', { instance: f.mq, groupId: 'shop' });
    expect(Testing.toHaveResourceWithProperties(Testing.synth(f.stack), 'alicloud_ons_group', { group_name: 'GID_shop' })).toBe(true);
  });

  it('an unordered group on an ordered topic fails synth', () => {
    const f = rocketStack('5.x');
    new ConsumerGroup(f.stack, 'C', { instance: f.mq, groupId: 'g', topic: f.topic, ordered: false });
    expect(() => Testing.fullSynth(f.stack)).toThrow(/topic dts-shop is ordered but the group is not/);
  });
});
