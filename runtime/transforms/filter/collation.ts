/**
 * String comparison and LIKE as MariaDB/MySQL do them under utf8mb4_general_ci (MariaDB's default
 * utf8mb4 collation, and what DTS filters see on most sources): case-insensitive, accent-insensitive
 * (a = á = A), 'ß' = 's', every supplementary character (emoji) weighs the same, and PAD SPACE:
 * trailing spaces are ignored by = and < but not by LIKE.
 * Binary strings (BINARY/VARBINARY/BLOB) compare byte by byte, NO PAD.
 * Known difference: MySQL 8's utf8mb4_0900_ai_ci is NO PAD and expands 'ß' to 'ss'; we follow general_ci.
 */

const weightCache = new Map<number, number>();

/** utf8mb4_general_ci weight of one code point: the upper-case base letter, accents stripped. */
function weightOf(cp: number): number {
  if (cp > 0xffff) return 0xfffd;
  const cached = weightCache.get(cp);
  if (cached !== undefined) return cached;
  let w = cp;
  if (cp === 0xdf) w = 0x53; // ß sorts as S in general_ci
  else if (cp >= 0x80 || (cp >= 0x61 && cp <= 0x7a)) {
    const ch = String.fromCodePoint(cp);
    const base = ch.normalize('NFD').codePointAt(0)!;
    const upper = String.fromCodePoint(base).toUpperCase();
    w = [...upper].length === 1 ? upper.codePointAt(0)! : base;
  }
  if (weightCache.size < 65536) weightCache.set(cp, w);
  return w;
}

function weights(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(weightOf(ch.codePointAt(0)!));
  return out;
}

function trimTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** -1, 0, 1 under utf8mb4_general_ci PAD SPACE. */
export function compareCi(a: string, b: string): number {
  const wa = weights(trimTrailingSpaces(a));
  const wb = weights(trimTrailingSpaces(b));
  const n = Math.min(wa.length, wb.length);
  for (let i = 0; i < n; i++) {
    if (wa[i] !== wb[i]) return wa[i]! < wb[i]! ? -1 : 1;
  }
  return wa.length === wb.length ? 0 : wa.length < wb.length ? -1 : 1;
}

/** Byte-wise comparison of binary strings held as latin1 (one char per byte). */
export function compareBinary(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

type PatternPart = { readonly kind: 'any' } | { readonly kind: 'one' } | { readonly kind: 'lit'; readonly w: number };

function compilePattern(pattern: string, escape: string, weigh: (cp: number) => number): PatternPart[] {
  const chars = [...pattern];
  const parts: PatternPart[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape && i + 1 < chars.length) {
      parts.push({ kind: 'lit', w: weigh(chars[++i]!.codePointAt(0)!) });
    } else if (c === '%') {
      if (parts[parts.length - 1]?.kind !== 'any') parts.push({ kind: 'any' });
    } else if (c === '_') parts.push({ kind: 'one' });
    else parts.push({ kind: 'lit', w: weigh(c.codePointAt(0)!) });
  }
  return parts;
}

/**
 * MySQL LIKE: % any run, _ exactly one character, `escape` makes the next character literal
 * ('' = no escape character). Case/accent-insensitive unless `binary`; trailing spaces count.
 */
export function like(value: string, pattern: string, escape: string, binary: boolean): boolean {
  const weigh = binary ? (cp: number) => cp : weightOf;
  const text = [...value].map((ch) => weigh(ch.codePointAt(0)!));
  const parts = compilePattern(pattern, escape, weigh);
  // Greedy wildcard match with single-star backtracking: O(n*m) worst case, no recursion.
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const part = parts[p];
    if (part && (part.kind === 'one' || (part.kind === 'lit' && part.w === text[t]))) { t++; p++; continue; }
    if (part && part.kind === 'any') { starP = p++; starT = t; continue; }
    if (starP >= 0) { p = starP + 1; t = ++starT; continue; }
    return false;
  }
  while (parts[p]?.kind === 'any') p++;
  return p === parts.length;
}
