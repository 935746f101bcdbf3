import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OUTPUT_DIR, PROVIDER_VERSION, generate, loadSchema } from '../../../scripts/codegen/alicloud/generate.js';
import type { ProvidersSchemaJson, SchemaBlock } from '../../../scripts/codegen/alicloud/schema-types.js';

function committedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? committedFiles(path) : [relative(OUTPUT_DIR, path)];
  });
}

function schemaWith(resources: Record<string, SchemaBlock>): ProvidersSchemaJson {
  return {
    format_version: '1.0',
    provider_schemas: {
      'registry.terraform.io/aliyun/alicloud': {
        provider: { version: 0, block: { attributes: { region: { type: 'string', optional: true } } } },
        resource_schemas: Object.fromEntries(Object.entries(resources).map(([k, block]) => [k, { version: 0, block }])),
      },
    },
  };
}

describe('alicloud codegen', () => {
  const schema = loadSchema();
  const generated = generate(schema);

  it('reproduces every committed file of lib/providers/alicloud byte for byte (run the generator after editing schema.json)', () => {
    expect(existsSync(OUTPUT_DIR)).toBe(true);
    expect(committedFiles(OUTPUT_DIR).sort()).toEqual([...generated.keys()].sort());
    for (const [path, content] of generated) {
      const committed = readFileSync(join(OUTPUT_DIR, path), 'utf8');
      if (committed !== content) throw new Error(`lib/providers/alicloud/${path} differs from the generator output: run npx tsx scripts/codegen/alicloud/generate.ts`);
    }
  });

  it('covers the resources the constructs need, from a schema pinned to the provider version', () => {
    const resources = Object.keys(schema.provider_schemas['registry.terraform.io/aliyun/alicloud']!.resource_schemas).sort();
    expect(resources).toEqual([
      'alicloud_db_account_privilege', 'alicloud_db_database', 'alicloud_db_instance',
      'alicloud_dts_job_monitor_rule', 'alicloud_dts_synchronization_instance', 'alicloud_dts_synchronization_job',
      'alicloud_ons_group', 'alicloud_ons_instance', 'alicloud_ons_topic', 'alicloud_rds_account',
      'alicloud_rocketmq_account', 'alicloud_rocketmq_acl', 'alicloud_rocketmq_consumer_group',
      'alicloud_rocketmq_instance', 'alicloud_rocketmq_topic',
    ]);
    expect(PROVIDER_VERSION).toBe('1.266.0');
    const provider = schema.provider_schemas['registry.terraform.io/aliyun/alicloud']!.provider.block;
    for (const key of ['access_key', 'secret_key', 'security_token']) expect(provider.attributes?.[key]?.sensitive).toBe(true);
  });

  it('is deterministic', () => {
    expect([...generate(loadSchema())]).toEqual([...generated]);
  });

  it('maps each schema shape to the cdktf get form', () => {
    const files = generate(schemaWith({
      alicloud_demo_thing: {
        attributes: {
          id: { type: 'string', optional: true, computed: true },
          name: { type: 'string', required: true },
          size: { type: 'number', optional: true },
          enabled: { type: 'bool', optional: true },
          zones: { type: ['set', 'string'], optional: true },
          ports: { type: ['list', 'number'], optional: true },
          labels: { type: ['map', 'string'], optional: true },
          arn: { type: 'string', computed: true },
        },
        block_types: {
          rule: { nesting_mode: 'set', block: { attributes: { key: { type: 'string', required: true } } } },
          spec: { nesting_mode: 'list', min_items: 1, max_items: 1, block: { attributes: { tier: { type: 'string', optional: true } } } },
          timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string', optional: true } } } },
        },
      },
    }));
    const code = files.get('demo-thing/index.ts')!;
    expect(code.startsWith('// https://registry.terraform.io/providers/aliyun/alicloud/1.266.0/docs/resources/demo_thing\n// generated from terraform resource schema\n')).toBe(true);
    expect(code).toContain('export interface DemoThingConfig extends cdktf.TerraformMetaArguments {');
    expect(code).toContain('  readonly name: string;\n');
    expect(code).toContain('  readonly enabled?: boolean | cdktf.IResolvable;\n');
    expect(code).toContain('  readonly labels?: { [key: string]: string };\n');
    expect(code).toContain('  readonly rule?: DemoThingRule[] | cdktf.IResolvable;\n');
    expect(code).toContain('  readonly spec: DemoThingSpec;\n');
    expect(code).toContain('  readonly timeouts?: DemoThingTimeouts;\n');
    expect(code).not.toContain('readonly arn');
    expect(code).toContain('export class DemoThingRuleList extends cdktf.ComplexList {');
    expect(code).toContain('  private _rule = new DemoThingRuleList(this, "rule", true);\n');
    expect(code).toContain('  private _spec = new DemoThingSpecOutputReference(this, "spec");\n');
    expect(code).toContain('    return cdktf.Fn.tolist(this.getListAttribute(\'zones\'));\n');
    expect(code).toContain('      ports: cdktf.listMapper(cdktf.numberToTerraform, false)(this._ports),\n');
    expect(code).toContain('      rule: cdktf.listMapper(demoThingRuleToTerraform, true)(this._rule.internalValue),\n');
    expect(code).toContain('      spec: demoThingSpecToTerraform(this._spec.internalValue),\n');
    expect(code).toContain('        type: "struct",\n        storageClassType: "DemoThingTimeouts",\n');
    expect(code).toContain('  // arn - computed: true, optional: false, required: false\n  public get arn() {\n');
    expect(code).toContain('  public constructor(scope: Construct, id: string, config: DemoThingConfig) {');
    // required attributes and blocks get no reset*()
    expect(code).not.toContain('resetName()');
    expect(code).not.toContain('resetSpec()');
    expect(code).toContain('resetRule()');
    expect(files.get('index.ts')).toBe("// generated by cdktf get\nexport * as demoThing from './demo-thing/index.js';\nexport * as provider from './provider/index.js';\n\n");
  });

  it('defaults the config to {} when nothing is required', () => {
    const code = generate(schemaWith({ alicloud_opt: { attributes: { note: { type: 'string', optional: true } } } })).get('opt/index.ts')!;
    expect(code).toContain('  public constructor(scope: Construct, id: string, config: OptConfig = {}) {');
  });

  it('rejects attribute types it cannot map, naming the resource, attribute and fix', () => {
    expect(() => generate(schemaWith({ alicloud_bad: { attributes: { weights: { type: ['map', 'number'], optional: true } } } })))
      .toThrow(/alicloud_bad\.weights: attribute type \["map","number"\] has no mapping; add one to kindOf\(\)/);
  });

  it('rejects attributes that clash with cdktf meta-arguments', () => {
    expect(() => generate(schemaWith({ alicloud_bad: { attributes: { count: { type: 'number', optional: true } } } })))
      .toThrow(/alicloud_bad\.count: clashes with a cdktf meta-argument/);
  });

  it('rejects a schema for another provider', () => {
    expect(() => generate({ format_version: '1.0', provider_schemas: {} })).toThrow(/provider_schemas\["registry.terraform.io\/aliyun\/alicloud"\]/);
  });
});
