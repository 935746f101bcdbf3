/**
 * A batch producer over the remoting protocol (README, "Why a remoting client of our own"): it asks
 * the endpoint — a name server, or a 5.x proxy's remoting port in cluster mode — for a topic's route,
 * and sends batches of messages to one explicit queue with SEND_BATCH_MESSAGE, to the broker master
 * the route names (a cluster-mode proxy names itself and relays to the broker in the request's `n`).
 * A batch is stored whole or not at all; its messages keep their order in the queue.
 * Requests are signed (AccessKey / Signature: HMAC-SHA1 of the sorted header values and the body)
 * when credentials are given, as RocketMQ's AclClientRPCHook does.
 */
import { createHmac } from 'node:crypto';
import { RemotingConnection, RemotingError } from './connection.js';
import { RequestCode, ResponseCode, STORED_CODES, encodeBatch, type BatchEntry } from './protocol.js';
import { writeQueues, type TopicRouteData, type WriteQueue } from './route.js';

export interface RemotingCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface RemotingProducerOptions {
  /** host:port[;host:port] of the name server(s) or proxy remoting port(s); the first that answers is used. */
  readonly endpoint: string;
  readonly producerGroup: string;
  /** Namespace: topic and group are sent as `namespace%name`. */
  readonly namespace?: string;
  readonly credentials?: RemotingCredentials;
  /** Deadline of one request (default 5000 ms). */
  readonly requestTimeoutMs?: number;
}

export interface BatchReceipt {
  readonly queueId: number;
  /** Queue offset of the batch's first message. */
  readonly queueOffset: number;
}

/** Adds AccessKey and Signature to a request's header fields (AclClientRPCHook). */
export function signRequest(extFields: Record<string, string>, body: Buffer | undefined, credentials: RemotingCredentials): Record<string, string> {
  const fields: Record<string, string> = { ...extFields, AccessKey: credentials.accessKey };
  const names = Object.keys(fields).sort();
  const hmac = createHmac('sha1', credentials.secretKey);
  hmac.update(names.map((n) => fields[n]).join(''), 'utf8');
  if (body && body.length > 0) hmac.update(body);
  return { ...fields, Signature: hmac.digest('base64') };
}

export class RemotingProducer {
  private readonly connections = new Map<string, RemotingConnection>();
  private readonly endpoints: string[];
  private readonly timeoutMs: number;

  constructor(private readonly options: RemotingProducerOptions) {
    this.endpoints = options.endpoint.split(';').map((e) => e.trim()).filter((e) => e.length > 0);
    if (this.endpoints.length === 0) throw new RemotingError(`remoting endpoint '${options.endpoint}' names no host:port`);
    this.timeoutMs = options.requestTimeoutMs ?? 5000;
  }

  private connection(address: string): RemotingConnection {
    let c = this.connections.get(address);
    if (!c) this.connections.set(address, (c = new RemotingConnection(address)));
    return c;
  }

  private wrap(name: string): string {
    return this.options.namespace ? `${this.options.namespace}%${name}` : name;
  }

  private async call(address: string, code: number, fields: Record<string, string>, body?: Buffer) {
    const extFields = this.options.credentials ? signRequest(fields, body, this.options.credentials) : fields;
    return this.connection(address).request(code, extFields, body, this.timeoutMs);
  }

  /** A route request to the endpoints in turn; the last connection error if none answers. */
  private async askRoute(topic: string) {
    let last: unknown;
    for (const address of this.endpoints) {
      try {
        return await this.call(address, RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: this.wrap(topic), acceptStandardJsonOnly: 'true' });
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  /** The topic's write queues in the order the proxy hashes groups over (see route.ts). */
  async writeQueues(topic: string): Promise<WriteQueue[]> {
    const response = await this.askRoute(topic);
    if (response.code === ResponseCode.TOPIC_NOT_EXIST) {
      throw new RemotingError(`topic ${topic} does not exist at ${this.options.endpoint}: create it (FIFO) before the task runs`, response.code);
    }
    if (response.code !== ResponseCode.SUCCESS || !response.body) {
      throw new RemotingError(`route of topic ${topic} from ${this.options.endpoint} refused (code ${response.code}): ${response.remark ?? ''}`, response.code);
    }
    return writeQueues(JSON.parse(response.body.toString('utf8')) as TopicRouteData);
  }

  /**
   * Sends one batch to one queue. `properties` are the batch's own (the proxy reads the message
   * type from them: a FIFO topic needs the sharding key there too). Resolves once stored.
   */
  async sendBatch(topic: string, queue: WriteQueue, entries: readonly BatchEntry[], properties: string): Promise<BatchReceipt> {
    return this.store(RequestCode.SEND_BATCH_MESSAGE, topic, queue, properties, encodeBatch(entries), entries.length);
  }

  /** Sends one message on its own (its body alone counts against the broker's 4 MiB). */
  async sendOne(topic: string, queue: WriteQueue, entry: BatchEntry): Promise<BatchReceipt> {
    return this.store(RequestCode.SEND_MESSAGE_V2, topic, queue, entry.properties, entry.body, 1);
  }

  private async store(code: number, topic: string, queue: WriteQueue, properties: string, body: Buffer, count: number): Promise<BatchReceipt> {
    // SendMessageRequestHeaderV2: a producer group, b topic, c default topic, d its queues, e queue id,
    // f system flag, g born time, h flag, i properties, j reconsume times, k unit mode, m batch, n broker.
    const response = await this.call(
      queue.address,
      code,
      {
        a: this.wrap(this.options.producerGroup),
        b: this.wrap(topic),
        c: 'TBW102',
        d: '4',
        e: String(queue.queueId),
        f: '0',
        g: String(Date.now()),
        h: '0',
        i: properties,
        j: '0',
        k: 'false',
        m: code === RequestCode.SEND_BATCH_MESSAGE ? 'true' : 'false',
        n: queue.brokerName,
      },
      body,
    );
    if (!STORED_CODES.has(response.code)) {
      throw new RemotingError(
        `${count} message(s) to topic ${topic} queue ${queue.brokerName}/${queue.queueId} refused by ${queue.address} (code ${response.code}): ${response.remark ?? ''}`,
        response.code,
      );
    }
    return { queueId: Number(response.extFields.queueId ?? queue.queueId), queueOffset: Number(response.extFields.queueOffset ?? -1) };
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
  }
}
