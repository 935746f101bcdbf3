/**
 * Parses a DTS filter condition (the SQL WHERE subset) into a FilterExpr.
 *
 * Why not node-sql-parser's AST: node-sql-parser 5.4.0 (MySQL dialect) parses `a OR b AND c` as
 * `(a OR b) AND c`, reads `1e3` as a column named "1e3", rejects `.5`, and silently accepts comments,
 * `GROUP BY`/`LIMIT`/`UNION` tails after the WHERE expression. A filter evaluated with the wrong
 * precedence delivers the wrong rows, so this is a small recursive-descent parser that follows the
 * MySQL 8 expression grammar (https://dev.mysql.com/doc/refman/8.0/en/expressions.html) and its
 * operator precedence, and accepts only an allow-list:
 *   column references (bare or `backquoted`), literals (numbers, 'strings', NULL, TRUE, FALSE),
 *   = <> != < <= > >= <=>, [NOT] IN (list), [NOT] BETWEEN, [NOT] LIKE [ESCAPE 'c'], IS [NOT] NULL,
 *   IS [NOT] TRUE|FALSE|UNKNOWN, AND OR XOR NOT, + - * / % MOD DIV, unary minus/plus, parentheses,
 *   and the functions in SAFE_FUNCTIONS (UPPER LOWER CONCAT COALESCE IFNULL ABS CHAR_LENGTH LENGTH).
 * Everything else is rejected with the reason and the 1-based character position: comments (-- # /*),
 * statements (;), subqueries, variables (@x, @@x), placeholders (?), double-quoted strings (string or
 * identifier depending on sql_mode ANSI_QUOTES), `&&`/`||`/`!` (use AND/OR/NOT: `||` is string
 * concatenation under PIPES_AS_CONCAT), bitwise operators, other functions, qualified names.
 */
import { SAFE_FUNCTIONS, referencedColumns } from './ast.js';
import type { CompareOp, FilterExpr, NumericKind, SafeFunction } from './ast.js';

export type ParseFilterResult =
  | { readonly ok: true; readonly ast: FilterExpr; readonly columns: string[] }
  | { readonly ok: false; readonly error: string };

type TokenType = 'word' | 'quotedIdent' | 'number' | 'string' | 'op' | '(' | ')' | ',' | 'eof';
interface Token {
  readonly type: TokenType;
  /** Raw text for words/ops/numbers, the decoded value for strings and quoted identifiers. */
  readonly text: string;
  /** 0-based offset into the input. */
  readonly pos: number;
}

class FilterSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const MAX_LENGTH = 64 * 1024;
const MAX_DEPTH = 200;

/** Words that can't be a bare column name here; each maps to why it is not allowed. */
const REJECTED_WORDS: Readonly<Record<string, string>> = {
  SELECT: 'subqueries and statements are not allowed', FROM: 'statements are not allowed',
  WHERE: 'write only the condition, without WHERE', UNION: 'statements are not allowed',
  INTO: 'statements are not allowed', GROUP: 'statements are not allowed', ORDER: 'statements are not allowed',
  LIMIT: 'statements are not allowed', HAVING: 'statements are not allowed', EXISTS: 'subqueries are not allowed',
  ANY: 'subqueries are not allowed', ALL: 'subqueries are not allowed', SOME: 'subqueries are not allowed',
  CASE: 'CASE is not supported', WHEN: 'CASE is not supported', THEN: 'CASE is not supported',
  ELSE: 'CASE is not supported', END: 'CASE is not supported', INTERVAL: 'INTERVAL is not supported',
  BINARY: 'BINARY is not supported', COLLATE: 'COLLATE is not supported', REGEXP: 'REGEXP is not supported',
  RLIKE: 'RLIKE is not supported', SOUNDS: 'SOUNDS LIKE is not supported', ROW: 'row constructors are not supported',
  DATE: "typed literals are not supported: write the value as a string, e.g. '2024-01-01'",
  TIME: "typed literals are not supported: write the value as a string, e.g. '12:00:00'",
  TIMESTAMP: "typed literals are not supported: write the value as a string, e.g. '2024-01-01 12:00:00'",
  AND: 'AND needs an operand before it', OR: 'OR needs an operand before it', XOR: 'XOR needs an operand before it',
  IS: 'IS needs an operand before it', IN: 'IN needs an operand before it', LIKE: 'LIKE needs an operand before it',
  BETWEEN: 'BETWEEN needs an operand before it', DIV: 'DIV needs an operand before it',
  MOD: 'MOD needs an operand before it', ESCAPE: 'ESCAPE only follows a LIKE pattern',
  UNKNOWN: 'UNKNOWN is only allowed after IS [NOT]', DEFAULT: 'DEFAULT is not allowed', MATCH: 'MATCH is not supported',
};

