/**
 * The sender's transport over the remoting protocol: a lane per message group, a group's messages go
 * to the queue the proxy would pick for it (route.ts), in batches of up to ROCKETMQ_BATCH_MESSAGES /
 * ROCKETMQ_BATCH_BYTES. A batch holds one group because the broker gives every message of a batch the
 * batch's own properties (a mixed batch would relabel its messages with the first one's group; the
 * remoting integration test shows it), and a FIFO topic needs the group among them.
 * A batch is cut into requests of at most the broker's 4 MiB (the limit applies to a batch's encoded
 * size); requests of one batch are sent one after the other, so the queue holds the group's messages
 * in order. A message too large to travel in a batch of its own (its body near 4 MiB plus properties)
 * is sent alone (SEND_MESSAGE_V2 limits the body only).
 * Routes are read when the transport opens and again every ROUTE_POLL_MS (as the Java client polls
 * its name server: a queue-count change or a new broker is seen while the task runs); a request that
 * fails to reach its broker, or that a broker answers with 14 SERVICE_NOT_AVAILABLE, 16 NO_PERMISSION
 * or 17 TOPIC_NOT_EXIST (a master moved, a broker made read-only, a route gone stale), makes the next
 * request read the route again. A failed poll keeps the routes it has.
 * A message's id (UNIQ_KEY) is made once and kept across retries, as the Java client does: a request
 * that timed out but was stored and is sent again arrives twice with the same msgId, which consumers
 * dedupe by.
 */
import { randomBytes } from 'node:crypto';
import { ROCKETMQ_BATCH_BYTES, ROCKETMQ_BATCH_MESSAGES } from '../../../manifest/defaults.js';
import type { OutgoingMessage, Transport } from '../sender.js';
import { MAX_BODY_BYTES } from '../pack.js';
import { RemotingError } from './connection.js';
import { RemotingProducer, type RemotingProducerOptions } from './producer.js';
import { KEY_SEPARATOR, Property, ResponseCode, batchEntry, encodeProperties, entryBytes, type BatchEntry } from './protocol.js';
import { queueOfGroup, type WriteQueue } from './route.js';

/** Message ids (UNIQ_KEY): 32 hex digits, a random per-process prefix, a time and a counter. */
export class MessageIds {
  private readonly prefix = randomBytes(8).toString('hex').toUpperCase();
  private counter = 0;
  next(): string {
    this.counter = (this.counter + 1) >>> 0;
    const time = (Math.floor(Date.now() / 1000) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    return this.prefix + time + this.counter.toString(16).toUpperCase().padStart(8, '0');
  }
}

/**
 * The broker-side properties of one message, encoded for the wire in one pass (per message: a hot
 * path): ours (never one of the names below), its keys and tag, its group, its id.
 */
export function encodedProperties(message: OutgoingMessage, id: string): string {
  let text = '';
  for (const name in message.properties) {
    const value = message.properties[name]!;
    if (name === Property.KEYS || name === Property.TAGS || name === Property.SHARDING_KEY || name === Property.UNIQ_KEY || name === Property.WAIT) continue;
    text += `${name}\u0001${value}\u0002`;
  }
  if (message.keys.length > 0) text += `${Property.KEYS}\u0001${message.keys.join(KEY_SEPARATOR)}\u0002`;
  if (message.tag) text += `${Property.TAGS}\u0001${message.tag}\u0002`;
  return `${text}${Property.SHARDING_KEY}\u0001${message.messageGroup}\u0002${Property.UNIQ_KEY}\u0001${id}\u0002${Property.WAIT}\u0001true\u0002`;
}

/** Cuts entries into consecutive requests of at most `limit` encoded bytes (an entry over it alone). */
export function cutRequests(entries: readonly BatchEntry[], limit: number): BatchEntry[][] {
  const requests: BatchEntry[][] = [];
  let current: BatchEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = entryBytes(e);
    if (current.length > 0 && bytes + size > limit) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** How often the routes are read again while the transport is open (the Java client's pollNameServerInterval). */
export const ROUTE_POLL_MS = 30_000;

/** Broker answers after which the route is read again before the next request. */
const ROUTE_REFRESH_CODES: ReadonlySet<number> = new Set([ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.NO_PERMISSION, ResponseCode.TOPIC_NOT_EXIST]);

export interface RemotingTransportOptions {
  /** Route poll interval (ROUTE_POLL_MS); tests shorten it. */
  readonly routePollMs?: number;
}

export async function openRemotingTransport(options: RemotingProducerOptions, topics: readonly string[], transportOptions: RemotingTransportOptions = {}): Promise<Transport> {
  const producer = new RemotingProducer(options);
  const routes = new Map<string, WriteQueue[]>();
  const ids = new MessageIds();
  /** Each message's id, made at its first send and reused by every retry. */
  const idOf = new WeakMap<OutgoingMessage, string>();
  const pollMs = transportOptions.routePollMs ?? ROUTE_POLL_MS;
  let stale = false;
  let readAt = performance.now();
  try {
    for (const topic of topics) routes.set(topic, await producer.writeQueues(topic));
  } catch (error) {
    producer.close();
    throw error;
  }
  const queueOf = (message: OutgoingMessage): WriteQueue => {
    const queues = routes.get(message.topic);
    if (!queues) throw new Error(`topic ${message.topic} was not among the task's topics when the producer started`);
    return queueOfGroup(message.messageGroup, queues);
  };
  const refresh = async (): Promise<void> => {
    for (const topic of routes.keys()) routes.set(topic, await producer.writeQueues(topic));
    stale = false;
    readAt = performance.now();
  };
  let polling: Promise<void> | undefined;
  const poll = (): void => {
    readAt = performance.now();
    polling ??= refresh().catch(() => undefined).finally(() => (polling = undefined));
  };
  const messageId = (m: OutgoingMessage): string => {
    let id = idOf.get(m);
    if (id === undefined) idOf.set(m, (id = ids.next()));
    return id;
  };
  return {
    laneOf: (m) => `${m.topic}\u0000${m.messageGroup}`,
    maxBatchMessages: ROCKETMQ_BATCH_MESSAGES,
    maxBatchBytes: ROCKETMQ_BATCH_BYTES,
    async send(batch) {
      if (stale) await refresh();
      else if (performance.now() - readAt >= pollMs) poll(); // in the background: this request goes by the routes it has
      const first = batch[0]!;
      const queue = queueOf(first);
      const entries = batch.map((m) => batchEntry(m.body, encodedProperties(m, messageId(m))));
      const header = encodeProperties(new Map([[Property.SHARDING_KEY, first.messageGroup], [Property.WAIT, 'true']]));
      try {
        for (const request of cutRequests(entries, MAX_BODY_BYTES)) {
          if (request.length === 1 && entryBytes(request[0]!) > MAX_BODY_BYTES) await producer.sendOne(first.topic, queue, request[0]!);
          else await producer.sendBatch(first.topic, queue, request, header);
        }
      } catch (error) {
        if (error instanceof RemotingError && (error.responseCode === undefined || ROUTE_REFRESH_CODES.has(error.responseCode))) stale = true;
        throw error;
      }
    },
    async close() {
      producer.close();
    },
  };
}
