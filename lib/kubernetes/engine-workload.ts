/**
 * A task's engine on Kubernetes, through @cdktf/provider-kubernetes: `cdktf deploy` creates, per task,
 *
 * - a ConfigMap holding that task's manifest (the pod template carries its digest, so a changed task
 *   rolls the pods);
 * - a StatefulSet of 1 pod (one identity: Kubernetes itself never runs two), or 2 for a hot standby
 *   (the task's lease on the source lets one deliver; runtime/lease);
 * - a PersistentVolumeClaim for the state dir, shared by the pods;
 * - a headless Service for /metrics, /status and the console, with Prometheus scrape annotations.
 *
 * Every password is a reference to the user's Kubernetes Secret (an env var or a mounted key), never a
 * value. Liveness and readiness probes use /livez and /readyz, which the engine serves without a token.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1/index.js';
import { PersistentVolumeClaimV1 } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1/index.js';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1/index.js';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1/index.js';
import {
  statefulSetV1SpecTemplateSpecContainerEnvToTerraform as envToTerraform,
  statefulSetV1SpecTemplateSpecContainerVolumeMountToTerraform as mountToTerraform,
  type StatefulSetV1SpecTemplateSpecContainerEnv,
  type StatefulSetV1SpecTemplateSpecContainerVolumeMount,
} from '@cdktf/provider-kubernetes/lib/stateful-set-v1/index.js';
import type { SecretRef, TaskSpec } from '../../runtime/manifest/types.js';
import { KUBERNETES_INSTANCE_RESOURCES, KUBERNETES_PATHS, KUBERNETES_POD_USER, KUBERNETES_RUNTIME_DEFAULTS, type KubernetesRuntimeProps } from './props.js';

/** The console token's key in the Secret and its environment variable (runtime/console/access.ts). */
export const CONSOLE_TOKEN_KEY = 'DTS_CONSOLE_TOKEN';
const MANIFEST_FILE = 'dts.manifest.json';

/** A DNS-1123 name for the task's objects, at most 40 characters (pod names add a suffix). */
export function kubernetesName(stack: string, task: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  const name = `dts-${clean(stack)}-${clean(task)}`.replace(/-+$/, '');
  if (name.length <= 40) return name;
  const digest = createHash('sha256').update(`${stack}\u0000${task}`).digest('hex').slice(0, 6);
  return `${name.slice(0, 33).replace(/-+$/, '')}-${digest}`;
}

