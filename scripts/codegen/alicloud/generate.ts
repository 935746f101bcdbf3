// Writes lib/providers/alicloud/** from scripts/codegen/alicloud/schema.json, producing the same
// TypeScript that `cdktf get` (cdktf 0.21) emits for the aliyun/alicloud provider. The only
// deviations are ESM `.js` suffixes in lib/providers/alicloud/index.ts, no CommonJS lazy-index, and
// `override` modifiers (OVERRIDE) on the members that override cdktf base members, which the project's
// tsconfig (noImplicitOverride) requires; they are erased at compile time and change no API.
//
//   npx tsx scripts/codegen/alicloud/generate.ts           regenerate the bindings
//   npx tsx scripts/codegen/alicloud/generate.ts --check   exit 1 if the committed files are stale
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributeType, ProvidersSchemaJson, SchemaBlock, SchemaBlockType } from './schema-types.js';

export const PROVIDER_SOURCE = 'aliyun/alicloud';
export const PROVIDER_NAME = 'alicloud';
export const PROVIDER_VERSION = '1.266.0';
const SCHEMA_KEY = `registry.terraform.io/${PROVIDER_SOURCE}`;
const DOCS = `https://registry.terraform.io/providers/${PROVIDER_SOURCE}/${PROVIDER_VERSION}/docs`;
// Config keys that TerraformMetaArguments already owns: an attribute with one of these names would need renaming.
const OVERRIDE = 'override ';
const META_ARGUMENTS = new Set(['count', 'provider', 'lifecycle', 'depends_on', 'for_each', 'connection', 'provisioners']);

// ---------- model ----------

type AttrKind = 'string' | 'number' | 'boolean' | 'stringList' | 'numberList' | 'stringMap';

interface AttrModel {
  tfName: string;
  prop: string;
  kind: AttrKind;
  isSet: boolean;
  required: boolean;
  optional: boolean;
  computed: boolean;
  description?: string;
}

/** single = nesting_mode single; one = list/set with max_items 1; many = any other list/set. */
interface BlockModel {
  tfName: string;
  prop: string;
  mode: 'single' | 'one' | 'many';
  isSet: boolean;
  required: boolean;
  struct: StructModel;
}

interface StructModel {
  name: string;
  attrs: AttrModel[];
  blocks: BlockModel[];
}

/** Where the `Docs at Terraform Registry` links of a file point. */
interface DocTarget {
  url: string;
  owner: string;
  isProvider: boolean;
}

const camelCase = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascalCase = (name: string): string => upperFirst(camelCase(name));
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const byName = <T extends { tfName: string }>(a: T, b: T): number => (a.tfName < b.tfName ? -1 : a.tfName > b.tfName ? 1 : 0);
const isConfigurable = (a: AttrModel): boolean => a.required || a.optional;

function kindOf(type: AttributeType, where: string): { kind: AttrKind; isSet: boolean } {
  if (type === 'string') return { kind: 'string', isSet: false };
  if (type === 'number') return { kind: 'number', isSet: false };
  if (type === 'bool') return { kind: 'boolean', isSet: false };
  const [collection, element] = type;
  if (collection === 'map' && element === 'string') return { kind: 'stringMap', isSet: false };
  if (collection !== 'map' && element === 'string') return { kind: 'stringList', isSet: collection === 'set' };
  if (collection !== 'map' && element === 'number') return { kind: 'numberList', isSet: collection === 'set' };
  throw new Error(`${where}: attribute type ${JSON.stringify(type)} has no mapping; add one to kindOf() in scripts/codegen/alicloud/generate.ts or drop the attribute from schema.json`);
}

function buildStruct(name: string, block: SchemaBlock, where: string): StructModel {
  const attrs = Object.entries(block.attributes ?? {}).map(([tfName, a]): AttrModel => {
    if (META_ARGUMENTS.has(tfName)) {
      throw new Error(`${where}.${tfName}: clashes with a cdktf meta-argument; the generator does not rename attributes`);
    }
    return {
      tfName,
      prop: camelCase(tfName),
      ...kindOf(a.type, `${where}.${tfName}`),
      required: a.required === true,
      optional: a.optional === true,
      computed: a.computed === true,
      description: a.description,
    };
  });
  const blocks = Object.entries(block.block_types ?? {}).map(([tfName, b]) => buildBlock(name, tfName, b, `${where}.${tfName}`));
  return { name, attrs: attrs.sort(byName), blocks: blocks.sort(byName) };
}

