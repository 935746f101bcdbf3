/**
 * rocketmq-client-nodejs 1.0.8 `startup()` waits for the proxy's first settings command with no
 * deadline, so a busy or restarting proxy can hang it forever. Start with a deadline, retrying with a
 * fresh client; the final error says what did not start and why.
 */
export interface Startable {
  startup(): Promise<void>;
  shutdown(): Promise<void>;
}

export async function startWithin<T extends Startable>(create: () => T, what: string, timeoutMs = 20000, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const client = create();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.startup(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no settings from the proxy within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return client;
    } catch (error) {
      lastError = error;
      await Promise.race([client.shutdown().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
    } finally {
      clearTimeout(timer);
    }
  }
  throw new Error(`${what} did not start after ${attempts} attempts: ${(lastError as Error).message}`);
}
