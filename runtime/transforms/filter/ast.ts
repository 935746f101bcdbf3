/**
 * The filter/expression AST the engine evaluates. It is our own small shape (not the SQL parser's),
 * so the evaluator and the SQL renderer depend only on this file.
 */

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | '<=>';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | 'DIV';
export type LogicalOp = 'AND' | 'OR' | 'XOR';

/** Functions allowed in filters and computed columns: deterministic, no side effects, no I/O. */
export const SAFE_FUNCTIONS = [
  'UPPER', 'LOWER', 'CONCAT', 'COALESCE', 'IFNULL', 'ABS', 'CHAR_LENGTH', 'LENGTH',
] as const;
export type SafeFunction = (typeof SAFE_FUNCTIONS)[number];

/** Numeric literal kinds as MySQL types them: 42 -> integer (DECIMAL past BIGINT UNSIGNED), 1.50 -> decimal, 1e3 -> double. */
export type NumericKind = 'integer' | 'decimal' | 'double';

export type FilterExpr =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** `text` is the literal exactly as written (normalised to no leading '+'), so nothing is lost to doubles. */
  | { readonly kind: 'number'; readonly text: string; readonly numeric: NumericKind }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'negate'; readonly operand: FilterExpr }
  | { readonly kind: 'not'; readonly operand: FilterExpr }
  | { readonly kind: 'logical'; readonly op: LogicalOp; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'arith'; readonly op: ArithOp; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'in'; readonly negated: boolean; readonly operand: FilterExpr; readonly list: readonly FilterExpr[] }
  | {
      readonly kind: 'between'; readonly negated: boolean;
      readonly operand: FilterExpr; readonly low: FilterExpr; readonly high: FilterExpr;
    }
  | {
      readonly kind: 'like'; readonly negated: boolean; readonly operand: FilterExpr; readonly pattern: FilterExpr;
      /** Single character, '' (no escape character) or absent (MySQL default '\'). */
      readonly escape?: string;
    }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly operand: FilterExpr }
  /** IS [NOT] TRUE | FALSE | UNKNOWN (UNKNOWN = null). */
  | { readonly kind: 'isBool'; readonly negated: boolean; readonly operand: FilterExpr; readonly value: boolean | null }
  | { readonly kind: 'call'; readonly name: SafeFunction; readonly args: readonly FilterExpr[] };

/** Column names an expression references, in first-use order, without duplicates. */
export function referencedColumns(expr: FilterExpr): string[] {
  const seen = new Set<string>();
  const visit = (e: FilterExpr): void => {
    switch (e.kind) {
      case 'column': seen.add(e.name); return;
      case 'null': case 'bool': case 'number': case 'string': return;
      case 'negate': case 'not': case 'isNull': case 'isBool': visit(e.operand); return;
      case 'logical': case 'compare': case 'arith': visit(e.left); visit(e.right); return;
      case 'in': visit(e.operand); e.list.forEach(visit); return;
      case 'between': visit(e.operand); visit(e.low); visit(e.high); return;
      case 'like': visit(e.operand); visit(e.pattern); return;
      case 'call': e.args.forEach(visit); return;
    }
  };
  visit(expr);
  return [...seen];
}