function buildBlock(parent: string, tfName: string, b: SchemaBlockType, where: string): BlockModel {
  const mode = b.nesting_mode === 'single' ? 'single' : b.max_items === 1 ? 'one' : 'many';
  return {
    tfName,
    prop: camelCase(tfName),
    mode,
    isSet: b.nesting_mode === 'set',
    required: (b.min_items ?? 0) > 0,
    struct: buildStruct(parent + pascalCase(tfName), b.block, where),
  };
}

// ---------- expressions ----------

function tsType(a: AttrModel): string {
  switch (a.kind) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'boolean | cdktf.IResolvable';
    case 'stringList': return 'string[]';
    case 'numberList': return 'number[]';
    case 'stringMap': return '{ [key: string]: string }';
  }
}

function getter(a: AttrModel): string {
  switch (a.kind) {
    case 'string': return `this.getStringAttribute('${a.tfName}')`;
    case 'number': return `this.getNumberAttribute('${a.tfName}')`;
    case 'boolean': return `this.getBooleanAttribute('${a.tfName}')`;
    case 'stringMap': return `this.getStringMapAttribute('${a.tfName}')`;
    case 'stringList':
      return a.isSet ? `cdktf.Fn.tolist(this.getListAttribute('${a.tfName}'))` : `this.getListAttribute('${a.tfName}')`;
    case 'numberList':
      return a.isSet
        ? `cdktf.Token.asNumberList(cdktf.Fn.tolist(this.getNumberListAttribute('${a.tfName}')))`
        : `this.getNumberListAttribute('${a.tfName}')`;
  }
}

const SCALAR_MAPPER: Record<AttrKind, string> = {
  string: 'string', number: 'number', boolean: 'boolean', stringList: 'string', numberList: 'number', stringMap: 'string',
};

function attrToTerraform(a: AttrModel, ref: string): string {
  const scalar = `cdktf.${SCALAR_MAPPER[a.kind]}ToTerraform`;
  if (a.kind === 'stringList' || a.kind === 'numberList') return `cdktf.listMapper(${scalar}, false)(${ref})`;
  if (a.kind === 'stringMap') return `cdktf.hashMapper(${scalar})(${ref})`;
  return `${scalar}(${ref})`;
}

function attrToHcl(a: AttrModel, ref: string, indent: string): string {
  const scalar = `cdktf.${SCALAR_MAPPER[a.kind]}ToHclTerraform`;
  if (a.kind === 'stringList' || a.kind === 'numberList') {
    return hclEntry(a.tfName, `cdktf.listMapperHcl(${scalar}, false)(${ref})`, false, a.isSet ? 'set' : 'list', a.kind, indent);
  }
  if (a.kind === 'stringMap') return hclEntry(a.tfName, `cdktf.hashMapperHcl(${scalar})(${ref})`, false, 'map', a.kind, indent);
  return hclEntry(a.tfName, `${scalar}(${ref})`, false, 'simple', a.kind, indent);
}

const fnName = (s: StructModel): string => lowerFirst(s.name);

function blockToTerraform(b: BlockModel, ref: string): string {
  const fn = `${fnName(b.struct)}ToTerraform`;
  return b.mode === 'many' ? `cdktf.listMapper(${fn}, true)(${ref})` : `${fn}(${ref})`;
}

function blockToHcl(b: BlockModel, ref: string, indent: string): string {
  const fn = `${fnName(b.struct)}ToHclTerraform`;
  if (b.mode === 'single') return hclEntry(b.tfName, `${fn}(${ref})`, true, 'struct', b.struct.name, indent);
  const value = b.mode === 'many' ? `cdktf.listMapperHcl(${fn}, true)(${ref})` : `${fn}(${ref})`;
  return hclEntry(b.tfName, value, true, b.isSet ? 'set' : 'list', `${b.struct.name}List`, indent);
}

