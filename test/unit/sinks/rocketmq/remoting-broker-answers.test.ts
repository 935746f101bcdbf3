/**
 * The remoting transport against a fake broker (a TCP server speaking the remoting framing), for the
 * answers a real broker gives only in trouble:
 *  - 14 SERVICE_NOT_AVAILABLE, 16 NO_PERMISSION, 17 TOPIC_NOT_EXIST: the route is read again before the
 *    next request, and the failure counts as a broker answer ('other'), not as a lost connection;
 *  - a request that timed out but was stored: sent again, its messages carry the same ids (UNIQ_KEY);
 *  - the route is polled: a queue-count change is seen while the transport is open.
 * The same timeout against the real broker (its JVM paused) is in
 * test/integration/services/rocketmq-remoting-faults.test.ts.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { RemotingError } from '../../../../runtime/sinks/rocketmq/remoting/connection.js';
import { decodeFrames, decodeProperties, encodeCommand, Property, RequestCode, RESPONSE_FLAG, type RemotingCommand } from '../../../../runtime/sinks/rocketmq/remoting/protocol.js';
import { openRemotingTransport } from '../../../../runtime/sinks/rocketmq/remoting/transport.js';
import type { OutgoingMessage } from '../../../../runtime/sinks/rocketmq/sender.js';
import { classifyFailure } from '../../../../runtime/util/retry.js';

/** The entries of a SEND_BATCH_MESSAGE body: each message's properties. */
function batchProperties(body: Buffer): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let at = 0;
  while (at < body.length) {
    const size = body.readInt32BE(at);
    const bodyLength = body.readInt32BE(at + 16);
    const propsAt = at + 20 + bodyLength;
    const propsLength = body.readInt16BE(propsAt);
    out.push(decodeProperties(body.toString('utf8', propsAt + 2, propsAt + 2 + propsLength)));
    at += size;
  }
  return out;
}

type Answer = { code: number; delayMs?: number } | 'store';

/** A broker that is also its own name server: routes name itself; sends are answered from a script. */
class FakeBroker {
  readonly routeRequests: number[] = [];
  readonly sends: { queueId: number; ids: string[] }[] = [];
  queues = 4;
  script: Answer[] = [];
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        const { commands, rest } = decodeFrames(buffer);
        buffer = Buffer.from(rest);
        for (const c of commands) this.answer(socket, c);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  private reply(socket: Socket, request: RemotingCommand, code: number, extFields: Record<string, string> = {}, body?: Buffer, delayMs = 0): void {
    const send = () => socket.writable && socket.write(encodeCommand({ code, opaque: request.opaque, flag: RESPONSE_FLAG, remark: `fake ${code}`, extFields, ...(body ? { body } : {}) }));
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  }

  private answer(socket: Socket, request: RemotingCommand): void {
    if (request.code === RequestCode.GET_ROUTEINFO_BY_TOPIC) {
      this.routeRequests.push(Date.now());
      const route = {
        queueDatas: [{ brokerName: 'b0', writeQueueNums: this.queues, perm: 6 }],
        brokerDatas: [{ brokerName: 'b0', brokerAddrs: { '0': `127.0.0.1:${this.port}` } }],
      };
      return this.reply(socket, request, 0, {}, Buffer.from(JSON.stringify(route)));
    }
    const step = this.script.shift() ?? 'store';
    const ids = request.body ? batchProperties(request.body).map((p) => p.get(Property.UNIQ_KEY)!) : [];
    const queueId = Number(request.extFields.e);
    if (step === 'store') {
      this.sends.push({ queueId, ids });
      return this.reply(socket, request, 0, { queueId: String(queueId), queueOffset: '0' });
    }
    // Stored, but answered late (after the client's deadline) when delayMs is given.
    if (step.code === 0) this.sends.push({ queueId, ids });
    return this.reply(socket, request, step.code, {}, undefined, step.delayMs ?? 0);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

const message = (text: string, group = 'g-1'): OutgoingMessage => ({ topic: 't', messageGroup: group, body: Buffer.from(text), keys: [text], properties: {}, rows: 1 });

let broker: FakeBroker | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
});

async function open(routePollMs?: number) {
  broker = new FakeBroker();
  await broker.start();
  return openRemotingTransport({ endpoint: `127.0.0.1:${broker.port}`, producerGroup: 'pg', requestTimeoutMs: 300 }, ['t'], routePollMs === undefined ? {} : { routePollMs });
}

describe('broker answers 14, 16, 17', () => {
  for (const code of [14, 16, 17]) {
    it(`answer ${code}: a broker answer ('other', not a lost connection), and the route is read again before the next request`, async () => {
      const transport = await open();
      try {
        expect(broker!.routeRequests).toHaveLength(1);
        broker!.script = [{ code }];
        const error = await transport.send([message('a')]).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(RemotingError);
        expect((error as RemotingError).responseCode).toBe(code);
        expect(classifyFailure(error)).toBe('other');
        await transport.send([message('a')]);
        expect(broker!.routeRequests).toHaveLength(2);
        expect(broker!.sends).toHaveLength(1);
      } finally {
        await transport.close();
      }
    });
  }

  it('a request with no answer in time is a lost connection and also reads the route again', async () => {
    const transport = await open();
    try {
      broker!.script = [{ code: 0, delayMs: 1000 }];
      const error = await transport.send([message('a')]).then(() => undefined, (e: unknown) => e);
      expect(classifyFailure(error)).toBe('connection');
      await transport.send([message('a')]);
      expect(broker!.routeRequests).toHaveLength(2);
    } finally {
      await transport.close();
    }
  });
});

describe('a batch stored but answered too late', () => {
  it('is sent again with the same message ids (UNIQ_KEY), so consumers dedupe it', async () => {
    const transport = await open();
    try {
      const batch = ['a', 'b', 'c'].map((t) => message(t));
      broker!.script = [{ code: 0, delayMs: 1000 }];
      await expect(transport.send(batch)).rejects.toThrow();
      await transport.send(batch);
      expect(broker!.sends).toHaveLength(2);
      const [first, again] = broker!.sends;
      expect(again!.ids).toEqual(first!.ids);
      expect(new Set(first!.ids).size).toBe(3);
      // Another batch gets other ids.
      await transport.send([message('d')]);
      expect(first!.ids).not.toContain(broker!.sends[2]!.ids[0]);
    } finally {
      await transport.close();
    }
  });
});

describe('route polling', () => {
  it('reads the route again every routePollMs while sending: a queue-count change is seen without a restart', async () => {
    const transport = await open(100);
    try {
      const groups = Array.from({ length: 32 }, (_, i) => `g-${i}`);
      for (const g of groups) await transport.send([message(g, g)]);
      expect(new Set(broker!.sends.map((s) => s.queueId))).toEqual(new Set([0, 1, 2, 3]));
      broker!.queues = 16;
      await new Promise((r) => setTimeout(r, 150));
      await transport.send([message('x')]); // starts the poll
      await new Promise((r) => setTimeout(r, 100));
      broker!.sends.length = 0;
      for (const g of groups) await transport.send([message(g, g)]);
      expect(broker!.routeRequests.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...broker!.sends.map((s) => s.queueId))).toBeGreaterThan(3);
    } finally {
      await transport.close();
    }
  });
});
