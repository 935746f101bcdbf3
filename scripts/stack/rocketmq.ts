// Apache RocketMQ 5.3 on the machine's Java: a name server JVM and a proxy JVM in local mode
// (broker in the same JVM), both detached and tracked by pid files.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  BROKER_PORT,
  NAMESRV_PORT,
  PROXY_GRPC_PORT,
  PROXY_REMOTING_PORT,
  ROCKETMQ_VERSION,
  STACK_HOST,
  type StackPaths,
} from './config.js';
import { BROKER_REFUSES_WRITES_RATIO, diskUsageProblem, diskUsedRatio, readDiskFigures } from './disk.js';
import { ensureJavaTooling, javaBinary, resolveRocketMqJars } from './java.js';
import type { ServiceReport } from './mariadb.js';
import { ownedPid, portAnswers, removeFile, sleep, spawnDetached, stopProcess, waitFor } from './processes.js';
import { createConsumerGroup, createTopic } from './rocketmq-admin.js';
import { startStackProducer, startStackSimpleConsumer } from './rocketmq-client.js';
import { namesrvCommand, proxyCommand, renderBrokerConfig, renderNamesrvConfig, renderProxyConfig } from './rocketmq-config.js';

/** Scratch topic and group `up` uses to prove a FIFO send and receive through the proxy. */
export const PROBE_TOPIC = 'dts_stack_probe';
export const PROBE_GROUP = 'dts_stack_probe_group';

export const namesrvPid = (paths: StackPaths): number | undefined => ownedPid(paths.rocketmq.namesrvPidFile, paths.rocketmq.namesrvConfig);
export const proxyPid = (paths: StackPaths): number | undefined => ownedPid(paths.rocketmq.proxyPidFile, paths.rocketmq.brokerConfig);

function writeConfigs(paths: StackPaths): void {
  const r = paths.rocketmq;
  for (const dir of [r.dir, r.home, r.store, r.namesrvStore, paths.logs, paths.run]) mkdirSync(dir, { recursive: true });
  writeFileSync(r.namesrvConfig, renderNamesrvConfig(paths));
  writeFileSync(r.brokerConfig, renderBrokerConfig(paths));
  writeFileSync(r.proxyConfig, renderProxyConfig());
}

function javaEnv(paths: StackPaths): NodeJS.ProcessEnv {
  return { ...process.env, ROCKETMQ_HOME: paths.rocketmq.home };
}