function hclEntry(tfName: string, value: string, isBlock: boolean, type: string, storage: string, i: string): string {
  return `${i}${tfName}: {\n${i}  value: ${value},\n${i}  isBlock: ${isBlock},\n${i}  type: "${type}",\n${i}  storageClassType: "${storage}",\n${i}},\n`;
}

/** The type a config property or put*() takes for a block. */
function blockConfigType(b: BlockModel): string {
  return b.mode === 'many' ? `${b.struct.name}[] | cdktf.IResolvable` : b.struct.name;
}

// ---------- doc comments ----------

function docComment(tfName: string, doc: DocTarget, lead: string[] = [], tail: string[] = []): string {
  const lines = [...lead, ...(lead.length ? [''] : []), `Docs at Terraform Registry: {@link ${doc.url}#${tfName} ${doc.owner}#${tfName}}`, ...tail];
  return `  /**\n${lines.map((l) => (l === '' ? '  *\n' : `  * ${l}\n`)).join('')}  */\n`;
}

const ID_NOTE = [
  '',
  'Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.',
  'If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.',
];

function configProps(s: StructModel, doc: DocTarget, topLevel: boolean, extra = ''): string {
  let out = '';
  for (const a of s.attrs.filter(isConfigurable)) {
    const lead = a.description ? a.description.split('\n') : [];
    const tail = topLevel && !doc.isProvider && a.tfName === 'id' ? ID_NOTE : [];
    out += docComment(a.tfName, doc, lead, tail) + `  readonly ${a.prop}${a.required ? '' : '?'}: ${tsType(a)};\n`;
  }
  out += extra;
  for (const b of s.blocks) {
    out += docComment(b.tfName, doc, [`${b.tfName} block`]) + `  readonly ${b.prop}${b.required ? '' : '?'}: ${blockConfigType(b)};\n`;
  }
  return out;
}

// ---------- nested structs ----------

const COMPLEX_GUARD =
  '  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }\n' +
  '  if (cdktf.isComplexElement(struct)) {\n' +
  '    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");\n' +
  '  }\n';
const FILTER_UNDEFINED = 'Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined';

function renderStructTree(b: BlockModel, doc: DocTarget): string {
  return b.struct.blocks.map((child) => renderStructTree(child, doc)).join('') + renderStruct(b, doc);
}

function renderStruct(b: BlockModel, doc: DocTarget): string {
  const s = b.struct;
  const name = s.name;
  const param = b.mode === 'one' ? (doc.isProvider ? name : `${name}OutputReference | ${name}`) : `${name} | cdktf.IResolvable`;
  const attrs = s.attrs.filter(isConfigurable);

  let out = `export interface ${name} {\n${configProps(s, doc, false)}}\n\n`;

  out += `export function ${fnName(s)}ToTerraform(struct?: ${param}): any {\n${COMPLEX_GUARD}  return {\n`;
  for (const a of attrs) out += `    ${a.tfName}: ${attrToTerraform(a, `struct!.${a.prop}`)},\n`;
  for (const c of s.blocks) out += `    ${c.tfName}: ${blockToTerraform(c, `struct!.${c.prop}`)},\n`;
  out += '  }\n}\n\n\n';

  out += `export function ${fnName(s)}ToHclTerraform(struct?: ${param}): any {\n${COMPLEX_GUARD}  const attrs = {\n`;
  const entries = attrs.map((a) => attrToHcl(a, `struct!.${a.prop}`, '    ')).join('') +
    s.blocks.map((c) => blockToHcl(c, `struct!.${c.prop}`, '    ')).join('');
  out += entries
    ? `${entries}  };\n\n  // remove undefined attributes\n  return ${FILTER_UNDEFINED}));\n}\n\n`
    : '  };\n  return attrs;\n}\n\n';

  if (doc.isProvider) return out;
  out += renderOutputReference(b);
  if (b.mode === 'many') out += '\n' + renderList(name);
  return out;
}

