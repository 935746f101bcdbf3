/**
 * MySQL -> RocketMQ delivery: select and shape each change, route it to its topic and message group,
 * pack the rows of one event per group, and hand the messages to the OrderedSender. A transaction's
 * mark becomes durable once the broker acknowledged all its messages (at-least-once).
 */
import { isLeaseLost, type OwnerGuard } from '../../lease/task-lease.js';
import type { ChangeEvent } from '../../events/change-event.js';
import type { Logger } from '../../log.js';
import type { ObjectSpec, RocketMqEndpointSpec, RocketMqOptionsSpec, TaskSpec } from '../../manifest/types.js';
import type { TransactionMark } from '../../state/offsets.js';
import { RetryClock } from '../../util/retry.js';
import { CommitTracker } from './commit-tracker.js';
import { ColumnTransformer } from '../../transforms/columns.js';
import { capitalizeEvent } from '../../transforms/names.js';
import { ObjectSelector } from '../../transforms/select.js';
import { Throttle } from '../../util/token-bucket.js';
import type { DeliveryObserver, Sink, SinkCounters, SinkPrecheck, SourceInfo, SourceTransaction } from '../sink.js';
import { REMOTING_ENDPOINT_FIX, openGrpcTransport, remotingProducerOptions } from './client.js';
import { encodeCanalJson } from './formats/canal-json.js';
import { encodeDtsAvro } from './formats/dts-avro.js';
import { OrderingRouter } from './ordering.js';
import { MAX_BODY_BYTES, pack, type BodyEncoder, type RoutedChange } from './pack.js';
import { rocketMqPrechecks, topicsOf } from './prechecks.js';
import { openRemotingTransport } from './remoting/transport.js';
import { OrderedSender, type OutgoingMessage, type Transport } from './sender.js';

export class LargeRecordError extends Error {}

const OPERATION = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' } as const;

export interface RocketMqSinkOptions {
  readonly log: Logger;
  /** Where relative secret files resolve. */
  readonly baseDir?: string;
  /** Replaces the real producer (benchmarks of the pipeline alone). */
  readonly transport?: Transport;
  readonly window?: number;
  readonly maxBuffered?: number;
  readonly maxBodyBytes?: number;
  /** Mark restored from the checkpoint, so durable() never goes backwards. */
  readonly initialMark?: TransactionMark;
  readonly observer?: DeliveryObserver;
  /** The engine's lease on the task: checked before every send request. */
  readonly guard?: OwnerGuard;
}

export function bodyEncoder(options: RocketMqOptionsSpec): BodyEncoder {
  switch (options.format) {
    case 'canal-json':
      return (events) => encodeCanalJson(events, { syncAllFields: options.syncAllFields });
    case 'dts-avro':
      return (events) => encodeDtsAvro(events, {});
  }
}

/**
 * A batch never carries more than one second of a throttle (messages, rows or MB per second): a
 * 1,024-message batch under a 150 TPS limit would otherwise reach the broker as one burst.
 */
export function throttledBatch(
  transport: Pick<Transport, 'maxBatchMessages' | 'maxBatchBytes'>,
  throttle: { tpsLimit?: number; rps?: number; mbps?: number },
): { maxBatchMessages?: number; maxBatchBytes?: number } {
  const perSecond = [throttle.tpsLimit, throttle.rps].filter((n): n is number => n !== undefined && n > 0).map((n) => Math.max(1, Math.floor(n)));
  const messages = Math.min(transport.maxBatchMessages ?? 1, ...perSecond);
  const bytes = throttle.mbps ? Math.min(transport.maxBatchBytes ?? Infinity, Math.max(1, Math.floor(throttle.mbps * 1024 * 1024))) : transport.maxBatchBytes;
  return { maxBatchMessages: messages, ...(bytes !== undefined ? { maxBatchBytes: bytes } : {}) };
}

export class RocketMqSink implements Sink {
  private readonly endpoint: RocketMqEndpointSpec;
  private readonly options: RocketMqOptionsSpec;
  private selector: ObjectSelector;
  private dialect: SourceInfo['dialect'] = 'mysql';
  private readonly router: OrderingRouter;
  private readonly encode: BodyEncoder;
  private readonly transformers = new Map<ObjectSpec, ColumnTransformer>();
  private readonly tracker: CommitTracker;
  private transport?: Transport;
  private sender?: OrderedSender;
  private readonly rowsByTable = new Map<string, number>();
  private bytes = 0;
  private messages = 0;
  private skippedLarge = 0;
  private lastEventSeq: number;

