// One source of defaults: what the constructs write for omitted props, what the manifest schema
// documents and what the engine falls back to are the same values (runtime/manifest/defaults.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MYSQL_OPTION_DEFAULTS, TLS_DEFAULTS } from '../../../runtime/manifest/defaults.js';
import { mysqlTask as mysqlSpec } from '../../support/mysql-task.js';
import { mysqlTask, newStack, onlyTask } from '../lib/fixtures.js';

describe('defaults: one statement shared by constructs, schema and engine', () => {
  it('a MySQL destination synthesized without options carries exactly the engine defaults', () => {
    const stack = newStack();
    mysqlTask(stack, 'T');
    expect(onlyTask(stack).mysql).toEqual(MYSQL_OPTION_DEFAULTS);
  });

  it('the manifest schema documents the same defaults', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../schemas/manifest.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const found = new Map<string, unknown>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, { default?: unknown }> }).properties;
      if (props && 'batchRows' in props) for (const [k, v] of Object.entries(props)) found.set(k, v.default);
      for (const v of Object.values(node)) walk(v);
    };
    walk(schema);
    expect(Object.fromEntries(found)).toEqual(MYSQL_OPTION_DEFAULTS);
  });

  it('the manifest schema documents the TLS defaults the engine applies', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../schemas/manifest.schema.json', import.meta.url), 'utf8')) as { $defs: { TlsSpec: { properties: Record<string, { default?: unknown }> } } };
    const documented = Object.fromEntries(Object.entries(schema.$defs.TlsSpec.properties).filter(([, v]) => 'default' in v).map(([k, v]) => [k, v.default]));
    expect(documented).toEqual(TLS_DEFAULTS);
  });

  it('tests build their tasks with the defaults users get', () => {
    expect(mysqlSpec({ name: 't', objects: [] }).mysql).toEqual(MYSQL_OPTION_DEFAULTS);
  });
});
