/**
 * What `SyncRuntime.kubernetes(...)` takes, its defaults (stated once, here) and the pod size of each
 * DTS-style instance class.
 */
import type { InstanceClass } from '../../runtime/manifest/types.js';

export interface KubernetesRuntimeProps {
  /** Namespace the task's engine runs in; it must exist. A DNS label: a-z, 0-9 and '-', at most 63 characters. */
  readonly namespace: string;
  /**
   * The engine image, built from the repository's `Dockerfile` and pushed where the cluster pulls
   * from, e.g. `registry.example.com/data/cdktf-dts:0.1.0`.
   */
  readonly image: string;
  /**
   * The Kubernetes Secret (in `namespace`, made by you, never by synth) that holds every secret the
   * task references: key `X` for `Secret.fromEnv('X')`, key `<file name>` for
   * `Secret.fromFile('/absolute/path/<file name>')` (mounted at that path), and `DTS_CONSOLE_TOKEN`
   * (at least 16 characters: the engine listens beyond loopback in its pod). Only names and keys are
   * synthesized, never values.
   */
  readonly secretName: string;
  /** Pod size (see KUBERNETES_INSTANCE_RESOURCES). @default 'medium' */
  readonly instanceClass?: InstanceClass;
  /**
   * 1, or 2 for a hot standby: both pods start, the task's lease on the source picks the one that
   * delivers, and the other takes over within seconds when it dies. The state volume is shared by
   * both pods, so with 2 its storage class must offer ReadWriteMany.
   * @default 1
   */
  readonly replicas?: 1 | 2;
  /** Storage class of the state volume. @default - the cluster's default storage class */
  readonly storageClassName?: string;
  /** Size of the state volume (checkpoint, status; a few kB per task). @default '1Gi' */
  readonly storageSize?: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Port of /metrics, /status, the console and the probes (1024-65535). @default 9464 */
  readonly port?: number;
}

export const KUBERNETES_RUNTIME_DEFAULTS = {
  instanceClass: 'medium',
  replicas: 1,
  storageSize: '1Gi',
  imagePullPolicy: 'IfNotPresent',
  port: 9464,
} as const satisfies Partial<KubernetesRuntimeProps>;

/**
 * CPU and memory of the engine pod per instance class (requests; memory is also the limit), and the
 * engine's heap (DTS_ENGINE_HEAP_MB). DTS's own classes are sized by incremental RPS (micro < 200 ...
 * 4xlarge 68,000); one engine core carries about 30,000 OLTP rows/s to RocketMQ (README, figures), so
 * the classes up to large need at most one core.
 */
export const KUBERNETES_INSTANCE_RESOURCES: Readonly<Record<InstanceClass, { readonly cpu: string; readonly memory: string; readonly heapMb: number }>> = {
  micro: { cpu: '250m', memory: '384Mi', heapMb: 128 },
  small: { cpu: '500m', memory: '512Mi', heapMb: 128 },
  medium: { cpu: '1', memory: '768Mi', heapMb: 192 },
  large: { cpu: '1', memory: '1Gi', heapMb: 256 },
  xlarge: { cpu: '2', memory: '1536Mi', heapMb: 384 },
  '2xlarge': { cpu: '2', memory: '2Gi', heapMb: 512 },
  '4xlarge': { cpu: '4', memory: '3Gi', heapMb: 768 },
};

/** Where the pod holds what, and who runs it: the image's user (Dockerfile), which owns the state dir. */
export const KUBERNETES_PATHS = {
  manifestDir: '/etc/dts',
  stateDir: '/var/lib/dts',
} as const;
export const KUBERNETES_POD_USER = 10001;

/** Synth-time problems of the props (errors name the prop and the fix). */
export function kubernetesProblems(p: KubernetesRuntimeProps): string[] {
  const errors: string[] = [];
  const label = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
  if (!label.test(p.namespace)) errors.push(`SyncRuntime.kubernetes: namespace "${p.namespace}" is not a DNS label; use a-z, 0-9 and '-', at most 63 characters`);
  if (p.image.trim() === '' || /\s/.test(p.image)) errors.push(`SyncRuntime.kubernetes: image "${p.image}" is not an image reference; give the pushed engine image, e.g. registry.example.com/cdktf-dts:0.1.0`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(p.secretName)) errors.push(`SyncRuntime.kubernetes: secretName "${p.secretName}" is not a Kubernetes object name; use a-z, 0-9, '-' and '.'`);
  if (p.replicas !== undefined && p.replicas !== 1 && p.replicas !== 2) errors.push(`SyncRuntime.kubernetes: replicas ${String(p.replicas)} must be 1, or 2 for a hot standby`);
  if (p.instanceClass !== undefined && !(p.instanceClass in KUBERNETES_INSTANCE_RESOURCES)) {
    errors.push(`SyncRuntime.kubernetes: instance class "${p.instanceClass}" is unknown; use one of ${Object.keys(KUBERNETES_INSTANCE_RESOURCES).join(', ')}`);
  }
  if (p.port !== undefined && (!Number.isInteger(p.port) || p.port < 1024 || p.port > 65535)) errors.push(`SyncRuntime.kubernetes: port ${p.port} must be a whole number in 1024-65535`);
  if (p.storageSize !== undefined && !/^[0-9]+(Ki|Mi|Gi|Ti)$/.test(p.storageSize)) errors.push(`SyncRuntime.kubernetes: storageSize "${p.storageSize}" is not a quantity like 1Gi`);
  return errors;
}