const FUNCTION_ALIASES: Readonly<Record<string, SafeFunction>> = {
  UCASE: 'UPPER', LCASE: 'LOWER', CHARACTER_LENGTH: 'CHAR_LENGTH',
};
const FUNCTION_ARITY: Readonly<Record<SafeFunction, readonly [number, number]>> = {
  UPPER: [1, 1], LOWER: [1, 1], CONCAT: [1, Infinity], COALESCE: [1, Infinity], IFNULL: [2, 2], ABS: [1, 1],
  CHAR_LENGTH: [1, 1], LENGTH: [1, 1],
};

const isIdentStart = (c: string): boolean => /[A-Za-z_$\u0080-\uFFFF]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uFFFF]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** MySQL string-literal escapes (default sql_mode). \% and \_ keep their backslash, for LIKE patterns. */
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', "'": "'", '"': '"', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '\\': '\\', '%': '\\%', _: '\\_',
};

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    const next = input[i + 1] ?? '';
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#' || (c === '-' && next === '-') || (c === '/' && next === '*')) {
      throw new FilterSyntaxError(
        c === '-' ? "comments are not allowed ('--'); to negate twice write '- -' with a space" : 'comments are not allowed', i);
    }
    if (c === ';') throw new FilterSyntaxError("statements are not allowed (';')", i);
    if (c === '@') throw new FilterSyntaxError('variables are not allowed', i);
    if (c === '?' || c === ':') throw new FilterSyntaxError(`placeholders are not allowed ('${c}')`, i);
    if (c === '"') throw new FilterSyntaxError("double-quoted text is ambiguous (string or identifier): use 'single quotes' for strings, `backquotes` for names", i);
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new FilterSyntaxError('unterminated string literal', i);
        const d = input[j]!;
        if (d === "'") {
          if (input[j + 1] === "'") { value += "'"; j += 2; continue; }
          j++;
          break;
        }
        if (d === '\\') {
          if (j + 1 >= n) throw new FilterSyntaxError('unterminated string literal', i);
          const e = input[j + 1]!;
          value += BACKSLASH_ESCAPES[e] ?? e;
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      tokens.push({ type: 'string', text: value, pos: i });
      i = j;
      continue;
    }
    if (c === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new FilterSyntaxError('unterminated `quoted` name', i);
        const d = input[j]!;
        if (d === '`') {
          if (input[j + 1] === '`') { name += '`'; j += 2; continue; }
          j++;
          break;
        }
        name += d;
        j++;
      }
      if (name === '') throw new FilterSyntaxError('empty `quoted` name', i);
      tokens.push({ type: 'quotedIdent', text: name, pos: i });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(input.slice(i))!;
      let j = i + m[0].length;
      if (j < n && isIdentChar(input[j]!)) {
        if (/^0[xXbB]/.test(input.slice(i))) throw new FilterSyntaxError('hexadecimal and bit literals are not supported', i);
        throw new FilterSyntaxError(`'${input.slice(i, j + 1)}' is neither a number nor a name: quote names that start with a digit in backquotes`, i);
      }
      tokens.push({ type: 'number', text: m[0], pos: i });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(input[j]!)) j++;
      if ((c === 'x' || c === 'X' || c === 'b' || c === 'B' || c === 'n' || c === 'N') && j === i + 1 && input[j] === "'") {
        throw new FilterSyntaxError(`${c}'...' literals are not supported: use a plain 'string'`, i);
      }
      if (c === '_' && input[j] === "'") throw new FilterSyntaxError('character set introducers are not supported', i);
      tokens.push({ type: 'word', text: input.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') { tokens.push({ type: c, text: c, pos: i }); i++; continue; }
    if (c === '.') throw new FilterSyntaxError('qualified names (table.column) are not allowed: name the column only', i);
    const three = input.slice(i, i + 3);
    const two = input.slice(i, i + 2);
    if (three === '<=>') { tokens.push({ type: 'op', text: three, pos: i }); i += 3; continue; }
    if (['<=', '>=', '<>', '!='].includes(two)) { tokens.push({ type: 'op', text: two, pos: i }); i += 2; continue; }
    if (two === '&&' || two === '||') {
      throw new FilterSyntaxError(`'${two}' is not allowed: write ${two === '&&' ? 'AND' : 'OR'}`, i);
    }
    if (two === '<<' || two === '>>' || c === '&' || c === '|' || c === '^' || c === '~') {
      throw new FilterSyntaxError(`bitwise operator '${two === '<<' || two === '>>' ? two : c}' is not allowed`, i);
    }
    if (c === '!') throw new FilterSyntaxError("'!' is not allowed: write NOT", i);
    if ('=<>+-*/%'.includes(c)) { tokens.push({ type: 'op', text: c, pos: i }); i++; continue; }
    throw new FilterSyntaxError(`unexpected character '${c}'`, i);
  }
  tokens.push({ type: 'eof', text: '', pos: n });
  return tokens;
}

