import { describe, it, expect } from '@jest/globals';
import { parseFilter } from '../../../runtime/transforms/filter/parse.js';
import type { FilterExpr } from '../../../runtime/transforms/filter/ast.js';

/** Compact s-expression of an AST, so precedence is visible in one line. */
function sx(e: FilterExpr): string {
  switch (e.kind) {
    case 'column': return e.name;
    case 'null': return 'NULL';
    case 'bool': return e.value ? 'TRUE' : 'FALSE';
    case 'number': return `${e.text}:${e.numeric[0]}`;
    case 'string': return JSON.stringify(e.value);
    case 'negate': return `(neg ${sx(e.operand)})`;
    case 'not': return `(NOT ${sx(e.operand)})`;
    case 'logical': case 'compare': case 'arith': return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'in': return `(${e.negated ? 'NOT ' : ''}IN ${sx(e.operand)} [${e.list.map(sx).join(' ')}])`;
    case 'between': return `(${e.negated ? 'NOT ' : ''}BETWEEN ${sx(e.operand)} ${sx(e.low)} ${sx(e.high)})`;
    case 'like': return `(${e.negated ? 'NOT ' : ''}LIKE ${sx(e.operand)} ${sx(e.pattern)}${e.escape !== undefined ? ` esc ${JSON.stringify(e.escape)}` : ''})`;
    case 'isNull': return `(IS ${e.negated ? 'NOT ' : ''}NULL ${sx(e.operand)})`;
    case 'isBool': return `(IS ${e.negated ? 'NOT ' : ''}${e.value === null ? 'UNKNOWN' : e.value ? 'TRUE' : 'FALSE'} ${sx(e.operand)})`;
    case 'call': return `${e.name}(${e.args.map(sx).join(' ')})`;
  }
}

function ok(sql: string): string {
  const r = parseFilter(sql);
  if (!r.ok) throw new Error(`expected ${sql} to parse: ${r.error}`);
  return sx(r.ast);
}
function err(sql: string): string {
  const r = parseFilter(sql);
  if (r.ok) throw new Error(`expected ${sql} to be rejected, got ${sx(r.ast)}`);
  return r.error;
}

describe('parseFilter: accepted syntax and MySQL precedence', () => {
  it.each([
    ['a = 1', '(= a 1:i)'],
    ["status <> 'cancelled' AND amount > 10", '(AND (<> status "cancelled") (> amount 10:i))'],
    // node-sql-parser 5.4.0 gets this one wrong ((a OR b) AND c); MySQL: AND binds tighter.
    ['a OR b AND c', '(OR a (AND b c))'],
    ['a AND b OR c AND d', '(OR (AND a b) (AND c d))'],
    ['a OR b XOR c', '(OR a (XOR b c))'],
    ['a XOR b AND c', '(XOR a (AND b c))'],
    ['NOT a = 1', '(NOT (= a 1:i))'],
    ['NOT a AND b', '(AND (NOT a) b)'],
    ['NOT NOT a', '(NOT (NOT a))'],
    ['1 + 2 * 3 = 7', '(= (+ 1:i (* 2:i 3:i)) 7:i)'],
    ['a - b - c = 0', '(= (- (- a b) c) 0:i)'],
    ['a DIV 2 % 3 = -b', '(= (% (DIV a 2:i) 3:i) (neg b))'],
    ['a MOD 2 = 1', '(= (% a 2:i) 1:i)'],
    ['-a * b > 0', '(> (* (neg a) b) 0:i)'],
    ['- -5 < +3', '(< (neg -5:i) 3:i)'],
    ['a = 1 = 2', '(= (= a 1:i) 2:i)'],
    ['a != 1', '(<> a 1:i)'],
    ['a <=> NULL', '(<=> a NULL)'],
    ['NOT a <=> NULL', '(NOT (<=> a NULL))'],
    ['a IN (1, 2, \'3\')', '(IN a [1:i 2:i "3"])'],
    ['a NOT IN (1)', '(NOT IN a [1:i])'],
    ['a BETWEEN 1 AND 2 AND b', '(AND (BETWEEN a 1:i 2:i) b)'],
    ['a NOT BETWEEN b + 1 AND c * 2', '(NOT BETWEEN a (+ b 1:i) (* c 2:i))'],
    ["name LIKE 'a%'", '(LIKE name "a%")'],
    ["name NOT LIKE 'a!%%' ESCAPE '!'", '(NOT LIKE name "a!%%" esc "!")'],
    ["name LIKE 'x' ESCAPE ''", '(LIKE name "x" esc "")'],
    ['c IS NULL OR c IS NOT NULL', '(OR (IS NULL c) (IS NOT NULL c))'],
    ['a = 1 IS TRUE', '(IS TRUE (= a 1:i))'],
    ['a IS NOT UNKNOWN', '(IS NOT UNKNOWN a)'],
    ['TRUE AND FALSE OR NULL', '(OR (AND TRUE FALSE) NULL)'],
    ['(a = 1 OR b = 2) AND c = 3', '(AND (OR (= a 1:i) (= b 2:i)) (= c 3:i))'],
    ['`my col` = 1.50', '(= my col 1.50:d)'],
    ['`we``ird` = .5', '(= we`ird .5:d)'],
    ['a = 1e3 AND b = 1.5E-2', '(AND (= a 1e3:d) (= b 1.5E-2:d))'],
    ['a = 123456789012345678901234567890', '(= a 123456789012345678901234567890:i)'],
    ['a = -18446744073709551615', '(= a -18446744073709551615:i)'],
    ["a = 'it''s'", '(= a "it\'s")'],
    ["a = 'x\\'y\\n\\\\'", '(= a "x\'y\\n\\\\")'],
    ["a LIKE 'x\\%'", '(LIKE a "x\\\\%")'],
    ['UPPER(name) = \'X\' AND ucase(b) = lcase(c)', '(AND (= UPPER(name) "X") (= UPPER(b) LOWER(c)))'],
    ["CONCAT(a, '-', b) LIKE 'x%' AND COALESCE(a, b, 0) > IFNULL(c, 1)", '(AND (LIKE CONCAT(a "-" b) "x%") (> COALESCE(a b 0:i) IFNULL(c 1:i)))'],
    ['ABS(a) + CHAR_LENGTH(b) + LENGTH(c) > 0', '(> (+ (+ ABS(a) CHAR_LENGTH(b)) LENGTH(c)) 0:i)'],
    ['é = 1', '(= é 1:i)'],
    ['  a\n=\t1  ', '(= a 1:i)'],
  ])('%s', (sql, expected) => {
    expect(ok(sql)).toBe(expected);
  });

  it.each([['1e3', 'double'], ['1.0E+2', 'double'], ['12', 'integer'], ['12.', 'decimal']])('number %s is %s', (text, kind) => {
    const r = parseFilter(`a = ${text}`);
    expect(r.ok && r.ast.kind === 'compare' && r.ast.right.kind === 'number' && r.ast.right.numeric).toBe(kind);
  });

  it('lists referenced columns once each, in order of first use', () => {
    const r = parseFilter('b = 1 AND (a > b OR UPPER(`c d`) IN (a, e))');
    expect(r.ok && r.columns).toEqual(['b', 'a', 'c d', 'e']);
  });
});

