/**
 * Keeps runtime/manifest/types.ts and schemas/manifest.schema.json in lock-step: every interface and
 * inline object type must have the same property names and the same required set as its schema,
 * and every string-literal union the same values as the schema's enum. The typed sample in
 * sample.ts (checked by tsc) must validate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { loadManifestSchema, validateManifest } from '../../../runtime/manifest/validate.js';
import { FULL_SAMPLE } from './sample.js';

type Schema = Record<string, unknown>;
const schema = loadManifestSchema() as Schema & { $defs: Record<string, Schema> };
const source = ts.createSourceFile('types.ts', readFileSync(new URL('../../../runtime/manifest/types.ts', import.meta.url), 'utf8'), ts.ScriptTarget.ES2022, true);

const interfaces = new Map<string, ts.InterfaceDeclaration>();
const aliases = new Map<string, ts.TypeAliasDeclaration>();
source.forEachChild((n) => {
  if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
  if (ts.isTypeAliasDeclaration(n)) aliases.set(n.name.text, n);
});

function deref(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return deref(schema.$defs[ref.slice(8)]!);
  return s;
}

const mismatches: string[] = [];

function compareMembers(where: string, members: readonly ts.TypeElement[], s: Schema): void {
  const props = new Map<string, ts.PropertySignature>();
  for (const m of members) if (ts.isPropertySignature(m) && ts.isIdentifier(m.name)) props.set(m.name.text, m);
  const schemaProps = (s.properties ?? {}) as Record<string, Schema>;
  const tsNames = [...props.keys()].sort();
  const schemaNames = Object.keys(schemaProps).sort();
  if (JSON.stringify(tsNames) !== JSON.stringify(schemaNames)) mismatches.push(`${where}: properties ts=${tsNames} schema=${schemaNames}`);
  const tsRequired = [...props.values()].filter((p) => !p.questionToken).map((p) => (p.name as ts.Identifier).text).sort();
  const schemaRequired = [...((s.required ?? []) as string[])].sort();
  if (JSON.stringify(tsRequired) !== JSON.stringify(schemaRequired)) mismatches.push(`${where}: required ts=${tsRequired} schema=${schemaRequired}`);
  for (const [name, p] of props) if (p.type && schemaProps[name]) compareType(`${where}.${name}`, p.type, schemaProps[name]!);
}

function literalValues(t: ts.TypeNode): (string | number)[] | undefined {
  const parts = ts.isUnionTypeNode(t) ? t.types : [t];
  const out: (string | number)[] = [];
  for (const p of parts) {
    if (!ts.isLiteralTypeNode(p)) return undefined;
    if (ts.isStringLiteral(p.literal)) out.push(p.literal.text);
    else if (ts.isNumericLiteral(p.literal)) out.push(Number(p.literal.text));
    else return undefined;
  }
  return out;
}

const visited = new Set<string>();

function compareType(where: string, t: ts.TypeNode, raw: Schema): void {
  const s = deref(raw);
  if (ts.isTypeOperatorNode(t)) return compareType(where, t.type, raw);
  if (ts.isParenthesizedTypeNode(t)) return compareType(where, t.type, raw);
  if (ts.isArrayTypeNode(t)) return compareType(`${where}[]`, t.elementType, (s.items ?? {}) as Schema);
  if (ts.isTypeLiteralNode(t)) return compareMembers(where, t.members, s);
  // `boolean | TlsSpec` and the like: each named member against its oneOf branch.
  if (ts.isUnionTypeNode(t) && Array.isArray(s.oneOf)) {
    for (const member of t.types) {
      if (!ts.isTypeReferenceNode(member) || !ts.isIdentifier(member.typeName)) continue;
      const name = member.typeName.text;
      const branch = (s.oneOf as Schema[]).find((b) => b.$ref === `#/$defs/${name}`);
      if (!branch) mismatches.push(`${where}: no oneOf branch $ref #/$defs/${name}`);
      else compareType(where, member, branch);
    }
    return;
  }
  const literals = literalValues(t);
  if (literals) {
    const allowed = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
    if (JSON.stringify([...literals].sort()) !== JSON.stringify([...((allowed ?? []) as (string | number)[])].sort())) {
      mismatches.push(`${where}: values ts=${literals} schema=${JSON.stringify(allowed)}`);
    }
    return;
  }
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
    const name = t.typeName.text;
    if (name === 'Readonly' || name === 'ReadonlyArray') return; // Record<...> maps: checked by the sample
    const iface = interfaces.get(name);
    if (iface) {
      if (typeof raw.$ref !== 'string' || raw.$ref !== `#/$defs/${name}`) mismatches.push(`${where}: schema should $ref #/$defs/${name}`);
      if (!visited.has(name)) {
        visited.add(name);
        compareMembers(name, iface.members, s);
      }
      return;
    }
    const alias = aliases.get(name);
    if (alias) return compareType(where, alias.type, raw);
  }
}

describe('types.ts <-> manifest.schema.json', () => {
  it('have the same properties, required keys and enums everywhere', () => {
    compareMembers('Manifest', interfaces.get('Manifest')!.members, schema.$defs.Manifest!);
    // Types reached only through unions (destination) are compared directly.
    for (const name of ['MySqlEndpointSpec', 'RocketMqEndpointSpec']) {
      visited.add(name);
      compareMembers(name, interfaces.get(name)!.members, schema.$defs[name]!);
    }
    expect(mismatches).toEqual([]);
    // Every interface of types.ts was reached, so none escaped the comparison.
    expect([...interfaces.keys()].filter((n) => n !== 'Manifest' && !visited.has(n))).toEqual([]);
  });

  it('the destination union matches the schema branches', () => {
    const task = interfaces.get('TaskSpec')!;
    const dest = task.members.find((m) => m.name && (m.name as ts.Identifier).text === 'destination') as ts.PropertySignature;
    expect(dest.type!.getText(source)).toBe('MySqlEndpointSpec | RocketMqEndpointSpec');
    const d = (schema.$defs.TaskSpec!.properties as Record<string, Schema>).destination!;
    expect([(d.then as Schema).$ref, (d.else as Schema).$ref].sort()).toEqual(['#/$defs/MySqlEndpointSpec', '#/$defs/RocketMqEndpointSpec']);
  });

  it('the typed sample (every field of types.ts) validates against the schema', () => {
    expect(validateManifest(FULL_SAMPLE)).toEqual({ ok: true, manifest: FULL_SAMPLE });
  });

  it('detects drift: a schema without a required key of types.ts is reported', () => {
    const before = mismatches.length;
    compareMembers('Probe', interfaces.get('AlertingSpec')!.members, { properties: { onFailure: {} }, required: [] });
    expect(mismatches.slice(before).join('\n')).toMatch(/Probe: properties .*latencySeconds/);
    expect(mismatches.slice(before).join('\n')).toMatch(/Probe: required ts=onFailure schema=/);
    mismatches.length = before;
  });
});
