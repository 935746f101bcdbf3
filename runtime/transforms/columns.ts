/**
 * Declarative column ETL for one object (ColumnTransformSpec), applied after the filter:
 * 1. computed columns are evaluated on the source row (the filter's expression subset);
 * 2. include (keep only these) / exclude (drop these); primary-key columns are always kept;
 * 3. rename (source name -> destination name), primary-key names included.
 * A computed column whose name equals an existing column replaces that column's value.
 * Computed columns get a MySQL type inferred from the expression (for canal-json mysqlType/sqlType).
 */
import type { ChangeEvent, ColumnMeta, ColumnValue, Row } from '../events/change-event.js';
import type { ColumnTransformSpec } from '../manifest/types.js';
import type { FilterExpr } from './filter/ast.js';
import { compileExpression } from './filter/evaluate.js';
import type { CompiledExpression, SqlDialect } from './filter/evaluate.js';
import { parseFilterOrThrow } from './filter/parse.js';
import { classifyColumn } from './filter/values.js';

interface ComputedColumn { readonly name: string; readonly expr: FilterExpr }

/** MySQL type text and JDBC code of an expression's result. */
export function inferExpressionType(expr: FilterExpr, columns: readonly ColumnMeta[]): { mysqlType: string; sqlType: number } {
  const BIGINT = { mysqlType: 'bigint(20)', sqlType: -5 };
  const DECIMAL = { mysqlType: 'decimal(65,30)', sqlType: 3 };
  const DOUBLE = { mysqlType: 'double', sqlType: 8 };
  const VARCHAR = { mysqlType: 'varchar(255)', sqlType: 12 };
  const BOOL = { mysqlType: 'int(1)', sqlType: 4 };
  switch (expr.kind) {
    case 'column': {
      const c = columns.find((m) => m.name.toLowerCase() === expr.name.toLowerCase());
      return c ? { mysqlType: c.mysqlType, sqlType: c.sqlType } : VARCHAR;
    }
    case 'null': case 'string': return VARCHAR;
    case 'number': return expr.numeric === 'integer' ? BIGINT : expr.numeric === 'decimal' ? DECIMAL : DOUBLE;
    case 'negate': return inferExpressionType(expr.operand, columns);
    case 'arith': {
      if (expr.op === 'DIV') return BIGINT;
      const kinds = [expr.left, expr.right].map((e) => classifyColumn(inferExpressionType(e, columns).mysqlType));
      if (kinds.some((k) => k === 'double' || k === 'string' || k === 'binary')) return DOUBLE;
      if (expr.op === '/' || kinds.includes('decimal')) return DECIMAL;
      return BIGINT;
    }
    case 'call':
      switch (expr.name) {
        case 'CHAR_LENGTH': case 'LENGTH': return BIGINT;
        case 'ABS': case 'COALESCE': case 'IFNULL': return inferExpressionType(expr.args[0]!, columns);
        default: return VARCHAR;
      }
    default: return BOOL;
  }
}

export class ColumnTransformer {
  private readonly computed: readonly ComputedColumn[];
  private readonly include: ReadonlySet<string> | undefined;
  private readonly exclude: ReadonlySet<string>;
  private readonly rename: ReadonlyMap<string, string>;
  private readonly compiled = new WeakMap<readonly ColumnMeta[], readonly CompiledExpression[]>();
  private readonly metaCache = new WeakMap<readonly ColumnMeta[], { columns: readonly ColumnMeta[]; primaryKey: readonly string[] }>();

  constructor(spec: ColumnTransformSpec, private readonly where: string, private readonly dialect: SqlDialect = 'mysql') {
    this.computed = (spec.computed ?? []).map((c) => ({ name: c.name, expr: parseFilterOrThrow(c.expression, `${where}, computed column ${c.name}`) }));
    this.include = spec.include ? new Set(spec.include.map((n) => n.toLowerCase())) : undefined;
    this.exclude = new Set((spec.exclude ?? []).map((n) => n.toLowerCase()));
    this.rename = new Map(Object.entries(spec.rename ?? {}).map(([from, to]) => [from.toLowerCase(), to]));
  }

  private renamed(name: string): string {
    return this.rename.get(name.toLowerCase()) ?? name;
  }

  private keeps(name: string, primaryKey: readonly string[]): boolean {
    const lower = name.toLowerCase();
    if (primaryKey.some((k) => k.toLowerCase() === lower)) return true;
    if (this.computed.some((c) => c.name.toLowerCase() === lower)) return true;
    if (this.include && !this.include.has(lower)) return false;
    return !this.exclude.has(lower);
  }

  apply(event: ChangeEvent): ChangeEvent {
    if (event.kind === 'ddl') return event;
    let compiled = this.compiled.get(event.columns);
    if (!compiled) {
      compiled = this.computed.map((c) => compileExpression(c.expr, event.columns, { dialect: this.dialect }));
      this.compiled.set(event.columns, compiled);
    }
    let meta = this.metaCache.get(event.columns);
    if (!meta) {
      const all: ColumnMeta[] = event.columns.filter((c) => !this.computed.some((x) => x.name.toLowerCase() === c.name.toLowerCase()));
      for (const c of this.computed) all.push({ name: c.name, ...inferExpressionType(c.expr, event.columns), nullable: true });
      const columns = all.filter((c) => this.keeps(c.name, event.primaryKey)).map((c) => ({ ...c, name: this.renamed(c.name) }));
      meta = { columns, primaryKey: event.primaryKey.map((k) => this.renamed(k)) };
      this.metaCache.set(event.columns, meta);
    }
    const exprs = compiled;
    const shape = (row: Row | undefined): Row | undefined => {
      if (!row) return row;
      const values: Record<string, ColumnValue> = {};
      for (const [k, v] of Object.entries(row)) values[k] = v;
      this.computed.forEach((c, i) => {
        const existing = Object.keys(values).find((k) => k.toLowerCase() === c.name.toLowerCase());
        if (existing !== undefined && existing !== c.name) delete values[existing];
        values[c.name] = exprs[i]!.columnValue(row);
      });
      const out: Record<string, ColumnValue> = {};
      for (const [k, v] of Object.entries(values)) if (this.keeps(k, event.primaryKey)) out[this.renamed(k)] = v;
      return out;
    };
    const before = shape(event.before);
    const after = shape(event.after);
    return {
      ...event,
      columns: meta.columns,
      primaryKey: meta.primaryKey,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    };
  }
}
