import { Construct } from 'constructs';
import { OnsGroup } from '../providers/alicloud/ons-group/index.js';
import { RocketmqAccount } from '../providers/alicloud/rocketmq-account/index.js';
import { RocketmqAcl } from '../providers/alicloud/rocketmq-acl/index.js';
import { RocketmqConsumerGroup } from '../providers/alicloud/rocketmq-consumer-group/index.js';
import type { Secret } from '../secret.js';
import type { IRocketMqInstance } from './instance.js';
import type { IRocketMqTopic } from './topic.js';

export const DEFAULT_PRODUCER_GROUP = 'dts-producer-group';

/** 4.x group ids must start with GID_ or GID-. */
function onsGroupName(name: string): string {
  return /^GID[_-]/.test(name) ? name : `GID_${name}`;
}

/** A 5.x instance account (Intelligent Identity Recognition). */
export interface RocketMqAccountProps {
  readonly username: string;
  readonly password: Secret;
}

export interface ProducerGroupProps {
  readonly instance: IRocketMqInstance;
  /**
   * Name of the DTS producer group. On 4.x the ons_group gets a `GID_` prefix when the name has none.
   * @default 'dts-producer-group'
   */
  readonly groupName?: string;
  /**
   * 5.x: the account DTS writes with; it gets a Pub ACL on every topic passed to grantPublish
   * (sync tasks using this group grant their topics). Required on 5.x.
   * @default - none
   */
  readonly account?: RocketMqAccountProps;
  /** Topics to grant Pub on now. @default [] */
  readonly topics?: readonly IRocketMqTopic[];
}

/**
 * The producer group DTS sends with. 4.x: alicloud_ons_group (tcp). 5.x has no producer-group
 * resource: an alicloud_rocketmq_account plus one Pub alicloud_rocketmq_acl per topic.
 */
export class ProducerGroup extends Construct {
  readonly instance: IRocketMqInstance;
  /** The group name as the broker knows it (with GID_ on 4.x). */
  readonly groupName: string;
  readonly account?: RocketMqAccountProps;
  private readonly granted = new Set<string>();

  constructor(scope: Construct, id: string, props: ProducerGroupProps) {
    super(scope, id);
    this.instance = props.instance;
    const name = props.groupName ?? DEFAULT_PRODUCER_GROUP;
    this.account = props.account;
    if (this.instance.version === '4.x') {
      this.groupName = onsGroupName(name);
      new OnsGroup(this, 'Resource', { instanceId: this.instance.instanceId, groupName: this.groupName, groupType: 'tcp', remark: 'DTS producer group' });
    } else {
      this.groupName = name;
      const account = props.account;
      this.node.addValidation({
        validate: () =>
          account
            ? []
            : [`ProducerGroup ${name} (${this.node.path}): RocketMQ 5.x has no producer-group resource; DTS writes with an instance account: set account: { username, password: Secret.fromEnv(...) }`],
      });
      if (account) {
        new RocketmqAccount(this, 'Account', {
          instanceId: this.instance.instanceId,
          username: account.username,
          password: account.password.terraformValue(this),
          accountStatus: 'ENABLE',
        });
      }
    }
    for (const topic of props.topics ?? []) this.grantPublish(topic);
  }

  /** Lets this group publish to the topic (5.x: a Pub ACL for the account; 4.x: nothing to do). */
  grantPublish(topic: IRocketMqTopic): void {
    if (this.instance.version !== '5.x' || !this.account || this.granted.has(topic.topicName)) return;
    this.granted.add(topic.topicName);
    new RocketmqAcl(this, `Pub-${topic.topicName}`, {
      instanceId: this.instance.instanceId,
      username: this.account.username,
      resourceType: 'Topic',
      resourceName: topic.topicName,
      actions: ['Pub'],
      decision: 'Allow',
    });
  }
}

export type RetryPolicy = 'DefaultRetryPolicy' | 'FixedRetryPolicy';

export interface ConsumerGroupProps {
  readonly instance: IRocketMqInstance;
  /** 4.x: a `GID_` prefix is added when missing. */
  readonly groupId: string;
  /**
   * The topic consumed; an ordered topic makes the group Orderly.
   * @default - none
   */
  readonly topic?: IRocketMqTopic;
  /**
   * Deliver in order (5.x delivery_order_type Orderly).
   * @default - true when `topic` is ordered, else false
   */
  readonly ordered?: boolean;
  /** 5.x. @default 'DefaultRetryPolicy' */
  readonly retryPolicy?: RetryPolicy;
  /** 5.x. @default 16 */
  readonly maxRetryTimes?: number;
  /** 5.x: dead-letter topic. @default - none */
  readonly deadLetterTargetTopic?: string;
  /** @default - no remark */
  readonly remark?: string;
}

/** A consumer group: alicloud_rocketmq_consumer_group on 5.x, alicloud_ons_group on 4.x. */
export class ConsumerGroup extends Construct {
  readonly groupId: string;
  readonly ordered: boolean;

  constructor(scope: Construct, id: string, props: ConsumerGroupProps) {
    super(scope, id);
    this.ordered = props.ordered ?? props.topic?.ordered ?? false;
    const ordered = this.ordered;
    const topic = props.topic;
    this.node.addValidation({
      validate: () =>
        topic && topic.ordered && !ordered
          ? [`ConsumerGroup ${props.groupId}: topic ${topic.topicName} is ordered but the group is not; remove ordered: false so messages are consumed in order`]
          : [],
    });
    if (props.instance.version === '4.x') {
      this.groupId = onsGroupName(props.groupId);
      new OnsGroup(this, 'Resource', { instanceId: props.instance.instanceId, groupName: this.groupId, groupType: 'tcp', remark: props.remark });
    } else {
      this.groupId = props.groupId;
      new RocketmqConsumerGroup(this, 'Resource', {
        instanceId: props.instance.instanceId,
        consumerGroupId: props.groupId,
        deliveryOrderType: this.ordered ? 'Orderly' : 'Concurrently',
        consumeRetryPolicy: {
          retryPolicy: props.retryPolicy ?? 'DefaultRetryPolicy',
          maxRetryTimes: props.maxRetryTimes ?? 16,
          deadLetterTargetTopic: props.deadLetterTargetTopic,
        },
        remark: props.remark,
      });
    }
  }
}