const COMPARE_OPS: Readonly<Record<string, CompareOp>> = {
  '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '<=>': '<=>',
};

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): FilterExpr {
    const expr = this.expr();
    const t = this.peek();
    if (t.type !== 'eof') {
      const w = t.type === 'word' ? t.text.toUpperCase() : '';
      const reason = REJECTED_WORDS[w] ?? `unexpected ${describe(t)} after a complete condition`;
      throw new FilterSyntaxError(reason, t.pos);
    }
    return expr;
  }

  private peek(offset = 0): Token { return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!; }
  private take(): Token { return this.tokens[this.i++]!; }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'word' && t.text.toUpperCase() === word;
  }
  private isOp(op: string): boolean { const t = this.peek(); return t.type === 'op' && t.text === op; }
  private expectWord(word: string): void {
    if (!this.isWord(word)) throw new FilterSyntaxError(`expected ${word} but found ${describe(this.peek())}`, this.peek().pos);
    this.i++;
  }
  private expect(type: TokenType): Token {
    const t = this.peek();
    if (t.type !== type) throw new FilterSyntaxError(`expected '${type}' but found ${describe(t)}`, t.pos);
    return this.take();
  }
  private nest<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new FilterSyntaxError(`expression nested deeper than ${MAX_DEPTH} levels`, this.peek().pos);
    try { return f(); } finally { this.depth--; }
  }

  // expr: OR < XOR < AND < NOT < IS TRUE/FALSE < comparison/IS NULL < predicate (IN, BETWEEN, LIKE) < + - < * / DIV % < unary
  private expr(): FilterExpr { return this.nest(() => this.orExpr()); }

  private orExpr(): FilterExpr {
    let left = this.xorExpr();
    while (this.isWord('OR')) { this.i++; left = { kind: 'logical', op: 'OR', left, right: this.xorExpr() }; }
    return left;
  }
  private xorExpr(): FilterExpr {
    let left = this.andExpr();
    while (this.isWord('XOR')) { this.i++; left = { kind: 'logical', op: 'XOR', left, right: this.andExpr() }; }
    return left;
  }
  private andExpr(): FilterExpr {
    let left = this.notExpr();
    while (this.isWord('AND')) { this.i++; left = { kind: 'logical', op: 'AND', left, right: this.notExpr() }; }
    return left;
  }
  private notExpr(): FilterExpr {
    if (this.isWord('NOT')) { this.i++; return this.nest(() => ({ kind: 'not', operand: this.notExpr() })); }
    return this.booleanPrimary();
  }
  /** boolean_primary: predicate { IS [NOT] NULL|TRUE|FALSE|UNKNOWN | cmp predicate }* */
  private booleanPrimary(): FilterExpr {
    let left = this.predicate();
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && COMPARE_OPS[t.text]) {
        this.i++;
        if (this.isWord('ANY') || this.isWord('ALL') || this.isWord('SOME')) {
          throw new FilterSyntaxError('subqueries are not allowed', this.peek().pos);
        }
        left = { kind: 'compare', op: COMPARE_OPS[t.text]!, left, right: this.predicate() };
        continue;
      }
      if (this.isWord('IS')) {
        this.i++;
        const negated = this.isWord('NOT');
        if (negated) this.i++;
        const v = this.take();
        const w = v.type === 'word' ? v.text.toUpperCase() : '';
        if (w === 'NULL') left = { kind: 'isNull', negated, operand: left };
        else if (w === 'TRUE' || w === 'FALSE' || w === 'UNKNOWN') {
          left = { kind: 'isBool', negated, operand: left, value: w === 'UNKNOWN' ? null : w === 'TRUE' };
        } else throw new FilterSyntaxError(`IS ${negated ? 'NOT ' : ''}must be followed by NULL, TRUE, FALSE or UNKNOWN, found ${describe(v)}`, v.pos);
        continue;
      }
      return left;
    }
  }
  /** predicate: bit_expr [NOT] IN (...) | [NOT] BETWEEN bit_expr AND predicate | [NOT] LIKE simple [ESCAPE 'c'] */
  private predicate(): FilterExpr {
    const operand = this.additive();
    const negated = this.isWord('NOT') && (this.isWord('IN', 1) || this.isWord('BETWEEN', 1) || this.isWord('LIKE', 1)
      || this.isWord('REGEXP', 1) || this.isWord('RLIKE', 1));
    if (negated) this.i++;
    if (this.isWord('IN')) {
      this.i++;
      const open = this.expect('(');
      if (this.isWord('SELECT')) throw new FilterSyntaxError('subqueries are not allowed', this.peek().pos);
      if (this.peek().type === ')') throw new FilterSyntaxError('IN () needs at least one value', open.pos);
      const list: FilterExpr[] = [this.expr()];
      while (this.peek().type === ',') { this.i++; list.push(this.expr()); }
      this.expect(')');
      return { kind: 'in', negated, operand, list };
    }
    if (this.isWord('BETWEEN')) {
      this.i++;
      const low = this.additive();
      this.expectWord('AND');
      const high = this.nest(() => this.predicate());
      return { kind: 'between', negated, operand, low, high };
    }
    if (this.isWord('LIKE')) {
      this.i++;
      const pattern = this.unary();
      let escape: string | undefined;
      if (this.isWord('ESCAPE')) {
        this.i++;
        const e = this.take();
        if (e.type !== 'string' || [...e.text].length > 1) {
          throw new FilterSyntaxError("ESCAPE takes a one-character string literal, e.g. ESCAPE '!'", e.pos);
        }
        escape = e.text;
      }
      return escape === undefined ? { kind: 'like', negated, operand, pattern } : { kind: 'like', negated, operand, pattern, escape };
    }
    if (this.isWord('REGEXP') || this.isWord('RLIKE')) {
      throw new FilterSyntaxError(`${this.peek().text.toUpperCase()} is not supported: use LIKE`, this.peek().pos);
    }
    return operand;
  }
  private additive(): FilterExpr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.take().text as '+' | '-';
      left = { kind: 'arith', op, left, right: this.multiplicative() };
    }
    return left;
  }
  private multiplicative(): FilterExpr {
    let left = this.unary();
    for (;;) {
      if (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
        const op = this.take().text as '*' | '/' | '%';
        left = { kind: 'arith', op, left, right: this.unary() };
      } else if (this.isWord('DIV') || this.isWord('MOD')) {
        const op = this.take().text.toUpperCase() === 'DIV' ? 'DIV' : '%';
        left = { kind: 'arith', op, left, right: this.unary() };
      } else return left;
    }
  }
  private unary(): FilterExpr {
    if (this.isOp('-')) {
      this.i++;
      return this.nest(() => {
        const operand = this.unary();
        // Fold "-<number literal>" so big negative literals keep their exact text.
        if (operand.kind === 'number' && !operand.text.startsWith('-')) return { ...operand, text: `-${operand.text}` };
        return { kind: 'negate', operand };
      });
    }
    if (this.isOp('+')) { this.i++; return this.nest(() => this.unary()); }
    return this.primary();
  }
  private primary(): FilterExpr {
    const t = this.take();
    switch (t.type) {
      case 'number': return { kind: 'number', text: t.text, numeric: numericKind(t.text) };
      case 'string':
        if (this.peek().type === 'string') {
          throw new FilterSyntaxError('adjacent string literals are not allowed: write one string', this.peek().pos);
        }
        return { kind: 'string', value: t.text };
      case 'quotedIdent': return this.columnAfter(t);
      case '(': {
        if (this.isWord('SELECT') || this.isWord('WITH')) throw new FilterSyntaxError('subqueries are not allowed', this.peek().pos);
        const inner = this.expr();
        if (this.peek().type === ',') throw new FilterSyntaxError('row constructors (a, b) are not supported', this.peek().pos);
        this.expect(')');
        return inner;
      }
      case 'word': {
        const upper = t.text.toUpperCase();
        if (this.peek().type === '(') return this.call(t, upper);
        if (upper === 'NULL') return { kind: 'null' };
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'bool', value: upper === 'TRUE' };
        if (upper === 'NOT') throw new FilterSyntaxError('NOT used as an operand must be in parentheses, e.g. a = (NOT b)', t.pos);
        const rejected = REJECTED_WORDS[upper];
        if (rejected) throw new FilterSyntaxError(rejected, t.pos);
        return this.columnAfter(t);
      }
      case 'eof': throw new FilterSyntaxError('the condition ends where a value was expected', t.pos);
      default: throw new FilterSyntaxError(`expected a value but found ${describe(t)}`, t.pos);
    }
  }
  private columnAfter(t: Token): FilterExpr {
    return { kind: 'column', name: t.text };
  }
  private call(t: Token, upper: string): FilterExpr {
    const name = (SAFE_FUNCTIONS as readonly string[]).includes(upper) ? (upper as SafeFunction) : FUNCTION_ALIASES[upper];
    if (!name) {
      throw new FilterSyntaxError(`function ${upper}() is not allowed; allowed functions: ${SAFE_FUNCTIONS.join(', ')}`, t.pos);
    }
    this.expect('(');
    const args: FilterExpr[] = [];
    if (this.peek().type !== ')') {
      if (this.isWord('SELECT')) throw new FilterSyntaxError('subqueries are not allowed', this.peek().pos);
      args.push(this.expr());
      while (this.peek().type === ',') { this.i++; args.push(this.expr()); }
    }
    this.expect(')');
    const [min, max] = FUNCTION_ARITY[name];
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new FilterSyntaxError(`${name}() takes ${want} argument(s), got ${args.length}`, t.pos);
    }
    return { kind: 'call', name, args };
  }
}

