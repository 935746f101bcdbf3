import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { OnsInstance } from '../providers/alicloud/ons-instance/index.js';
import { RocketmqInstance } from '../providers/alicloud/rocketmq-instance/index.js';
import type { Secret } from '../secret.js';

/** ApsaraMQ for RocketMQ major version. 5.x uses the rocketmq_* resources, 4.x the ons_* ones. */
export type RocketMqVersion = '4.x' | '5.x';

/** How the bundled engine reaches the broker. Not needed for Terraform. */
export interface RocketMqConnection {
  /**
   * gRPC proxy endpoint(s) the bundled engine sends to, `host:port[;host:port]`
   * (the proxy port, never the name server), e.g. `127.0.0.1:28081`.
   * @default - none; a bundled-engine task to this instance fails synth until it is set
   */
  readonly endpoints?: string;
  /**
   * Remoting-protocol endpoint(s) the bundled engine sends batches to, `host:port[;host:port]`: the
   * name server (open-source RocketMQ, e.g. `127.0.0.1:29876` on the local stack) or a 5.x proxy's
   * remoting port in cluster mode (ApsaraMQ 5.x instances: the TCP endpoint). Messages then go in
   * batches per queue, to the queue the proxy would pick for their message group, roughly 20 times
   * faster than one message per gRPC request (README, "Delivery to RocketMQ").
   * @default - none; messages go one by one over gRPC to `endpoints` (synth warns)
   */
  readonly remotingEndpoints?: string;
  /**
   * Namespace (the instance id on Alibaba Cloud 4.x instances with namespaces).
   * @default - no namespace
   */
  readonly namespace?: string;
  /**
   * Credentials the bundled engine signs requests with (the 5.x instance account, or an AccessKey pair).
   * @default - anonymous (a local broker without ACL)
   */
  readonly credentials?: { readonly accessKey: Secret; readonly secretKey: Secret };
}

/** A RocketMQ instance, created here or imported. */
export interface IRocketMqInstance extends IConstruct, RocketMqConnection {
  /** Instance id (a Terraform token when the instance is created in this stack). */
  readonly instanceId: string;
  readonly version: RocketMqVersion;
  /** @default - the provider's region */
  readonly region?: string;
}

export interface RocketMqInstanceAttributes extends RocketMqConnection {
  readonly instanceId: string;
  readonly version: RocketMqVersion;
  readonly region?: string;
}

/** Network of a new 5.x instance. */
export interface RocketMqVpcProps {
  readonly vpcId: string;
  readonly vswitchId: string;
}

export interface RocketMqInstanceProps extends RocketMqConnection {
  readonly version: RocketMqVersion;
  readonly instanceName: string;
  /** @default - the provider's region */
  readonly region?: string;
  /** @default - no remark */
  readonly remark?: string;
  /**
   * 5.x only: VPC the instance is attached to. Required for a new 5.x instance.
   * @default - none
   */
  readonly vpc?: RocketMqVpcProps;
  /**
   * 5.x only: edition.
   * @default 'standard'
   */
  readonly seriesCode?: 'standard' | 'professional' | 'ultimate';
  /**
   * 5.x only: deployment.
   * @default 'cluster_ha'
   */
  readonly subSeriesCode?: 'cluster_ha' | 'single_node';
  /**
   * 5.x only: computing specification (drives the instance's TPS limit).
   * @default 'rmq.s2.2xlarge'
   */
  readonly msgProcessSpec?: string;
  /**
   * 5.x only: hours messages are kept.
   * @default 72
   */
  readonly messageRetentionHours?: number;
  /** @default 'PayAsYouGo' */
  readonly paymentType?: 'PayAsYouGo' | 'Subscription';
}

/**
 * An ApsaraMQ for RocketMQ instance (5.x: alicloud_rocketmq_instance; 4.x: alicloud_ons_instance).
 * Serverless instances cannot be a DTS destination, so none are offered.
 */
export class RocketMqInstance extends Construct implements IRocketMqInstance {
  /** Use an instance that exists already (or a local broker, through `endpoints`). */
  static fromInstanceId(scope: Construct, id: string, attrs: RocketMqInstanceAttributes): IRocketMqInstance {
    return new ImportedRocketMqInstance(scope, id, attrs);
  }

  readonly instanceId: string;
  readonly version: RocketMqVersion;
  readonly region?: string;
  readonly endpoints?: string;
  readonly remotingEndpoints?: string;
  readonly namespace?: string;
  readonly credentials?: { readonly accessKey: Secret; readonly secretKey: Secret };
  /** The L1 resource. */
  readonly resource: RocketmqInstance | OnsInstance;

  constructor(scope: Construct, id: string, props: RocketMqInstanceProps) {
    super(scope, id);
    this.version = props.version;
    this.region = props.region;
    this.endpoints = props.endpoints;
    this.remotingEndpoints = props.remotingEndpoints;
    this.namespace = props.namespace;
    this.credentials = props.credentials;
    if (props.version === '4.x') {
      this.resource = new OnsInstance(this, 'Resource', { instanceName: props.instanceName, remark: props.remark });
    } else {
      const vpc = props.vpc;
      this.node.addValidation({
        validate: () =>
          vpc ? [] : [`RocketMqInstance ${this.node.path}: a new 5.x instance needs vpc: { vpcId, vswitchId }; or import one with RocketMqInstance.fromInstanceId`],
      });
      this.resource = new RocketmqInstance(this, 'Resource', {
        instanceName: props.instanceName,
        remark: props.remark,
        serviceCode: 'rmq',
        seriesCode: props.seriesCode ?? 'standard',
        subSeriesCode: props.subSeriesCode ?? 'cluster_ha',
        paymentType: props.paymentType ?? 'PayAsYouGo',
        productInfo: {
          msgProcessSpec: props.msgProcessSpec ?? 'rmq.s2.2xlarge',
          messageRetentionTime: props.messageRetentionHours ?? 72,
        },
        networkInfo: {
          vpcInfo: { vpcId: vpc?.vpcId ?? '', vswitchId: vpc?.vswitchId ?? '' },
          internetInfo: { internetSpec: 'disable', flowOutType: 'uninvolved' },
        },
      });
    }
    this.instanceId = this.resource.id;
  }
}

class ImportedRocketMqInstance extends Construct implements IRocketMqInstance {
  readonly instanceId: string;
  readonly version: RocketMqVersion;
  readonly region?: string;
  readonly endpoints?: string;
  readonly remotingEndpoints?: string;
  readonly namespace?: string;
  readonly credentials?: { readonly accessKey: Secret; readonly secretKey: Secret };
  constructor(scope: Construct, id: string, attrs: RocketMqInstanceAttributes) {
    super(scope, id);
    this.instanceId = attrs.instanceId;
    this.version = attrs.version;
    this.region = attrs.region;
    this.endpoints = attrs.endpoints;
    this.remotingEndpoints = attrs.remotingEndpoints;
    this.namespace = attrs.namespace;
    this.credentials = attrs.credentials;
  }
}