/** Sends one FIFO message through the proxy and receives it back with an orderly SimpleConsumer. */
export async function probeFifoRoundTrip(timeoutMs = 60000): Promise<void> {
  const marker = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const producer = await startStackProducer([PROBE_TOPIC]);
  const consumer = await startStackSimpleConsumer(PROBE_GROUP, [PROBE_TOPIC], 2000).catch(async (error: unknown) => {
    await producer.shutdown();
    throw error;
  });
  try {
    const deadline = Date.now() + timeoutMs;
    let sent = false;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        if (!sent) {
          await producer.send({ topic: PROBE_TOPIC, body: Buffer.from(marker), messageGroup: 'probe', keys: [marker] });
          sent = true;
        }
        const messages = await consumer.receive(16, 10000);
        let found = false;
        for (const message of messages) {
          await consumer.ack(message);
          if (message.body.toString() === marker) found = true;
        }
        if (found) return;
      } catch (error) {
        lastError = error;
        await sleep(1000);
      }
    }
    throw new Error(
      `RocketMQ FIFO probe through ${STACK_HOST}:${PROXY_GRPC_PORT} got no message back within ${timeoutMs / 1000} s` +
        `${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
    );
  } finally {
    await Promise.allSettled([consumer.shutdown(), producer.shutdown()]);
  }
}

/**
 * The broker's port answers a few seconds before it has registered with the name server; until then
 * topic creation fails with "Make sure the specified clusterName exists". Retry only that.
 */
async function createProbeTopicOnceRegistered(paths: StackPaths, timeoutMs = 120000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await createTopic(PROBE_TOPIC, { fifo: true, queues: 1 });
      return;
    } catch (error) {
      const notRegistered = /clusterName exists|connect to|No route info|timeout/i.test((error as Error).message);
      if (!notRegistered || Date.now() > deadline) {
        throw new Error(`${(error as Error).message} (broker not registered with the name server; see ${paths.logs}/rocketmqlogs/broker.log)`);
      }
      await sleep(2000);
    }
  }
}

export interface RocketMqStartResult {
  alreadyRunning: boolean;
  resolvedJars: boolean;
  services: { name: string; listens: string; alreadyRunning: boolean }[];
}

export async function startRocketMq(paths: StackPaths, log: (line: string) => void): Promise<RocketMqStartResult> {
  const r = paths.rocketmq;
  ensureJavaTooling(log);
  const resolvedJars = resolveRocketMqJars(paths, log);
  const disk = diskUsageProblem(readDiskFigures(r.store));
  if (disk) log(`rocketmq: ${disk}`);
  writeConfigs(paths);
  const java = javaBinary();

  const namesrvWasRunning = namesrvPid(paths) !== undefined;
  if (!namesrvWasRunning) {
    removeFile(r.namesrvPidFile);
    spawnDetached({ command: java, args: namesrvCommand(paths), env: javaEnv(paths), cwd: r.dir, outFile: r.namesrvOut, pidFile: r.namesrvPidFile });
  }
  await waitFor(`rocketmq name server (${STACK_HOST}:${NAMESRV_PORT})`, () => portAnswers(STACK_HOST, NAMESRV_PORT), 60000, `see ${r.namesrvOut} and ${paths.logs}/rocketmqlogs/namesrv.log`);

  const proxyWasRunning = proxyPid(paths) !== undefined;
  if (!proxyWasRunning) {
    removeFile(r.proxyPidFile);
    spawnDetached({ command: java, args: proxyCommand(paths), env: javaEnv(paths), cwd: r.dir, outFile: r.proxyOut, pidFile: r.proxyPidFile });
  }
  const proxyHint = `see ${r.proxyOut} and ${paths.logs}/rocketmqlogs/proxy.log, broker.log`;
  await waitFor(`rocketmq broker (${STACK_HOST}:${BROKER_PORT})`, () => portAnswers(STACK_HOST, BROKER_PORT), 120000, proxyHint);
  await waitFor(`rocketmq proxy gRPC (${STACK_HOST}:${PROXY_GRPC_PORT})`, () => portAnswers(STACK_HOST, PROXY_GRPC_PORT), 120000, proxyHint);

  if (!namesrvWasRunning || !proxyWasRunning) {
    // A fresh start must prove it really works: topic admin, FIFO send and receive via the proxy.
    await createProbeTopicOnceRegistered(paths);
    await createConsumerGroup(PROBE_GROUP, { orderly: true });
    await probeFifoRoundTrip();
  }
  return {
    alreadyRunning: namesrvWasRunning && proxyWasRunning,
    resolvedJars,
    services: [
      { name: 'rocketmq namesrv', listens: `${STACK_HOST}:${NAMESRV_PORT}`, alreadyRunning: namesrvWasRunning },
      {
        name: 'rocketmq proxy',
        listens: `${STACK_HOST}:${PROXY_GRPC_PORT} gRPC (clients), ${STACK_HOST}:${PROXY_REMOTING_PORT} remoting, broker ${STACK_HOST}:${BROKER_PORT}`,
        alreadyRunning: proxyWasRunning,
      },
    ],
  };
}

export async function stopRocketMq(paths: StackPaths): Promise<string[]> {
  const lines: string[] = [];
  // Proxy (with the broker) first so it can unregister from the name server.
  for (const [name, pid, pidFile] of [
    ['rocketmq proxy', proxyPid(paths), paths.rocketmq.proxyPidFile],
    ['rocketmq namesrv', namesrvPid(paths), paths.rocketmq.namesrvPidFile],
  ] as const) {
    if (pid === undefined) {
      lines.push(`${name}: not running`);
    } else {
      const how = await stopProcess(pid, 30000);
      lines.push(`${name}: stopped (pid ${pid}, ${how})`);
    }
    removeFile(pidFile);
  }
  return lines;
}

export async function rocketMqStatus(paths: StackPaths): Promise<ServiceReport[]> {
  const figures = readDiskFigures(paths.rocketmq.store);
  const disk = diskUsageProblem(figures);
  const nsPid = namesrvPid(paths);
  const namesrv: ServiceReport = { name: 'rocketmq namesrv', running: nsPid !== undefined, pid: nsPid, listens: `${STACK_HOST}:${NAMESRV_PORT}`, problems: [] };
  if (nsPid === undefined) namesrv.problems.push('not running (start it with `npm run stack -- up`)');
  else if (!(await portAnswers(STACK_HOST, NAMESRV_PORT))) namesrv.problems.push(`runs (pid ${nsPid}) but port ${NAMESRV_PORT} does not answer; see ${paths.rocketmq.namesrvOut}`);

  const pPid = proxyPid(paths);
  const proxy: ServiceReport = {
    name: 'rocketmq proxy',
    running: pPid !== undefined,
    pid: pPid,
    listens: `${STACK_HOST}:${PROXY_GRPC_PORT} gRPC, broker ${STACK_HOST}:${BROKER_PORT} (RocketMQ ${ROCKETMQ_VERSION})`,
    problems: [],
  };
  if (pPid === undefined) proxy.problems.push('not running (start it with `npm run stack -- up`)');
  else {
    for (const [port, what] of [
      [PROXY_GRPC_PORT, 'proxy gRPC'],
      [PROXY_REMOTING_PORT, 'proxy remoting'],
      [BROKER_PORT, 'broker'],
    ] as const) {
      if (!(await portAnswers(STACK_HOST, port))) proxy.problems.push(`${what} port ${port} does not answer; see ${paths.rocketmq.proxyOut}`);
    }
  }
  if (disk) (diskUsedRatio(figures) >= BROKER_REFUSES_WRITES_RATIO ? proxy.problems : (proxy.warnings = [])).push(disk);
  return [namesrv, proxy];
}
