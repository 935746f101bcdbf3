// Programmatic API of the local service stack: tests, the demo and other scripts import this.
import { mkdirSync } from 'node:fs';
import {
  ADMIN_USER,
  DESTINATION_PORT,
  DTS_USER,
  DTS_WRITER_USER,
  MARIADB_INSTANCES,
  type MariaDbRole,
  SOURCE_PORT,
  type StackAccount,
  stackPaths,
} from './config.js';
import {
  connectionOptions,
  ensureMariaDbInstalled,
  type MariaDbConnectionOptions,
  mariaDbStatus,
  type ServiceReport,
  startMariaDb,
  stopMariaDb,
} from './mariadb.js';
import { withStackLock } from './lock.js';
import { mariaDbPid } from './mariadb.js';
import { namesrvPid, proxyPid, rocketMqStatus, startRocketMq, stopRocketMq } from './rocketmq.js';
import { removeFile, stopProcess } from './processes.js';
import { ensureStackSecrets, readStackSecret, stackSecretEnv, STACK_SECRET_ENV } from './secrets.js';

export * from './config.js';
export { readStackSecret, stackSecretEnv, STACK_SECRET_ENV, withStackLock };
export {
  createConsumerGroup,
  createTopic,
  deleteConsumerGroup,
  deleteTopic,
  runMqAdmin,
  topicExists,
  topicRoute,
  type CreateConsumerGroupOptions,
  type CreateTopicOptions,
  type MqAdminResult,
  type TopicRoute,
} from './rocketmq-admin.js';
export {
  quietRocketMqLogger,
  stackProducer,
  stackSimpleConsumer,
  startStackProducer,
  startStackSimpleConsumer,
  startWithin,
} from './rocketmq-client.js';
export { PROBE_GROUP, PROBE_TOPIC, probeFifoRoundTrip } from './rocketmq.js';
export { consumeOverRemoting, javaClientCeiling, topicStats, type RemotingMessage } from './rocketmq-java.js';
export { diskUsageProblem, diskUsedRatio, readDiskFigures, type DiskFigures } from './disk.js';
export type { MariaDbConnectionOptions, ServiceReport };

export type StackService = 'mariadb' | 'rocketmq';
export const ALL_SERVICES: readonly StackService[] = ['mariadb', 'rocketmq'];

export interface StackOptions {
  /** Which services to act on; default all. */
  services?: readonly StackService[];
  /** Progress lines; default console.log. Pass () => {} for silence. */
  log?: (line: string) => void;
}

export interface StackUpResult {
  alreadyRunning: boolean;
  services: { name: string; listens: string; alreadyRunning: boolean }[];
  elapsedMs: number;
}

function spec(role: MariaDbRole) {
  const found = MARIADB_INSTANCES.find((i) => i.role === role);
  if (!found) throw new Error(`unknown MariaDB role ${role}`);
  return found;
}

/** Starts what is not running and waits until every service answers; a no-op when all run. */
export async function stackUp(options: StackOptions = {}): Promise<StackUpResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Generous: a cold first start resolves ~150 jars with maven before it can finish.
  return withStackLock(`${stackPaths().run}/stack.lock`, 15 * 60_000, () => stackUpLocked(options, log), log);
}

async function stackUpLocked(options: StackOptions, log: (line: string) => void): Promise<StackUpResult> {
  const started = Date.now();
  const services = options.services ?? ALL_SERVICES;
  const paths = stackPaths();
  mkdirSync(paths.root, { recursive: true });
  ensureStackSecrets(paths.secrets);
  const result: StackUpResult['services'] = [];
  if (services.includes('mariadb')) {
    ensureMariaDbInstalled(log);
    const started = await Promise.all(MARIADB_INSTANCES.map((i) => startMariaDb(i, paths, log)));
    for (const s of started) result.push({ name: `mariadb ${s.role}`, listens: s.listens, alreadyRunning: s.alreadyRunning });
  }
  if (services.includes('rocketmq')) {
    const rocketmq = await startRocketMq(paths, log);
    result.push(...rocketmq.services);
  }
  const alreadyRunning = result.every((s) => s.alreadyRunning);
  for (const s of result) log(`${s.name.padEnd(20)} ${s.alreadyRunning ? 'already running' : 'started'} on ${s.listens}`);
  if (alreadyRunning) log('stack: everything already runs');
  return { alreadyRunning, services: result, elapsedMs: Date.now() - started };
}