function renderOutputReference(b: BlockModel): string {
  const s = b.struct;
  const name = s.name;
  const resolvable = b.mode !== 'one';
  const valueType = resolvable ? `${name} | cdktf.IResolvable` : name;
  const attrs = s.attrs.filter(isConfigurable);

  let out = `export class ${name}OutputReference extends cdktf.ComplexObject {\n  private isEmptyObject = false;\n`;
  if (resolvable) out += '  private resolvableValue?: cdktf.IResolvable;\n';
  out += '\n  /**\n  * @param terraformResource The parent resource\n  * @param terraformAttribute The attribute on the parent resource this class is referencing\n';
  if (b.mode === 'many') {
    out += '  * @param complexObjectIndex the index of this item in the list\n' +
      '  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)\n' +
      '  */\n  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {\n' +
      '    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);\n  }\n\n';
  } else {
    out += '  */\n  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {\n' +
      `    super(terraformResource, terraformAttribute, false${b.mode === 'one' ? ', 0' : ''});\n  }\n\n`;
  }

  out += `  public get internalValue(): ${valueType} | undefined {\n`;
  if (resolvable) out += '    if (this.resolvableValue) {\n      return this.resolvableValue;\n    }\n';
  out += '    let hasAnyValues = this.isEmptyObject;\n    const internalValueResult: any = {};\n';
  for (const a of attrs) {
    out += `    if (this._${a.prop} !== undefined) {\n      hasAnyValues = true;\n      internalValueResult.${a.prop} = this._${a.prop};\n    }\n`;
  }
  for (const c of s.blocks) {
    out += `    if (this._${c.prop}?.internalValue !== undefined) {\n      hasAnyValues = true;\n      internalValueResult.${c.prop} = this._${c.prop}?.internalValue;\n    }\n`;
  }
  out += '    return hasAnyValues ? internalValueResult : undefined;\n  }\n\n';

  out += `  public set internalValue(value: ${valueType} | undefined) {\n    if (value === undefined) {\n      this.isEmptyObject = false;\n`;
  if (resolvable) out += '      this.resolvableValue = undefined;\n';
  for (const a of attrs) out += `      this._${a.prop} = undefined;\n`;
  for (const c of s.blocks) out += `      this._${c.prop}.internalValue = undefined;\n`;
  out += '    }\n';
  if (resolvable) {
    out += '    else if (cdktf.Tokenization.isResolvable(value)) {\n      this.isEmptyObject = false;\n      this.resolvableValue = value;\n    }\n';
  }
  out += '    else {\n      this.isEmptyObject = Object.keys(value).length === 0;\n';
  if (resolvable) out += '      this.resolvableValue = undefined;\n';
  for (const a of attrs) out += `      this._${a.prop} = value.${a.prop};\n`;
  for (const c of s.blocks) out += `      this._${c.prop}.internalValue = value.${c.prop};\n`;
  out += '    }\n  }\n';

  for (const member of classMembers(s)) out += '\n' + member;
  return out + '}\n';
}

function renderList(name: string): string {
  return `export class ${name}List extends cdktf.ComplexList {\n` +
    `  public internalValue? : ${name}[] | cdktf.IResolvable\n\n` +
    '  /**\n  * @param terraformResource The parent resource\n  * @param terraformAttribute The attribute on the parent resource this class is referencing\n' +
    '  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)\n  */\n' +
    `  constructor(protected ${OVERRIDE}terraformResource: cdktf.IInterpolatingParent, protected ${OVERRIDE}terraformAttribute: string, protected ${OVERRIDE}wrapsSet: boolean) {\n` +
    '    super(terraformResource, terraformAttribute, wrapsSet)\n  }\n\n' +
    '  /**\n  * @param index the index of the item to return\n  */\n' +
    `  public get(index: number): ${name}OutputReference {\n` +
    `    return new ${name}OutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);\n  }\n}\n`;
}

// ---------- class members (resources and ComplexObjects) ----------

const flags = (computed: boolean, optional: boolean, required: boolean): string =>
  `computed: ${computed}, optional: ${optional}, required: ${required}`;

function classMembers(s: StructModel): string[] {
  return [...s.attrs.map(attrMember), ...s.blocks.map(blockMember)];
}

