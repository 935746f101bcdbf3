/**
 * A lossless MySQL tokenizer for rewriting identifiers in DDL: every character of the input belongs
 * to exactly one token, so joining the token texts gives the statement back. It respects
 * backquoted identifiers, '…' and "…" strings (with backslash and doubled-quote escapes), comments
 * (-- , #, /* *\/) and reads the body of executable comments (/*!50001 … *\/, /*M! … *\/) as code,
 * as the server does.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'punct' | 'space' | 'comment' | 'exec-open' | 'exec-close';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token. */
  readonly text: string;
  /** word: as written; quoted: the unquoted identifier; string: the raw inner text. */
  readonly value: string;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  let inExec = false;
  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const text = sql.slice(start, end);
    out.push({ kind, text, value: value ?? text });
  };
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i]!)) i++;
      push('space', start, i);
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const exec = /^\/\*M?!\d*/.exec(sql.slice(i, i + 12));
      if (exec) {
        i += exec[0].length;
        inExec = true;
        push('exec-open', start, i);
        continue;
      }
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      push('comment', start, i);
      continue;
    }
    if (inExec && c === '*' && sql[i + 1] === '/') {
      i += 2;
      inExec = false;
      push('exec-close', start, i);
      continue;
    }
    if (c === '#' || (c === '-' && sql[i + 1] === '-' && (i + 2 >= n || /\s/.test(sql[i + 2]!)))) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end;
      push('comment', start, i);
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      let value = '';
      while (j < n) {
        if (sql[j] === '`') {
          if (sql[j + 1] === '`') { value += '`'; j += 2; continue; }
          break;
        }
        value += sql[j];
        j++;
      }
      i = Math.min(n, j + 1);
      push('quoted', start, i, value);
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '\\') { j += 2; continue; }
        if (sql[j] === c) {
          if (sql[j + 1] === c) { j += 2; continue; }
          break;
        }
        j++;
      }
      i = Math.min(n, j + 1);
      push('string', start, i, sql.slice(start + 1, Math.max(start + 1, i - 1)));
      continue;
    }
    const m = /^[A-Za-z0-9_$\u0080-\uFFFF]+/.exec(sql.slice(i, i + 256));
    if (m) {
      i += m[0].length;
      push('word', start, i);
      continue;
    }
    i++;
    push('punct', start, i);
  }
  return out;
}

/** True for tokens that carry meaning (not whitespace, comments or executable-comment markers). */
export function significant(t: Token): boolean {
  return t.kind !== 'space' && t.kind !== 'comment' && t.kind !== 'exec-open' && t.kind !== 'exec-close';
}

export function isIdentifier(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
}

export function upperWord(t: Token | undefined): string {
  return t?.kind === 'word' ? t.value.toUpperCase() : '';
}
