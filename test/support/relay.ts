// A TCP relay a test owns between the engine and a real service (the shared stack is never stopped):
// it can be cut (every open connection dropped, the port closed) and restored on the same port, or
// made to drop the next N connections it accepts right after accepting them, as a killed session or
// a restarting server does. Real sockets, real services: only the path between them is the test's.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export class TcpRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private dropping = 0;
  /** The port it listens on (0 until the first `up`, then kept across `down`/`up`). */
  port: number;
  /** Connections accepted and dropped by `dropNext`. */
  dropped = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    port = 0,
  ) {
    this.port = port;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.dropping > 0) {
        this.dropping--;
        this.dropped++;
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The next `count` connections are closed as soon as they are accepted. */
  dropNext(count: number): void {
    this.dropping += count;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A free loopback port, for a relay that must start listening later. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