function attrMember(a: AttrModel): string {
  const head = `  // ${a.tfName} - ${flags(a.computed, a.optional, a.required)}\n`;
  if (!isConfigurable(a)) return `${head}  public get ${a.prop}() {\n    return ${getter(a)};\n  }\n`;
  return head +
    `  private _${a.prop}?: ${tsType(a)}; \n` +
    `  public get ${a.prop}() {\n    return ${getter(a)};\n  }\n` +
    `  public set ${a.prop}(value: ${tsType(a)}) {\n    this._${a.prop} = value;\n  }\n` +
    (a.required ? '' : `  public reset${upperFirst(a.prop)}() {\n    this._${a.prop} = undefined;\n  }\n`) +
    `  // Temporarily expose input value. Use with caution.\n  public get ${a.prop}Input() {\n    return this._${a.prop};\n  }\n`;
}

function blockMember(b: BlockModel): string {
  const holder = b.mode === 'many'
    ? `new ${b.struct.name}List(this, "${b.tfName}", ${b.isSet})`
    : `new ${b.struct.name}OutputReference(this, "${b.tfName}")`;
  return `  // ${b.tfName} - ${flags(false, !b.required, b.required)}\n` +
    `  private _${b.prop} = ${holder};\n` +
    `  public get ${b.prop}() {\n    return this._${b.prop};\n  }\n` +
    `  public put${upperFirst(b.prop)}(value: ${blockConfigType(b)}) {\n    this._${b.prop}.internalValue = value;\n  }\n` +
    (b.required ? '' : `  public reset${upperFirst(b.prop)}() {\n    this._${b.prop}.internalValue = undefined;\n  }\n`) +
    `  // Temporarily expose input value. Use with caution.\n  public get ${b.prop}Input() {\n    return this._${b.prop}.internalValue;\n  }\n`;
}

function providerMember(tfName: string, prop: string, type: string, required: boolean): string {
  // TerraformProvider already declares `alias`.
  const modifier = prop === 'alias' ? OVERRIDE : '';
  return `  // ${tfName} - ${flags(false, !required, required)}\n` +
    `  private _${prop}?: ${type}; \n` +
    `  public ${modifier}get ${prop}() {\n    return this._${prop};\n  }\n` +
    `  public ${modifier}set ${prop}(value: ${type} | undefined) {\n    this._${prop} = value;\n  }\n` +
    (required ? '' : `  public reset${upperFirst(prop)}() {\n    this._${prop} = undefined;\n  }\n`) +
    `  // Temporarily expose input value. Use with caution.\n  public get ${prop}Input() {\n    return this._${prop};\n  }\n`;
}

// ---------- files ----------

function fileHeader(url: string): string {
  return `// ${url}\n// generated from terraform resource schema\n\nimport { Construct } from 'constructs';\nimport * as cdktf from 'cdktf';\n\n// Configuration\n\n`;
}

function importDoc(className: string, url: string): string {
  return '  /**\n' +
    `  * Generates CDKTF code for importing a ${className} resource upon running "cdktf plan <stack-name>"\n` +
    '  * @param scope The scope in which to define this construct\n' +
    `  * @param importToId The construct id used in the generated config for the ${className} to import\n` +
    `  * @param importFromId The id of the existing ${className} that should be imported. Refer to the {@link ${url}#import import section} in the documentation of this resource for the id to use\n` +
    `  * @param provider? Optional instance of the provider where the ${className} to import is found\n` +
    '  */\n';
}