function numericKind(text: string): NumericKind {
  if (/[eE]/.test(text)) return 'double';
  if (text.includes('.')) return 'decimal';
  return 'integer';
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof': return 'the end of the condition';
    case 'string': return 'a string literal';
    case 'quotedIdent': return `\`${t.text}\``;
    default: return `'${t.text}'`;
  }
}

function locate(input: string, pos: number): string {
  const near = input.slice(pos, pos + 20).replace(/\s+/g, ' ');
  return near ? `at position ${pos + 1} (near "${near}")` : `at position ${pos + 1} (end of input)`;
}

/** Parse a filter condition. Never throws: errors come back as { ok: false, error } naming what and where. */
export function parseFilter(sql: string): ParseFilterResult {
  if (typeof sql !== 'string' || sql.trim() === '') return { ok: false, error: 'filter condition is empty' };
  if (sql.length > MAX_LENGTH) return { ok: false, error: `filter condition is longer than ${MAX_LENGTH} characters` };
  try {
    const ast = new Parser(tokenize(sql)).parseAll();
    return { ok: true, ast, columns: referencedColumns(ast) };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: `${e.message} ${locate(sql, e.pos)}` };
    throw e;
  }
}

/** Parse or throw with the task/object named; for callers that have already validated at synth time. */
export function parseFilterOrThrow(sql: string, where: string): FilterExpr {
  const r = parseFilter(sql);
  if (!r.ok) throw new Error(`${where}: invalid filter condition ${JSON.stringify(sql)}: ${r.error}`);
  return r.ast;
}
