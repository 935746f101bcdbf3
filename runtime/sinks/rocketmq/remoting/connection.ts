/**
 * One TCP connection speaking the remoting protocol: requests are matched to responses by opaque,
 * several may be in flight at once, each with its own deadline. A closed or broken connection fails
 * every pending request with an error naming the endpoint; the next request opens a new connection.
 */
import { Socket, connect } from 'node:net';
import { RESPONSE_FLAG, decodeFrames, encodeHead, type RemotingCommand } from './protocol.js';

export class RemotingError extends Error {
  /**
   * How the retry windows count it (util/retry.ts): a failure to reach the broker or a request that
   * timed out is 'connection'; a broker's answer (14 SERVICE_NOT_AVAILABLE, 16 NO_PERMISSION, 17
   * TOPIC_NOT_EXIST ...) is 'other'. Kept apart from `responseCode`, whose numbers would otherwise
   * read as gRPC status codes (14 is gRPC UNAVAILABLE).
   */
  readonly kind: 'connection' | 'other';

  constructor(
    message: string,
    /** The broker's response code; absent for connection failures and timeouts. */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'RemotingError';
    this.kind = responseCode === undefined ? 'connection' : 'other';
  }
}

interface Pending {
  resolve(response: RemotingCommand): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class RemotingConnection {
  private socket?: Socket;
  private opening?: Promise<Socket>;
  private nextOpaque = 1;
  private readonly pending = new Map<number, Pending>();
  private received: Buffer = Buffer.alloc(0);
  private closed = false;

  /** `address` is host:port. */
  constructor(
    readonly address: string,
    private readonly connectTimeoutMs = 5000,
  ) {}

  async request(code: number, extFields: Record<string, string>, body: Buffer | undefined, timeoutMs: number): Promise<RemotingCommand> {
    const socket = await this.open();
    const opaque = this.nextOpaque++;
    if (this.nextOpaque > 0x7fffffff) this.nextOpaque = 1;
    return new Promise<RemotingCommand>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(opaque);
        reject(new RemotingError(`remoting: no answer from ${this.address} within ${timeoutMs} ms (request code ${code})`));
      }, timeoutMs);
      this.pending.set(opaque, { resolve, reject, timer });
      // Head and body as two writes in one go: the body (up to 4 MiB) is not copied into a frame.
      socket.cork();
      socket.write(encodeHead({ code, opaque, flag: 0, extFields, ...(body ? { body } : {}) }));
      if (body) socket.write(body);
      socket.uncork();
    });
  }

  close(): void {
    this.closed = true;
    this.fail(new RemotingError(`remoting: connection to ${this.address} closed`));
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Promise<Socket> {
    if (this.closed) return Promise.reject(new RemotingError(`remoting: connection to ${this.address} closed`));
    if (this.socket) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    const at = this.address.lastIndexOf(':');
    const host = this.address.slice(0, at);
    const port = Number(this.address.slice(at + 1));
    if (at <= 0 || !Number.isInteger(port)) return Promise.reject(new RemotingError(`remoting: endpoint '${this.address}' is not host:port`));
    this.opening = new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host, port, noDelay: true });
      const timer = setTimeout(() => socket.destroy(new RemotingError(`remoting: could not connect to ${this.address} within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.opening = undefined;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (this.socket !== socket) {
          this.opening = undefined;
          reject(new RemotingError(`remoting: cannot connect to ${this.address}: ${error.message}`));
        }
        this.fail(new RemotingError(`remoting: connection to ${this.address} failed: ${error.message}`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (this.socket === socket) this.socket = undefined;
        if (this.opening && this.socket === undefined) this.opening = undefined;
        this.received = Buffer.alloc(0);
        this.fail(new RemotingError(`remoting: connection to ${this.address} closed by the peer`));
      });
    });
    return this.opening;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    let decoded: ReturnType<typeof decodeFrames>;
    try {
      decoded = decodeFrames(this.received);
    } catch (error) {
      this.socket?.destroy(error as Error);
      return;
    }
    this.received = decoded.rest;
    for (const command of decoded.commands) {
      if ((command.flag & RESPONSE_FLAG) === 0) continue; // requests from the server (e.g. status checks): not used by a producer
      const waiter = this.pending.get(command.opaque);
      if (!waiter) continue; // answered after its deadline
      this.pending.delete(command.opaque);
      clearTimeout(waiter.timer);
      waiter.resolve(command);
    }
  }

  private fail(error: Error): void {
    for (const [opaque, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      this.pending.delete(opaque);
      waiter.reject(error);
    }
  }
}