  constructor(
    private readonly task: TaskSpec,
    private readonly sinkOptions: RocketMqSinkOptions,
  ) {
    if (task.destination.engine !== 'rocketmq' || !task.rocketmq) {
      throw new Error(`task ${task.name}: RocketMqSink needs a RocketMQ destination and rocketmq options`);
    }
    this.endpoint = task.destination;
    this.options = task.rocketmq;
    this.selector = new ObjectSelector(task);
    this.router = new OrderingRouter(task.rocketmq.ordering);
    this.encode = bodyEncoder(task.rocketmq);
    this.tracker = new CommitTracker(sinkOptions.initialMark);
    this.lastEventSeq = sinkOptions.initialMark?.lastEventSeq ?? 0;
  }

  prechecks(): Promise<SinkPrecheck[]> {
    return rocketMqPrechecks(this.task, { log: this.sinkOptions.log, baseDir: this.sinkOptions.baseDir });
  }

  async open(source: SourceInfo): Promise<TransactionMark | undefined> {
    this.dialect = source.dialect;
    this.selector = new ObjectSelector(this.task, { dialect: source.dialect });
    // Opened again after a start step lost its connection: the earlier transport goes first.
    if (this.transport && !this.sinkOptions.transport) await this.transport.close().catch(() => undefined);
    const transport = (this.transport = this.sinkOptions.transport ?? (await this.openTransport()));
    const clocks = new WeakMap<OutgoingMessage, RetryClock>();
    const incremental = this.task.throttle.incremental;
    const limits = throttledBatch(transport, { tpsLimit: this.options.tpsLimit, ...incremental });
    const guard = this.sinkOptions.guard;
    this.sender = new OrderedSender({
      // A send is the delivery the lease guards: an engine that lost it (paused, cut off) sends nothing.
      send: guard
        ? async (batch) => {
            guard.assertValid('a RocketMQ send');
            await transport.send(batch);
          }
        : transport.send,
      laneOf: transport.laneOf,
      maxBatchMessages: limits.maxBatchMessages,
      maxBatchBytes: limits.maxBatchBytes,
      window: this.sinkOptions.window,
      maxBuffered: this.sinkOptions.maxBuffered,
      throttle: new Throttle({
        messagesPerSecond: this.options.tpsLimit,
        rowsPerSecond: incremental?.rps,
        megabytesPerSecond: incremental?.mbps,
      }),
      retry: (error, attempt, message) => {
        if (isLeaseLost(error)) return { fail: error as Error };
        let clock = clocks.get(message);
        if (!clock) clocks.set(message, (clock = new RetryClock(this.task.retry)));
        const delay = clock.next(error, attempt);
        if (delay !== undefined) {
          if (attempt === 1 || attempt % 10 === 0) {
            this.sinkOptions.log.warn('send failed, retrying', { topic: message.topic, group: message.messageGroup, attempt, error: String(error) });
          }
          return { retryAfterMs: delay };
        }
        return {
          fail: new Error(
            `task ${this.task.name}: RocketMQ kept refusing a message to topic ${message.topic} (group ${message.messageGroup}) ` +
              `for the whole retry window: ${String(error)}. Fix the broker or topic, then run the task again: it resumes from its checkpoint`,
          ),
        };
      },
      onDelivered: (m) => {
        this.messages++;
        this.bytes += m.body.length;
        if (m.table) this.rowsByTable.set(m.table, (this.rowsByTable.get(m.table) ?? 0) + m.rows);
        this.sinkOptions.observer?.delivered({
          table: m.table ?? '',
          operation: m.operation ?? 'DDL',
          phase: m.phase ?? 'incremental',
          rows: m.rows,
          bytes: m.body.length,
          ...(m.phase === 'incremental' && m.commitTime !== undefined ? { sourceTimestampMs: m.commitTime } : {}),
        });
      },
    });
    return undefined;
  }

