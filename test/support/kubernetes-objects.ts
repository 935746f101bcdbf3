// Turns the kubernetes_* resources of a synthesized cdk.tf.json into the Kubernetes API objects the
// provider would send, and checks them against the Kubernetes API's OpenAPI schema, as shipped offline
// by the `kubernetes-models` package:
//  - its validators (generated from the OpenAPI schema: types, formats, enums, required fields);
//  - its TypeScript types, through tsc's excess-property check, which the validators lack: a field
//    the API does not have (a misspelt or wrongly converted name) fails the check.
// The conversion is the provider's naming: snake_case -> camelCase, a block given as a one-element
// list or object -> an object, singular block names -> the API's plural list names, string numbers of
// integer fields -> numbers. Maps (labels, annotations, data, resource quantities) keep their keys.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: Record<string, unknown>;
  readonly [field: string]: unknown;
}

const KINDS: Record<string, { apiVersion: string; kind: string; model: string; validate: (o: KubernetesObject) => void }> = {
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap', model: 'kubernetes-models/v1/ConfigMap', validate: (o) => new ConfigMap(o as never).validate() },
  kubernetes_persistent_volume_claim_v1: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', model: 'kubernetes-models/v1/PersistentVolumeClaim', validate: (o) => new PersistentVolumeClaim(o as never).validate() },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service', model: 'kubernetes-models/v1/Service', validate: (o) => new Service(o as never).validate() },
  kubernetes_stateful_set_v1: { apiVersion: 'apps/v1', kind: 'StatefulSet', model: 'kubernetes-models/apps/v1/StatefulSet', validate: (o) => new StatefulSet(o as never).validate() },
};

/** Terraform-only arguments of these resources (not part of the object). */
const TERRAFORM_ONLY = new Set(['//', 'wait_for_rollout', 'wait_until_bound', 'timeouts', 'depends_on', 'provider', 'count', 'for_each']);
/** Terraform block names that the API spells as a plural list. */
const PLURAL: Record<string, string> = {
  container: 'containers', init_container: 'initContainers', port: 'ports', volume: 'volumes', volume_mount: 'volumeMounts',
  toleration: 'tolerations', volume_claim_template: 'volumeClaimTemplates', item: 'items', readiness_gate: 'readinessGates',
  topology_spread_constraint: 'topologySpreadConstraints', host_aliases: 'hostAliases', image_pull_secrets: 'imagePullSecrets',
};
/** Irregular camel cases of the API. */
const SPELLING: Record<string, string> = { cluster_ip: 'clusterIP', cluster_ips: 'clusterIPs', external_ips: 'externalIPs', load_balancer_ip: 'loadBalancerIP', pod_ip: 'podIP' };
/** Maps whose keys are data, not field names. */
const MAPS = new Set(['labels', 'annotations', 'data', 'binary_data', 'match_labels', 'requests', 'limits', 'node_selector']);
/** Integer fields the provider takes as strings (int32 / IntOrString holding a number). */
const NUMERIC_STRINGS = new Set(['replicas', 'run_as_user', 'run_as_group', 'fs_group', 'port', 'target_port']);

const camel = (key: string, value: unknown): string =>
  (Array.isArray(value) ? PLURAL[key] : undefined) ?? SPELLING[key] ?? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Fields the API holds as a list although the provider also writes them as one block. */
const LISTS = new Set(Object.keys(PLURAL).concat(['env', 'args', 'command', 'access_modes', 'drop', 'add']));

const isStringMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

function convert(key: string, value: unknown): unknown {
  // A Service's selector is a label map; a StatefulSet's is a block (match_labels).
  if (MAPS.has(key) || (key === 'selector' && isStringMap(value))) return value;
  if (NUMERIC_STRINGS.has(key) && typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  if (Array.isArray(value)) {
    if (LISTS.has(key)) return value.map((v) => convertObject(v));
    if (value.length !== 1) throw new Error(`${key}: a block list of ${value.length} where the API has one object`);
    return convertObject(value[0]);
  }
  if (value !== null && typeof value === 'object') return convertObject(value);
  return value;
}

function convertObject(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (TERRAFORM_ONLY.has(k)) continue;
    out[camel(k, v)] = convert(k, v);
  }
  return out;
}

/** Every kubernetes_* resource of a cdk.tf.json as an API object (unknown resource types throw). */
export function kubernetesObjects(cdkTfJson: { resource?: Record<string, Record<string, Record<string, unknown>>> }): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  for (const [type, resources] of Object.entries(cdkTfJson.resource ?? {})) {
    if (!type.startsWith('kubernetes_')) continue;
    const kind = KINDS[type];
    if (!kind) throw new Error(`no API mapping for ${type}: add it to test/support/kubernetes-objects.ts`);
    for (const config of Object.values(resources)) {
      const body = convertObject(config) as Record<string, unknown>;
      out.push({ apiVersion: kind.apiVersion, kind: kind.kind, ...body } as KubernetesObject);
    }
  }
  return out;
}

/** The validator errors of each object (empty when it is valid). */
export function validateObjects(objects: readonly KubernetesObject[]): string[] {
  const errors: string[] = [];
  for (const o of objects) {
    const kind = Object.values(KINDS).find((k) => k.kind === o.kind)!;
    try {
      kind.validate(o);
    } catch (e) {
      errors.push(`${o.kind} ${String(o.metadata.name)}: ${(e as Error).message}`);
    }
  }
  return errors;
}

/**
 * tsc's verdict on the objects typed as the API's types: each is written as an object literal
 * assigned to its kubernetes-models interface, so a field the API does not have is an error.
 */
export function typeCheckObjects(objects: readonly KubernetesObject[], scratchRoot: string): string[] {
  mkdirSync(scratchRoot, { recursive: true });
  const dir = mkdtempSync(join(scratchRoot, 'k8s-typecheck-'));
  try {
    const lines = objects.map((o, i) => {
      const kind = Object.values(KINDS).find((k) => k.kind === o.kind)!;
      return `import type { I${o.kind} as T${i} } from '${kind.model}';\nexport const o${i}: T${i} = ${JSON.stringify(o, null, 2)};`;
    });
    const file = join(dir, 'objects.ts');
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
