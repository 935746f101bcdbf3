// Pure rendering of the RocketMQ name server, broker and proxy configuration and JVM arguments.
import {
  BROKER_PORT,
  NAMESRV_ADDR,
  NAMESRV_PORT,
  PROXY_GRPC_PORT,
  PROXY_REMOTING_PORT,
  ROCKETMQ_BROKER_NAME,
  ROCKETMQ_CLUSTER,
  STACK_HOST,
  type StackPaths,
} from './config.js';

/** Commit log files are preallocated and mmapped: 64 MiB instead of the default 1 GiB. */
export const COMMITLOG_FILE_BYTES = 64 * 1024 * 1024;
/** Consume queue entries are 20 bytes; 60,000 entries per file instead of 300,000. */
export const CONSUME_QUEUE_FILE_BYTES = 60_000 * 20;

function properties(entries: Record<string, string | number | boolean>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')
    .concat('\n');
}

export function renderNamesrvConfig(paths: StackPaths): string {
  return properties({
    listenPort: NAMESRV_PORT,
    // NettyServerConfig.bindAddress keeps the name server on loopback.
    bindAddress: STACK_HOST,
    rocketmqHome: paths.rocketmq.home,
    kvConfigPath: `${paths.rocketmq.namesrvStore}/kvConfig.json`,
    configStorePath: `${paths.rocketmq.namesrvStore}/namesrv.properties`,
  });
}

export function renderBrokerConfig(paths: StackPaths): string {
  const store = paths.rocketmq.store;
  return properties({
    brokerClusterName: ROCKETMQ_CLUSTER,
    brokerName: ROCKETMQ_BROKER_NAME,
    brokerId: 0,
    brokerRole: 'ASYNC_MASTER',
    flushDiskType: 'ASYNC_FLUSH',
    brokerIP1: STACK_HOST,
    bindAddress: STACK_HOST,
    namesrvAddr: NAMESRV_ADDR,
    listenPort: BROKER_PORT,
    rocketmqHome: paths.rocketmq.home,
    storePathRootDir: store,
    storePathCommitLog: `${store}/commitlog`,
    mappedFileSizeCommitLog: COMMITLOG_FILE_BYTES,
    mappedFileSizeConsumeQueue: CONSUME_QUEUE_FILE_BYTES,
    mappedFileSizeTimerLog: 16 * 1024 * 1024,
    maxIndexNum: 400_000,
    maxHashSlotNum: 100_000,
    // Like the cloud service: topics exist only when declared (FIFO needs an attribute anyway).
    autoCreateTopicEnable: false,
    autoCreateSubscriptionGroup: true,
    traceTopicEnable: false,
    // Keep files 48 h; the broker still refuses writes above 90% disk use (diskSpaceWarningLevelRatio).
    fileReservedTime: 48,
    deleteWhen: '04',
  });
}

export function renderProxyConfig(): string {
  return `${JSON.stringify(
    {
      rocketMQClusterName: ROCKETMQ_CLUSTER,
      namesrvAddr: NAMESRV_ADDR,
      proxyMode: 'local',
      grpcServerPort: PROXY_GRPC_PORT,
      remotingListenPort: PROXY_REMOTING_PORT,
    },
    null,
    2,
  )}\n`;
}

/** What Java 17 needs opened for RocketMQ's direct buffers and reflection (netty, mmap cleaning). */
export const JAVA17_MODULE_FLAGS: readonly string[] = [
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED',
];

export type RocketMqProcess = 'namesrv' | 'proxy' | 'mqadmin';

const HEAP: Record<RocketMqProcess, string> = { namesrv: '256m', proxy: '512m', mqadmin: '128m' };

/**
 * JVM arguments up to (not including) the main class. user.home points into the stack directory
 * because RocketMQ's bundled logback files write to ${user.home}/logs/rocketmqlogs.
 */
export function renderJvmArgs(kind: RocketMqProcess, paths: StackPaths): string[] {
  const heap = HEAP[kind];
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...(kind === 'mqadmin' ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : ['-server', '-XX:+UseG1GC', '-XX:MaxDirectMemorySize=256m']),
    '-XX:-OmitStackTraceInFastThrow',
    ...JAVA17_MODULE_FLAGS,
    `-Duser.home=${paths.root}`,
    `-Drocketmq.home.dir=${paths.rocketmq.home}`,
    '-Dio.netty.tryReflectionSetAccessible=true',
    `-Drocketmq.client.logRoot=${paths.logs}/rocketmqlogs`,
    '-cp',
    `${paths.rocketmq.lib}/*`,
  ];
  return args;
}

export function namesrvCommand(paths: StackPaths): string[] {
  return [...renderJvmArgs('namesrv', paths), 'org.apache.rocketmq.namesrv.NamesrvStartup', '-c', paths.rocketmq.namesrvConfig];
}

export function proxyCommand(paths: StackPaths): string[] {
  return [
    ...renderJvmArgs('proxy', paths),
    'org.apache.rocketmq.proxy.ProxyStartup',
    '-pm',
    'local',
    '-bc',
    paths.rocketmq.brokerConfig,
    '-pc',
    paths.rocketmq.proxyConfig,
    '-n',
    NAMESRV_ADDR,
  ];
}

export function mqadminCommand(paths: StackPaths, subcommand: readonly string[]): string[] {
  return [...renderJvmArgs('mqadmin', paths), 'org.apache.rocketmq.tools.command.MQAdminStartup', ...subcommand];
}