function classHead(base: string, className: string, tfType: string, url: string, configType: string, configDefault: boolean): string {
  const optionsDefault = configDefault ? ' = {}' : '';
  return `/**\n* Represents a {@link ${url} ${tfType}}\n*/\n` +
    `export class ${className} extends cdktf.${base} {\n\n` +
    '  // =================\n  // STATIC PROPERTIES\n  // =================\n' +
    `  public static readonly tfResourceType = "${tfType}";\n\n` +
    '  // ==============\n  // STATIC Methods\n  // ==============\n' +
    importDoc(className, url) +
    '  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {\n' +
    `        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "${tfType}", importId: importFromId, provider });\n` +
    '      }\n\n' +
    '  // ===========\n  // INITIALIZER\n  // ===========\n\n' +
    `  /**\n  * Create a new {@link ${url} ${tfType}} Resource\n  *\n` +
    '  * @param scope The scope in which to define this construct\n' +
    '  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope\n' +
    `  * @param options ${configType}${optionsDefault}\n  */\n` +
    `  public constructor(scope: Construct, id: string, config: ${configType}${optionsDefault}) {\n` +
    '    super(scope, id, {\n' +
    `      terraformResourceType: '${tfType}',\n` +
    '      terraformGeneratorMetadata: {\n' +
    `        providerName: '${PROVIDER_NAME}',\n` +
    `        providerVersion: '${PROVIDER_VERSION}',\n` +
    `        providerVersionConstraint: '${PROVIDER_VERSION}'\n` +
    '      },\n';
}

function synthesis(toTerraform: string, toHcl: string): string {
  return '  // =========\n  // SYNTHESIS\n  // =========\n\n' +
    `  protected ${OVERRIDE}synthesizeAttributes(): { [name: string]: any } {\n    return {\n${toTerraform}    };\n  }\n\n` +
    `  protected ${OVERRIDE}synthesizeHclAttributes(): { [name: string]: any } {\n    const attrs = {\n${toHcl}    };\n\n` +
    `    // remove undefined attributes\n    return ${FILTER_UNDEFINED} ))\n  }\n}\n`;
}

const hasRequired = (s: StructModel): boolean => s.attrs.some((a) => a.required) || s.blocks.some((b) => b.required);

function renderResource(tfType: string, block: SchemaBlock): { folder: string; namespace: string; content: string } {
  const short = tfType.replace(/^alicloud_/, '');
  const className = pascalCase(short);
  const url = `${DOCS}/resources/${short}`;
  const doc: DocTarget = { url, owner: className, isProvider: false };
  const s = buildStruct(className, block, tfType);
  const config = s.attrs.filter(isConfigurable);

  let out = fileHeader(url);
  out += `export interface ${className}Config extends cdktf.TerraformMetaArguments {\n${configProps(s, doc, true)}}\n`;
  out += s.blocks.map((b) => renderStructTree(b, doc)).join('');
  out += '\n' + classHead('TerraformResource', className, tfType, url, `${className}Config`, !hasRequired(s));
  out += '      provider: config.provider,\n      dependsOn: config.dependsOn,\n      count: config.count,\n' +
    '      lifecycle: config.lifecycle,\n      provisioners: config.provisioners,\n      connection: config.connection,\n' +
    '      forEach: config.forEach\n    });\n';
  for (const a of config) out += `    this._${a.prop} = config.${a.prop};\n`;
  for (const b of s.blocks) out += `    this._${b.prop}.internalValue = config.${b.prop};\n`;
  out += '  }\n\n  // ==========\n  // ATTRIBUTES\n  // ==========\n\n';
  out += classMembers(s).map((m) => m + '\n').join('');
  out += synthesis(
    config.map((a) => `      ${a.tfName}: ${attrToTerraform(a, `this._${a.prop}`)},\n`).join('') +
      s.blocks.map((b) => `      ${b.tfName}: ${blockToTerraform(b, `this._${b.prop}.internalValue`)},\n`).join(''),
    config.map((a) => attrToHcl(a, `this._${a.prop}`, '      ')).join('') +
      s.blocks.map((b) => blockToHcl(b, `this._${b.prop}.internalValue`, '      ')).join(''),
  );
  const folder = short.replace(/_/g, '-');
  return { folder, namespace: camelCase(short), content: out };
}

