/**
 * Both example stacks with their engine tasks on Kubernetes: `cdktf deploy` creates the RocketMQ
 * topics and groups AND starts the engines (README, "Running on Kubernetes"). Point the endpoints of
 * the stacks at addresses the cluster reaches, build and push the image (`Dockerfile`), create the
 * namespace and the Secret `dts-secrets`, then: cd examples/kubernetes && cdktf deploy '*'.
 */
import { App } from 'cdktf';
import { SyncRuntime } from '../../lib/index.js';
import { ShopReplicaStack } from '../mysql-to-mysql/stack.js';
import { ShopToRocketMqStack } from '../mysql-to-rocketmq/stack.js';

/** The engine's placement, shared by both stacks. */
export const KUBERNETES_EXAMPLE = {
  namespace: 'data-sync',
  image: 'registry.example.com/data/cdktf-dts:0.1.0',
  secretName: 'dts-secrets',
  instanceClass: 'medium',
  replicas: 2,
  storageClassName: 'nfs-rwx',
} as const;

const app = new App();
new ShopToRocketMqStack(app, 'shop-to-rocketmq', { runtime: SyncRuntime.kubernetes(KUBERNETES_EXAMPLE) });
new ShopReplicaStack(app, 'shop-replica', { runtime: SyncRuntime.kubernetes(KUBERNETES_EXAMPLE) });
app.synth();
