/**
 * A topic's write queues and the queue a message group goes to — the same queue the 5.x proxy picks
 * for a single FIFO message sent over gRPC (SendMessageActivity.SendMessageQueueSelector): Guava's
 * consistentHash of Java's String.hashCode of the group over the write queues sorted by
 * (broker name, queue id). So a group keeps one queue whichever protocol sent it, and consumers of
 * messages from our gRPC path and our remoting path see one order per group.
 */

/** Java's String.hashCode: 31-polynomial over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

const LCG_MULTIPLIER = 2862933555777941757n;
const MASK_64 = (1n << 64n) - 1n;

/** Guava Hashing.consistentHash(long, int): the same bucket for the same input, moving few on resize. */
export function consistentHash(input: number, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets <= 0) throw new Error(`consistentHash: buckets must be positive, got ${buckets}`);
  let state = BigInt.asUintN(64, BigInt(input)); // a Java int widened to long (sign-extended)
  let candidate = 0;
  for (;;) {
    state = (LCG_MULTIPLIER * state + 1n) & MASK_64;
    // (double) ((int) (state >>> 33) + 1) / 2^31, with Java's int overflow on the + 1
    const nextDouble = ((Number(state >> 33n) + 1) | 0) / 2 ** 31;
    const quotient = (candidate + 1) / nextDouble;
    // Java's (int) cast of a double: truncation, saturating at the int range (NaN -> 0)
    const next = Number.isNaN(quotient) ? 0 : quotient >= 2 ** 31 ? 2 ** 31 - 1 : quotient <= -(2 ** 31) ? -(2 ** 31) : Math.trunc(quotient);
    if (next >= 0 && next < buckets) candidate = next;
    else return candidate;
  }
}

export interface WriteQueue {
  readonly brokerName: string;
  readonly queueId: number;
  /** host:port of the broker's master (a proxy answers with its own address). */
  readonly address: string;
}

/** Route data as the name server (or proxy) returns it, the fields used here. */
export interface TopicRouteData {
  readonly queueDatas: readonly { brokerName: string; writeQueueNums: number; perm: number }[];
  readonly brokerDatas: readonly { brokerName: string; brokerAddrs: Record<string, string> }[];
  readonly orderTopicConf?: string;
}

const PERM_WRITE = 0x2;
const MASTER_ID = '0';

/** The topic's write queues in the proxy's order: writable queues of brokers with a master, sorted. */
export function writeQueues(route: TopicRouteData): WriteQueue[] {
  const masters = new Map(route.brokerDatas.filter((b) => b.brokerAddrs[MASTER_ID] !== undefined).map((b) => [b.brokerName, b.brokerAddrs[MASTER_ID]!]));
  const queues: WriteQueue[] = [];
  if (route.orderTopicConf) {
    for (const item of route.orderTopicConf.split(';')) {
      const [brokerName, count] = item.split(':');
      const address = brokerName === undefined ? undefined : masters.get(brokerName);
      if (brokerName && address) for (let i = 0; i < Number(count); i++) queues.push({ brokerName, queueId: i, address });
    }
  } else {
    for (const q of route.queueDatas) {
      const address = masters.get(q.brokerName);
      if ((q.perm & PERM_WRITE) === 0 || !address) continue;
      for (let i = 0; i < q.writeQueueNums; i++) queues.push({ brokerName: q.brokerName, queueId: i, address });
    }
  }
  // Java String.compareTo orders by UTF-16 code unit, as JS string comparison does.
  return queues.sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : a.queueId - b.queueId));
}

/** The queue a message group's messages go to (see the header). */
export function queueOfGroup(group: string, queues: readonly WriteQueue[]): WriteQueue {
  if (queues.length === 0) throw new Error('the topic has no writable queue');
  return queues[consistentHash(javaStringHash(group), queues.length)]!;
}