function renderProvider(block: SchemaBlock): string {
  const className = `${pascalCase(PROVIDER_NAME)}Provider`;
  const doc: DocTarget = { url: DOCS, owner: className, isProvider: true };
  const s = buildStruct(className, block, `provider ${PROVIDER_NAME}`);
  const alias: AttrModel = {
    tfName: 'alias', prop: 'alias', kind: 'string', isSet: false, required: false, optional: true, computed: false, description: 'Alias name',
  };
  const attrs = [...s.attrs.filter(isConfigurable), alias];

  let out = fileHeader(DOCS);
  out += `export interface ${className}Config {\n${configProps(s, doc, true, configProps({ name: '', attrs: [alias], blocks: [] }, doc, true))}}\n`;
  out += s.blocks.map((b) => renderStructTree(b, doc)).join('');
  out += '\n' + classHead('TerraformProvider', className, PROVIDER_NAME, DOCS, `${className}Config`, !hasRequired(s));
  out += `      terraformProviderSource: '${PROVIDER_SOURCE}'\n    });\n`;
  for (const a of attrs) out += `    this._${a.prop} = config.${a.prop};\n`;
  for (const b of s.blocks) out += `    this._${b.prop} = config.${b.prop};\n`;
  out += '  }\n\n  // ==========\n  // ATTRIBUTES\n  // ==========\n\n';
  for (const a of attrs) out += providerMember(a.tfName, a.prop, tsType(a), a.required) + '\n';
  for (const b of s.blocks) out += providerMember(b.tfName, b.prop, blockConfigType(b), b.required) + '\n';
  out += synthesis(
    attrs.map((a) => `      ${a.tfName}: ${attrToTerraform(a, `this._${a.prop}`)},\n`).join('') +
      s.blocks.map((b) => `      ${b.tfName}: ${blockToTerraform(b, `this._${b.prop}`)},\n`).join(''),
    attrs.map((a) => attrToHcl(a, `this._${a.prop}`, '      ')).join('') +
      s.blocks.map((b) => blockToHcl(b, `this._${b.prop}`, '      ')).join(''),
  );
  return out;
}

/** Renders every file of lib/providers/alicloud, keyed by path relative to that folder. */
export function generate(schema: ProvidersSchemaJson): Map<string, string> {
  const provider = schema.provider_schemas[SCHEMA_KEY];
  if (!provider) {
    throw new Error(`schema.json has no provider_schemas["${SCHEMA_KEY}"]; regenerate it with \`terraform providers schema -json\` for ${PROVIDER_SOURCE} ${PROVIDER_VERSION}`);
  }
  const files = new Map<string, string>();
  let index = '// generated by cdktf get\n';
  for (const tfType of Object.keys(provider.resource_schemas).sort()) {
    const { folder, namespace, content } = renderResource(tfType, provider.resource_schemas[tfType]!.block);
    files.set(`${folder}/index.ts`, content);
    index += `export * as ${namespace} from './${folder}/index.js';\n`;
  }
  files.set('provider/index.ts', renderProvider(provider.provider.block));
  files.set('index.ts', index + "export * as provider from './provider/index.js';\n\n");
  return files;
}

// ---------- CLI ----------

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = join(here, 'schema.json');
export const OUTPUT_DIR = resolve(here, '../../../lib/providers/alicloud');

export function loadSchema(path = SCHEMA_PATH): ProvidersSchemaJson {
  return JSON.parse(readFileSync(path, 'utf8')) as ProvidersSchemaJson;
}

function main(argv: string[]): number {
  const files = generate(loadSchema());
  if (argv.includes('--check')) {
    const stale = [...files].filter(([path, content]) => {
      const target = join(OUTPUT_DIR, path);
      return !existsSync(target) || readFileSync(target, 'utf8') !== content;
    });
    for (const [path] of stale) console.error(`stale: lib/providers/alicloud/${path} (run npx tsx scripts/codegen/alicloud/generate.ts)`);
    return stale.length ? 1 : 0;
  }
  // Drop folders of resources that left the schema, so the output is exactly the generator's.
  if (existsSync(OUTPUT_DIR)) {
    const wanted = new Set([...files.keys()].map((p) => p.split('/')[0]));
    for (const entry of readdirSync(OUTPUT_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() && !wanted.has(entry.name)) rmSync(join(OUTPUT_DIR, entry.name), { recursive: true });
    }
  }
  for (const [path, content] of files) {
    const target = join(OUTPUT_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  console.log(`wrote ${files.size} files to lib/providers/alicloud`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
