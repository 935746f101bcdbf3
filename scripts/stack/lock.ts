// Serialises `up` and `down`: several jest runs may start the stack at the same moment, and two
// concurrent starts of one service would race for its port and pid file.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { isAlive, sleep } from './processes.js';

function holder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function withStackLock<T>(lockFile: string, timeoutMs: number, work: () => Promise<T>, log: (line: string) => void): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder(lockFile);
      if (pid === undefined || !isAlive(pid)) {
        rmSync(lockFile, { force: true }); // left behind by a process that died
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`stack: another stack command (pid ${pid}) holds ${lockFile} for too long: wait for it or stop it`);
      }
      if (!announced) log(`stack: waiting for another stack command (pid ${pid}) to finish`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    if (holder(lockFile) === process.pid) rmSync(lockFile, { force: true });
  }
}