/** Stops only the processes the stack started (pid files), gracefully first. */
export async function stackDown(options: StackOptions = {}): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  return withStackLock(`${stackPaths().run}/stack.lock`, 15 * 60_000, () => stackDownLocked(options, log), log);
}

async function stackDownLocked(options: StackOptions, log: (line: string) => void): Promise<string[]> {
  const services = options.services ?? ALL_SERVICES;
  const paths = stackPaths();
  const lines: string[] = [];
  if (services.includes('mariadb')) {
    lines.push(...(await Promise.all(MARIADB_INSTANCES.map((i) => stopMariaDb(i, paths)))));
  }
  if (services.includes('rocketmq')) lines.push(...(await stopRocketMq(paths)));
  const leftovers = [
    ...MARIADB_INSTANCES.map((i) => mariaDbPid(paths.mariadb(i.role))),
    namesrvPid(paths),
    proxyPid(paths),
  ].filter((pid): pid is number => pid !== undefined);
  if (services.length === ALL_SERVICES.length && leftovers.length > 0) {
    lines.push(`stack: processes still running after down: ${leftovers.join(', ')}`);
  }
  for (const line of lines) log(line);
  return lines;
}

/**
 * Stops the RocketMQ broker (the proxy process runs it) gracefully and starts it again, the name
 * server untouched: a fault the torture run injects. Resolves once a FIFO round trip works again.
 */
export async function restartBroker(options: Pick<StackOptions, 'log'> = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  await withStackLock(`${stackPaths().run}/stack.lock`, 15 * 60_000, async () => {
    const paths = stackPaths();
    const pid = proxyPid(paths);
    if (pid !== undefined) await stopProcess(pid, 30000);
    removeFile(paths.rocketmq.proxyPidFile);
    await startRocketMq(paths, log);
  }, log);
}

export interface StackStatus {
  healthy: boolean;
  services: ServiceReport[];
}

export async function stackStatus(options: Pick<StackOptions, 'services'> = {}): Promise<StackStatus> {
  const services = options.services ?? ALL_SERVICES;
  const paths = stackPaths();
  const reports: ServiceReport[] = [];
  if (services.includes('mariadb')) {
    reports.push(...(await Promise.all(MARIADB_INSTANCES.map((i) => mariaDbStatus(i, paths)))));
  }
  if (services.includes('rocketmq')) reports.push(...(await rocketMqStatus(paths)));
  return { healthy: reports.every((r) => r.running && r.problems.length === 0), services: reports };
}

export function formatStatus(status: StackStatus): string {
  const lines = status.services.map((r) => {
    const state = r.running ? `running (pid ${r.pid})` : 'stopped';
    const where = r.running && r.listens ? ` on ${r.listens}` : '';
    const problems = [...r.problems.map((p) => `\n    ! ${p}`), ...(r.warnings ?? []).map((w) => `\n    ~ ${w}`)].join('');
    return `${r.name.padEnd(20)} ${state}${where}${problems}`;
  });
  lines.push(status.healthy ? 'stack: healthy' : 'stack: NOT healthy (see ! lines)');
  return lines.join('\n');
}

/** mysql2 / zongji connection options for the source instance. */
export function sourceConnection(account: typeof ADMIN_USER | typeof DTS_USER = ADMIN_USER): MariaDbConnectionOptions {
  return connectionOptions(spec('source'), account, stackPaths().secrets);
}

/** mysql2 connection options for the destination instance. */
export function destinationConnection(
  account: typeof ADMIN_USER | typeof DTS_WRITER_USER | typeof DTS_USER = ADMIN_USER,
): MariaDbConnectionOptions {
  return connectionOptions(spec('destination'), account, stackPaths().secrets);
}

export function mariaDbConnection(role: MariaDbRole, account: StackAccount): MariaDbConnectionOptions {
  return connectionOptions(spec(role), account, stackPaths().secrets);
}

export const SOURCE_ADDRESS = { host: '127.0.0.1', port: SOURCE_PORT } as const;
export const DESTINATION_ADDRESS = { host: '127.0.0.1', port: DESTINATION_PORT } as const;
