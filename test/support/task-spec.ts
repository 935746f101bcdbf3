// Builds fully-resolved TaskSpecs pointing at the local stack, as `dts synth` would write them.
import { join } from 'node:path';
import type { ObjectSpec, RocketMqOptionsSpec, TaskSpec } from '../../runtime/manifest/types.js';
import { DESTINATION_PORT, ROCKETMQ_ENDPOINT, ROCKETMQ_REMOTING_ENDPOINT, SOURCE_PORT, STACK_HOST, stackPaths } from '../../scripts/stack/index.js';

const secretFile = (account: string) => ({ fromFile: join(stackPaths().secrets, `${account}.password`) });

export function sourceEndpoint(): TaskSpec['source'] {
  return { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: SOURCE_PORT, user: 'dts', password: secretFile('dts'), ssl: false };
}

export interface RocketMqTaskOptions {
  readonly name: string;
  readonly objects: readonly ObjectSpec[];
  readonly topic: string;
  readonly ddlTopic?: string;
  readonly full?: boolean;
  readonly rocketmq?: Partial<RocketMqOptionsSpec>;
  readonly serverId?: number;
  readonly overrides?: Partial<TaskSpec>;
  /** 'grpc': one message per request to the proxy (no remotingEndpoints); default: batches over remoting, as the examples configure. */
  readonly transport?: 'remoting' | 'grpc';
}

export function rocketMqTask(o: RocketMqTaskOptions): TaskSpec {
  return {
    name: o.name,
    source: sourceEndpoint(),
    destination: {
      engine: 'rocketmq',
      version: '5.x',
      endpoints: ROCKETMQ_ENDPOINT,
      ...(o.transport === 'grpc' ? {} : { remotingEndpoints: ROCKETMQ_REMOTING_ENDPOINT }),
      topic: o.topic,
      ...(o.ddlTopic ? { ddlTopic: o.ddlTopic } : {}),
      producerGroup: 'dts-producer-group',
    },
    syncTypes: { schema: false, full: o.full ?? false, incremental: true },
    conflictingTables: 'precheck-and-report',
    objects: o.objects,
    capitalization: 'dts-default',
    retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {},
    heartbeat: false,
    rocketmq: {
      format: 'canal-json',
      syncAllFields: false,
      ordering: { rule: 'columns', buckets: 8 },
      filterLargeRecords: false,
      ...o.rocketmq,
    },
    serverId: o.serverId ?? 4000 + Math.floor(Math.random() * 100000),
    ...o.overrides,
  };
}

export function mysqlDestinationEndpoint(): TaskSpec['source'] {
  return { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: DESTINATION_PORT, user: 'dts_writer', password: secretFile('dts_writer'), ssl: false };
}

export const ALL_DML = ['INSERT', 'UPDATE', 'DELETE'] as const;
