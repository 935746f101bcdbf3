// A second RocketMQ proxy, in cluster mode, started on demand (tests only): the stack's own proxy runs
// in local mode, which relays no remoting sends; a cluster-mode proxy is what ApsaraMQ 5.x and most
// 5.x deployments put in front of the brokers, and it relays remoting producers' batches.
// Ports 28180 (remoting) and 28181 (gRPC); logs and pid under .dts/stack/cluster-proxy/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESRV_ADDR, ROCKETMQ_CLUSTER, STACK_HOST, stackPaths } from './config.js';
import { javaBinary } from './java.js';
import { portAnswers, spawnDetached, stopProcess, waitFor } from './processes.js';
import { renderJvmArgs } from './rocketmq-config.js';

export const CLUSTER_PROXY_REMOTING_PORT = 28180;
export const CLUSTER_PROXY_GRPC_PORT = 28181;

export interface ClusterProxy {
  /** host:port of its remoting listener (what a remoting producer is pointed at). */
  readonly remoting: string;
  stop(): Promise<void>;
}

export async function startClusterProxy(): Promise<ClusterProxy> {
  const paths = stackPaths();
  const dir = join(paths.root, 'cluster-proxy');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'proxy.json');
  writeFileSync(
    config,
    `${JSON.stringify(
      {
        rocketMQClusterName: ROCKETMQ_CLUSTER,
        namesrvAddr: NAMESRV_ADDR,
        proxyMode: 'cluster',
        grpcServerPort: CLUSTER_PROXY_GRPC_PORT,
        remotingListenPort: CLUSTER_PROXY_REMOTING_PORT,
        // The address routes name for this proxy (default: the machine's first interface).
        remotingAccessAddr: STACK_HOST,
      },
      null,
      2,
    )}\n`,
  );
  const jvm = renderJvmArgs('proxy', paths).map((a) => (a.startsWith('-Duser.home=') ? `-Duser.home=${dir}` : a.replace(/^-Xm([sx])512m$/, '-Xm$1256m')));
  const pid = spawnDetached({
    command: javaBinary(),
    args: [...jvm, 'org.apache.rocketmq.proxy.ProxyStartup', '-pm', 'cluster', '-pc', config, '-n', NAMESRV_ADDR],
    env: { ...process.env, ROCKETMQ_HOME: paths.rocketmq.home },
    cwd: dir,
    outFile: join(dir, 'proxy.out'),
  });
  const stop = async () => void (await stopProcess(pid, 10_000));
  try {
    await waitFor(`cluster-mode proxy remoting (${STACK_HOST}:${CLUSTER_PROXY_REMOTING_PORT})`, () => portAnswers(STACK_HOST, CLUSTER_PROXY_REMOTING_PORT), 90_000, `see ${dir}/proxy.out and ${dir}/logs/rocketmqlogs/proxy.log`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { remoting: `${STACK_HOST}:${CLUSTER_PROXY_REMOTING_PORT}`, stop };
}