/** The Secret key a file reference is mounted from: the file's name. */
export function secretFileKey(path: string): string {
  return posix.basename(path).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Every secret reference in a task (passwords, keys, CA), once each. */
export function secretRefsOf(task: TaskSpec): SecretRef[] {
  const found = new Map<string, SecretRef>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.fromEnv === 'string' && Object.keys(o).length === 1) found.set(`env:${o.fromEnv}`, { fromEnv: o.fromEnv });
    else if (typeof o.fromFile === 'string' && Object.keys(o).length === 1) found.set(`file:${o.fromFile}`, { fromFile: o.fromFile });
    else Object.values(o).forEach(walk);
  };
  walk(task);
  return [...found.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export interface EngineWorkloadProps {
  readonly stack: string;
  readonly taskName: string;
  readonly runtime: KubernetesRuntimeProps;
  /** The task's single-task manifest (canonical JSON), known once the stack assigned server ids. */
  readonly manifest: () => string;
  /** The task as the engine runs it (for its secret references). */
  readonly task: () => TaskSpec;
}

export class EngineWorkload extends Construct {
  readonly name: string;
  readonly configMap: ConfigMapV1;
  readonly stateVolume: PersistentVolumeClaimV1;
  readonly service: ServiceV1;
  readonly statefulSet: StatefulSetV1;

  constructor(scope: Construct, id: string, props: EngineWorkloadProps) {
    super(scope, id);
    const r = { ...KUBERNETES_RUNTIME_DEFAULTS, ...props.runtime };
    const size = KUBERNETES_INSTANCE_RESOURCES[r.instanceClass];
    const name = (this.name = kubernetesName(props.stack, props.taskName));
    const namespace = r.namespace;
    const labels = {
      'app.kubernetes.io/name': 'cdktf-dts',
      'app.kubernetes.io/component': 'engine',
      'app.kubernetes.io/instance': name,
      'app.kubernetes.io/managed-by': 'cdktf',
    };
    const digest = Lazy.stringValue({ produce: () => createHash('sha256').update(props.manifest()).digest('hex') });

    this.configMap = new ConfigMapV1(this, 'Manifest', {
      metadata: { name: `${name}-manifest`, namespace, labels },
      data: { [MANIFEST_FILE]: Lazy.stringValue({ produce: () => props.manifest() }) },
    });

    this.stateVolume = new PersistentVolumeClaimV1(this, 'State', {
      metadata: { name: `${name}-state`, namespace, labels },
      spec: {
        accessModes: [r.replicas === 2 ? 'ReadWriteMany' : 'ReadWriteOnce'],
        resources: { requests: { storage: r.storageSize } },
        ...(r.storageClassName !== undefined ? { storageClassName: r.storageClassName } : {}),
      },
      // A storage class that binds on first use would keep `deploy` waiting for a pod it has not made yet.
      waitUntilBound: false,
    });

    this.service = new ServiceV1(this, 'Service', {
      metadata: {
        name,
        namespace,
        labels,
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(r.port), 'prometheus.io/path': '/metrics' },
      },
      spec: {
        clusterIp: 'None',
        selector: labels,
        port: [{ name: 'http', port: r.port, targetPort: String(r.port), protocol: 'TCP' }],
      },
    });

    const secretEnv = (): StatefulSetV1SpecTemplateSpecContainerEnv[] =>
      secretRefsOf(props.task())
        .filter((s): s is { fromEnv: string } => 'fromEnv' in s)
        .map((s) => ({ name: s.fromEnv, valueFrom: { secretKeyRef: { name: r.secretName, key: s.fromEnv } } }));
    const fileMounts = (): StatefulSetV1SpecTemplateSpecContainerVolumeMount[] =>
      secretRefsOf(props.task())
        .filter((s): s is { fromFile: string } => 'fromFile' in s)
        .map((s) => ({ name: 'secrets', mountPath: s.fromFile, subPath: secretFileKey(s.fromFile), readOnly: true }));
    const probe = (path: string, periodSeconds: number) => ({
      httpGet: { path, port: String(r.port) },
      periodSeconds,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });

    this.statefulSet = new StatefulSetV1(this, 'Engine', {
      metadata: { name, namespace, labels },
      spec: {
        replicas: String(r.replicas),
        serviceName: name,
        // Both pods of a hot standby start together: the lease, not pod order, picks the owner.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { 'dts.cdktf.io/manifest-sha256': digest } },
          spec: {
            // A graceful stop (SIGTERM) finishes in-flight deliveries and saves the checkpoint.
            terminationGracePeriodSeconds: 60,
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: String(KUBERNETES_POD_USER), runAsGroup: String(KUBERNETES_POD_USER), fsGroup: String(KUBERNETES_POD_USER) },
            container: [{
              name: 'engine',
              image: r.image,
              imagePullPolicy: r.imagePullPolicy,
              args: [
                'run', posix.join(KUBERNETES_PATHS.manifestDir, MANIFEST_FILE), '--task', props.taskName,
                '--state-dir', KUBERNETES_PATHS.stateDir, '--metrics-host', '0.0.0.0', '--metrics-port', String(r.port),
              ],
              port: [{ name: 'http', containerPort: r.port, protocol: 'TCP' }],
              // Lazy (the task's secret references are known once it is complete); a lazy value skips the
              // binding's conversion to Terraform's names, so it is converted here.
              env: Lazy.anyValue({
                produce: () => ([
                  { name: 'DTS_ENGINE_HEAP_MB', value: String(size.heapMb) },
                  { name: CONSOLE_TOKEN_KEY, valueFrom: { secretKeyRef: { name: r.secretName, key: CONSOLE_TOKEN_KEY } } },
                  ...secretEnv(),
                ] as StatefulSetV1SpecTemplateSpecContainerEnv[]).map((e) => envToTerraform(e)),
              }) as unknown as StatefulSetV1SpecTemplateSpecContainerEnv[],
              resources: { requests: { cpu: size.cpu, memory: size.memory }, limits: { memory: size.memory } },
              livenessProbe: { ...probe('/livez', 10), initialDelaySeconds: 10 },
              readinessProbe: probe('/readyz', 5),
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMount: Lazy.anyValue({
                produce: () => ([
                  { name: 'manifest', mountPath: KUBERNETES_PATHS.manifestDir, readOnly: true },
                  { name: 'state', mountPath: KUBERNETES_PATHS.stateDir },
                  { name: 'tmp', mountPath: '/tmp' },
                  ...fileMounts(),
                ] as StatefulSetV1SpecTemplateSpecContainerVolumeMount[]).map((m) => mountToTerraform(m)),
              }) as unknown as StatefulSetV1SpecTemplateSpecContainerVolumeMount[],
            }],
            volume: [
              { name: 'manifest', configMap: { name: this.configMap.metadata.name } },
              { name: 'state', persistentVolumeClaim: { claimName: this.stateVolume.metadata.name } },
              { name: 'tmp', emptyDir: {} },
              { name: 'secrets', secret: { secretName: r.secretName, optional: false } },
            ],
          },
        },
      },
      // The deploy returns once the pods run, not once a full sync of hours is over.
      waitForRollout: false,
    });
  }
}