describe('parseFilter: rejected input names what and where', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['a = 1; DROP TABLE t', /statements are not allowed \(';'\) at position 6/],
    ['a = 1 -- x', /comments are not allowed.*position 7/],
    ['a = 1 # x', /comments are not allowed/],
    ['a = 1 /* x */', /comments are not allowed/],
    ['a = --1', /comments are not allowed.*'- -'/],
    ['a = (SELECT 1)', /subqueries are not allowed at position 6/],
    ['a IN (SELECT b FROM u)', /subqueries are not allowed/],
    ['EXISTS (SELECT 1)', /function EXISTS\(\) is not allowed/],
    ['a = ANY (SELECT 1)', /subqueries are not allowed/],
    ['SELECT 1', /subqueries and statements are not allowed at position 1/],
    ['a = 1 UNION SELECT 1', /statements are not allowed at position 7/],
    ['a = 1 GROUP BY a', /statements are not allowed/],
    ['a = 1 LIMIT 1', /statements are not allowed/],
    ['a = 1 ORDER BY a', /statements are not allowed/],
    ['a = 1 INTO OUTFILE \'x\'', /statements are not allowed/],
    ['WHERE a = 1', /without WHERE/],
    ['a = @v', /variables are not allowed at position 5/],
    ['a = @@version', /variables are not allowed/],
    ['a = ?', /placeholders/],
    ['a = :x', /placeholders/],
    ['a = "x"', /double-quoted/],
    ['SLEEP(10) = 0', /function SLEEP\(\) is not allowed.*UPPER/],
    ['a = NOW()', /function NOW\(\) is not allowed/],
    ['LOAD_FILE(\'/etc/passwd\') IS NULL', /function LOAD_FILE\(\) is not allowed/],
    ['UPPER(a, b) = 1', /UPPER\(\) takes 1 argument\(s\), got 2/],
    ['IFNULL(a) = 1', /IFNULL\(\) takes 2 argument/],
    ['t.a = 1', /qualified names/],
    ['a && b', /'&&' is not allowed: write AND/],
    ['a || b', /'\|\|' is not allowed: write OR/],
    ['!a', /'!' is not allowed: write NOT/],
    ['a & 1 = 1', /bitwise operator '&'/],
    ['~a = 1', /bitwise operator '~'/],
    ['a << 1 = 2', /bitwise operator '<<'/],
    ['a REGEXP \'x\'', /REGEXP is not supported/],
    ['a = CASE WHEN b THEN 1 END', /CASE is not supported/],
    ['a = DATE \'2020-01-01\'', /typed literals/],
    ['a = 0x1F', /hexadecimal and bit literals/],
    ["a = X'1F'", /X'...' literals are not supported/],
    ["a = _utf8mb4'x'", /introducers/],
    ["a = 'x' COLLATE utf8mb4_bin", /COLLATE is not supported/],
    ['a = 1abc', /neither a number nor a name/],
    ['(a, b) = (1, 2)', /row constructors/],
    ['a IN ()', /needs at least one value/],
    ["a LIKE 'x' ESCAPE 'ab'", /one-character string/],
    ["a LIKE 'x' ESCAPE b", /one-character string/],
    ['a = ', /ends where a value was expected/],
    ['a = (1', /expected '\)' but found the end/],
    ['a = 1)', /unexpected '\)'/],
    ["a = 'unterminated", /unterminated string literal at position 5/],
    ['`a = 1', /unterminated `quoted` name/],
    ['a BETWEEN 1 OR 2', /expected AND/],
    ['a IS 5', /IS must be followed by NULL, TRUE, FALSE or UNKNOWN/],
    ['a = NOT b', /NOT used as an operand must be in parentheses/],
    ["a = 'x' 'y'", /adjacent string literals/],
    ['AND a', /AND needs an operand/],
    ['a b', /unexpected 'b' after a complete condition/],
  ])('%s', (sql, pattern) => {
    expect(err(sql)).toMatch(pattern);
  });

  it('rejects pathologically deep nesting instead of overflowing the stack', () => {
    expect(err('('.repeat(5000) + 'a' + ')'.repeat(5000))).toMatch(/nested deeper than/);
    expect(err('-'.repeat(1000).split('').join(' ') + ' a')).toMatch(/nested deeper than/);
  });
});
