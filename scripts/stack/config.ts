// Fixed addresses, accounts and paths of the local service stack. Everything binds to loopback on
// non-standard ports so a system MariaDB on 3306 (or anything else) is never touched.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything the stack writes (data, logs, pid files, secrets) lives here; `.dts/` is git-ignored. */
export const STACK_DIR = join(REPO_ROOT, '.dts', 'stack');

export const STACK_HOST = '127.0.0.1';
export const SOURCE_PORT = 23306;
export const DESTINATION_PORT = 23307;
export const NAMESRV_PORT = 29876;
export const BROKER_PORT = 30911;
export const PROXY_GRPC_PORT = 28081;
export const PROXY_REMOTING_PORT = 28080;

/** Where the Node RocketMQ client connects: the proxy's gRPC port, never the name server. */
export const ROCKETMQ_ENDPOINT = `${STACK_HOST}:${PROXY_GRPC_PORT}`;
export const NAMESRV_ADDR = `${STACK_HOST}:${NAMESRV_PORT}`;
/** Where the engine sends batches over the remoting protocol: the name server (the local proxy runs in local mode, which relays no remoting sends). */
export const ROCKETMQ_REMOTING_ENDPOINT = NAMESRV_ADDR;
export const ROCKETMQ_CLUSTER = 'DefaultCluster';
export const ROCKETMQ_BROKER_NAME = 'broker-a';
export const ROCKETMQ_VERSION = '5.3.3';

/** Accounts the stack creates. Passwords are random per checkout, see readStackSecret(). */
export const ADMIN_USER = 'admin';
export const DTS_USER = 'dts';
export const DTS_WRITER_USER = 'dts_writer';
export type StackAccount = typeof ADMIN_USER | typeof DTS_USER | typeof DTS_WRITER_USER;
export const STACK_ACCOUNTS: readonly StackAccount[] = [ADMIN_USER, DTS_USER, DTS_WRITER_USER];

/** The exact privileges the product documents require of the source account. */
export const DTS_SOURCE_PRIVILEGES = ['REPLICATION CLIENT', 'REPLICATION SLAVE', 'SHOW VIEW', 'SELECT'] as const;

export type MariaDbRole = 'source' | 'destination';

export interface MariaDbInstanceSpec {
  role: MariaDbRole;
  port: number;
  serverId: number;
  logSlaveUpdates: boolean;
  /** Accounts created on this instance (admin always). */
  accounts: readonly StackAccount[];
}

export const MARIADB_INSTANCES: readonly MariaDbInstanceSpec[] = [
  { role: 'source', port: SOURCE_PORT, serverId: 1, logSlaveUpdates: false, accounts: [ADMIN_USER, DTS_USER] },
  // dts exists on the destination too, so a cascade A -> B -> C can read B's binlog with the same account.
  {
    role: 'destination',
    port: DESTINATION_PORT,
    serverId: 2,
    logSlaveUpdates: true,
    accounts: [ADMIN_USER, DTS_USER, DTS_WRITER_USER],
  },
];

export interface StackPaths {
  root: string;
  secrets: string;
  logs: string;
  run: string;
  mariadb(role: MariaDbRole): MariaDbPaths;
  rocketmq: RocketMqPaths;
}

export interface MariaDbPaths {
  dir: string;
  data: string;
  config: string;
  socket: string;
  pidFile: string;
  errorLog: string;
  stdoutLog: string;
  binlogBase: string;
}

export interface RocketMqPaths {
  dir: string;
  lib: string;
  libMarker: string;
  home: string;
  store: string;
  namesrvStore: string;
  namesrvConfig: string;
  brokerConfig: string;
  proxyConfig: string;
  namesrvPidFile: string;
  proxyPidFile: string;
  namesrvOut: string;
  proxyOut: string;
  pom: string;
}

export function stackPaths(root: string = STACK_DIR): StackPaths {
  const logs = join(root, 'logs');
  const run = join(root, 'run');
  const rmq = join(root, 'rocketmq');
  return {
    root,
    secrets: join(root, 'secrets'),
    logs,
    run,
    mariadb(role: MariaDbRole): MariaDbPaths {
      const dir = join(root, `mariadb-${role}`);
      return {
        dir,
        data: join(dir, 'data'),
        config: join(dir, 'my.cnf'),
        socket: join(run, `mariadb-${role}.sock`),
        pidFile: join(run, `mariadb-${role}.pid`),
        errorLog: join(logs, `mariadb-${role}.err`),
        stdoutLog: join(logs, `mariadb-${role}.out`),
        binlogBase: join(dir, 'binlog', 'mariadb-bin'),
      };
    },
    rocketmq: {
      dir: rmq,
      lib: join(rmq, 'lib'),
      libMarker: join(rmq, 'lib', `.resolved-${ROCKETMQ_VERSION}`),
      home: join(rmq, 'home'),
      store: join(rmq, 'store'),
      namesrvStore: join(rmq, 'namesrv'),
      namesrvConfig: join(rmq, 'namesrv.conf'),
      brokerConfig: join(rmq, 'broker.conf'),
      proxyConfig: join(rmq, 'rmq-proxy.json'),
      namesrvPidFile: join(run, 'rocketmq-namesrv.pid'),
      proxyPidFile: join(run, 'rocketmq-proxy.pid'),
      namesrvOut: join(logs, 'rocketmq-namesrv.out'),
      proxyOut: join(logs, 'rocketmq-proxy.out'),
      pom: join(REPO_ROOT, 'scripts', 'stack', 'rocketmq', 'pom.xml'),
    },
  };
}