  async write(transaction: SourceTransaction): Promise<void> {
    const sender = this.requireSender();
    const routed: RoutedChange[] = [];
    for (const event of transaction.events) {
      this.lastEventSeq = event.seq;
      const decision = this.selector.decide(event);
      if (!decision.deliver || decision.topic === undefined) continue;
      const shaped = this.shape(event, decision.object);
      for (const r of this.router.route(shaped, decision.object.partitionKey)) routed.push({ event: r.event, group: r.group, topic: decision.topic });
    }
    if (routed.length > 0) {
      const { messages, oversize } = pack(routed, this.encode, {
        maxBodyBytes: this.sinkOptions.maxBodyBytes ?? MAX_BODY_BYTES,
        maxRowsPerMessage: this.options.format === 'dts-avro' ? 1 : undefined,
      });
      for (const o of oversize) {
        const where = `${o.event.database}.${o.event.table ?? ''}`;
        if (!this.options.filterLargeRecords) {
          throw new LargeRecordError(
            `task ${this.task.name}: a ${o.event.kind} on ${where} (key ${o.key}) makes a ${o.bytes}-byte message, over the 4 MB limit. ` +
              'Fix: turn on filterLargeRecords to skip such records, or exclude the large column',
          );
        }
        this.skippedLarge++;
        this.sinkOptions.observer?.filteredLargeRecord(where);
        this.sinkOptions.log.warn('large record skipped', { table: where, key: o.key, bytes: o.bytes, position: `${o.event.position.file}:${o.event.position.pos}` });
      }
      for (const m of messages) {
        const first = m.events[0]!;
        const outgoing: OutgoingMessage = {
          topic: m.topic,
          messageGroup: m.group,
          body: m.body,
          keys: m.keys,
          properties: m.properties,
          rows: first.kind === 'ddl' ? 0 : m.events.length,
          table: first.table === undefined ? first.database : `${first.database}.${first.table}`,
          operation: first.kind === 'ddl' ? 'DDL' : OPERATION[first.kind],
          phase: first.origin === 'snapshot' ? 'full' : 'incremental',
          commitTime: m.events[m.events.length - 1]!.commitTime,
        };
        if (sender.tryEnqueue(outgoing) === undefined) await sender.enqueue(outgoing);
      }
    }
    this.tracker.mark({
      lastSeq: sender.lastSeq(),
      position: transaction.position,
      commitTime: transaction.commitTime,
      lastEventSeq: this.lastEventSeq,
      ...(transaction.checkpoint ? { checkpoint: transaction.checkpoint } : {}),
    });
  }

  durable(): TransactionMark | undefined {
    return this.sender ? this.tracker.advance(this.sender.ackedThrough()) : this.tracker.durableMark();
  }

  async drain(): Promise<void> {
    await this.requireSender().drain();
    this.durable();
  }

  counters(): SinkCounters {
    return { rowsByTable: new Map(this.rowsByTable), bytes: this.bytes, messages: this.messages, skippedLargeRecords: this.skippedLarge };
  }

  /** The sender's terminal error, if it failed (the pipeline checks between transactions). */
  failure(): Error | undefined {
    return this.sender?.error();
  }

  async close(): Promise<void> {
    if (this.sender && this.sender.bufferedCount() > 0) this.sender.abort(new Error(`task ${this.task.name}: the RocketMQ sink was closed with messages unsent (they are sent again from the checkpoint at the next start)`));
    await this.transport?.close();
    this.transport = undefined;
  }

  /** Batches per queue over remoting when the endpoint names one, else one message per gRPC request. */
  private async openTransport(): Promise<Transport> {
    const topics = topicsOf(this.task, this.endpoint);
    const context = { task: this.task.name, log: this.sinkOptions.log, baseDir: this.sinkOptions.baseDir };
    if (!this.endpoint.remotingEndpoints) return openGrpcTransport(this.endpoint, topics, context);
    try {
      return await openRemotingTransport(remotingProducerOptions(this.endpoint, context), topics);
    } catch (error) {
      throw new Error(
        `task ${this.task.name}: RocketMQ remoting endpoint ${this.endpoint.remotingEndpoints} did not give the routes of ${topics.join(', ')}: ${(error as Error).message}. Fix: ${REMOTING_ENDPOINT_FIX}`,
      );
    }
  }

  private shape(event: ChangeEvent, object: ObjectSpec): ChangeEvent {
    let shaped = event;
    if (object.columns && event.kind !== 'ddl') {
      let t = this.transformers.get(object);
      if (!t) this.transformers.set(object, (t = new ColumnTransformer(object.columns, `task ${this.task.name}, object ${object.database}.${object.table ?? '*'}`, this.dialect)));
      shaped = t.apply(shaped);
    }
    return capitalizeEvent(shaped, this.task.capitalization, { engine: 'rocketmq' });
  }

  private requireSender(): OrderedSender {
    if (!this.sender) throw new Error(`task ${this.task.name}: RocketMqSink used before open()`);
    return this.sender;
  }
}
