import { describe, expect, it } from '@jest/globals';
import { stackPaths } from '../../../scripts/stack/config.js';
import {
  COMMITLOG_FILE_BYTES,
  namesrvCommand,
  proxyCommand,
  renderBrokerConfig,
  renderNamesrvConfig,
  renderProxyConfig,
} from '../../../scripts/stack/rocketmq-config.js';

const paths = stackPaths('/tmp/stack-under-test');

function properties(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as [string, string];
      }),
  );
}

describe('broker.conf', () => {
  const conf = properties(renderBrokerConfig(paths));

  it('registers the broker on loopback with the stack ports and name server', () => {
    expect(conf.get('brokerIP1')).toBe('127.0.0.1');
    expect(conf.get('bindAddress')).toBe('127.0.0.1');
    expect(conf.get('listenPort')).toBe('30911');
    expect(conf.get('namesrvAddr')).toBe('127.0.0.1:29876');
    expect(conf.get('brokerClusterName')).toBe('DefaultCluster');
  });

  it('keeps the store small and inside the stack directory', () => {
    expect(conf.get('storePathRootDir')).toBe('/tmp/stack-under-test/rocketmq/store');
    expect(conf.get('storePathCommitLog')).toBe('/tmp/stack-under-test/rocketmq/store/commitlog');
    expect(Number(conf.get('mappedFileSizeCommitLog'))).toBe(64 * 1024 * 1024);
    expect(COMMITLOG_FILE_BYTES).toBe(67108864);
    const cq = Number(conf.get('mappedFileSizeConsumeQueue'));
    expect(cq % 20).toBe(0); // whole 20-byte consume queue entries
    expect(cq).toBeLessThan(300000 * 20);
  });

  it('never creates topics implicitly', () => {
    expect(conf.get('autoCreateTopicEnable')).toBe('false');
  });
});

describe('name server and proxy configuration', () => {
  it('name server listens on 29876, loopback, state under the stack directory', () => {
    const conf = properties(renderNamesrvConfig(paths));
    expect(conf.get('listenPort')).toBe('29876');
    expect(conf.get('bindAddress')).toBe('127.0.0.1');
    expect(conf.get('kvConfigPath')).toBe('/tmp/stack-under-test/rocketmq/namesrv/kvConfig.json');
  });

  it('proxy runs in local mode with gRPC 28081 and remoting 28080', () => {
    expect(JSON.parse(renderProxyConfig())).toEqual({
      rocketMQClusterName: 'DefaultCluster',
      namesrvAddr: '127.0.0.1:29876',
      proxyMode: 'local',
      grpcServerPort: 28081,
      remotingListenPort: 28080,
    });
  });

  it('JVM commands set small heaps, RocketMQ home, user.home for logs and the Java 17 opens', () => {
    const proxy = proxyCommand(paths);
    expect(proxy).toEqual(expect.arrayContaining(['-Xms512m', '-Xmx512m', '-Duser.home=/tmp/stack-under-test']));
    expect(proxy).toContain('-Drocketmq.home.dir=/tmp/stack-under-test/rocketmq/home');
    expect(proxy).toContain('--add-opens=java.base/java.nio=ALL-UNNAMED');
    expect(proxy).toContain('--add-exports=java.base/sun.nio.ch=ALL-UNNAMED');
    const main = proxy.indexOf('org.apache.rocketmq.proxy.ProxyStartup');
    expect(proxy.slice(main + 1)).toEqual([
      '-pm', 'local',
      '-bc', '/tmp/stack-under-test/rocketmq/broker.conf',
      '-pc', '/tmp/stack-under-test/rocketmq/rmq-proxy.json',
      '-n', '127.0.0.1:29876',
    ]);
    const namesrv = namesrvCommand(paths);
    expect(namesrv).toContain('-Xmx256m');
    expect(namesrv.slice(-3)).toEqual(['org.apache.rocketmq.namesrv.NamesrvStartup', '-c', '/tmp/stack-under-test/rocketmq/namesrv.conf']);
  });
});
