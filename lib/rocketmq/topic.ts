import { Construct } from 'constructs';
import { OnsTopic } from '../providers/alicloud/ons-topic/index.js';
import { RocketmqTopic } from '../providers/alicloud/rocketmq-topic/index.js';
import type { IRocketMqInstance } from './instance.js';

export const TOPIC_NAME_PATTERN = /^[%a-zA-Z0-9_-]+$/;

/** Message type of a topic that is not ordered. */
export type UnorderedMessageType = 'NORMAL' | 'DELAY' | 'TRANSACTION';

export interface RocketMqTopicProps {
  readonly instance: IRocketMqInstance;
  /** Letters, digits, `%`, `_` and `-`. */
  readonly topicName: string;
  /**
   * Ordered topic: 5.x message type FIFO ("Ordered Message"), 4.x partitionally ordered (1).
   * A DTS destination or DDL topic must be ordered.
   * @default false
   */
  readonly ordered?: boolean;
  /**
   * Message type when not ordered.
   * @default 'NORMAL'
   */
  readonly messageType?: UnorderedMessageType;
  /** @default - no remark */
  readonly remark?: string;
  /**
   * 5.x only: maximum send TPS of the topic.
   * @default - the instance's limit
   */
  readonly maxSendTps?: number;
}

export interface RocketMqTopicAttributes {
  readonly instance: IRocketMqInstance;
  readonly topicName: string;
  /** Whether the existing topic is ordered (FIFO / partitionally ordered). */
  readonly ordered: boolean;
}

/** A topic declared in (or imported into) the stack. Sync tasks may only write to declared topics. */
export interface IRocketMqTopic {
  readonly instance: IRocketMqInstance;
  readonly topicName: string;
  readonly ordered: boolean;
}

const ONS_MESSAGE_TYPE: Readonly<Record<UnorderedMessageType | 'ORDERED', number>> = {
  NORMAL: 0,
  ORDERED: 1, // partitionally ordered: what DTS requires on 4.x
  TRANSACTION: 4,
  DELAY: 5,
};

/**
 * A RocketMQ topic: alicloud_rocketmq_topic on 5.x, alicloud_ons_topic on 4.x.
 */
export class RocketMqTopic extends Construct implements IRocketMqTopic {
  /** Declare a topic that exists outside this stack, so tasks can write to it. */
  static fromTopicName(scope: Construct, id: string, attrs: RocketMqTopicAttributes): IRocketMqTopic {
    return new ImportedRocketMqTopic(scope, id, attrs);
  }

  static isRocketMqTopic(x: unknown): x is IRocketMqTopic {
    return x instanceof RocketMqTopic || x instanceof ImportedRocketMqTopic;
  }

  readonly instance: IRocketMqInstance;
  readonly topicName: string;
  readonly ordered: boolean;
  readonly resource: RocketmqTopic | OnsTopic;

  constructor(scope: Construct, id: string, props: RocketMqTopicProps) {
    super(scope, id);
    this.instance = props.instance;
    this.topicName = props.topicName;
    this.ordered = props.ordered ?? false;
    const name = props.topicName;
    this.node.addValidation({
      validate: () => {
        const errors: string[] = [];
        if (!TOPIC_NAME_PATTERN.test(name)) errors.push(`RocketMqTopic ${this.node.path}: topic name "${name}" may contain only letters, digits, %, _ and -`);
        if (this.ordered && props.messageType !== undefined) {
          errors.push(`RocketMqTopic ${name}: messageType "${props.messageType}" conflicts with ordered: true; drop messageType (an ordered topic is FIFO)`);
        }
        if (props.maxSendTps !== undefined && this.instance.version === '4.x') errors.push(`RocketMqTopic ${name}: maxSendTps is a 5.x setting; remove it for a 4.x instance`);
        return errors;
      },
    });
    if (this.instance.version === '5.x') {
      this.resource = new RocketmqTopic(this, 'Resource', {
        instanceId: this.instance.instanceId,
        topicName: name,
        messageType: this.ordered ? 'FIFO' : (props.messageType ?? 'NORMAL'),
        remark: props.remark,
        maxSendTps: props.maxSendTps,
      });
    } else {
      this.resource = new OnsTopic(this, 'Resource', {
        instanceId: this.instance.instanceId,
        topicName: name,
        messageType: ONS_MESSAGE_TYPE[this.ordered ? 'ORDERED' : (props.messageType ?? 'NORMAL')],
        remark: props.remark,
      });
    }
  }
}

class ImportedRocketMqTopic extends Construct implements IRocketMqTopic {
  readonly instance: IRocketMqInstance;
  readonly topicName: string;
  readonly ordered: boolean;
  constructor(scope: Construct, id: string, attrs: RocketMqTopicAttributes) {
    super(scope, id);
    this.instance = attrs.instance;
    this.topicName = attrs.topicName;
    this.ordered = attrs.ordered;
  }
}
