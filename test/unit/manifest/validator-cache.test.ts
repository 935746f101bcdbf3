// The manifest validator's compiled code is kept between runs (runtime/manifest/validate.ts): a cached
// validator must judge exactly as a freshly compiled one, and a damaged cache must not matter.
import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestValidator } from '../../../runtime/manifest/validate.js';
import { FULL_SAMPLE } from './sample.js';

type Json = Record<string, unknown>;
const variants = (): unknown[] => {
  const m = (): Json => JSON.parse(JSON.stringify(FULL_SAMPLE)) as Json;
  const task = (x: Json, i: number) => (x.tasks as Json[])[i]!;
  const a = m();
  delete a.version;
  const b = m();
  (task(b, 0).retry as Json).connectionMinutes = 5;
  const c = m();
  (task(c, 1).source as Json).password = 'hunter2';
  const d = m();
  d.extra = true;
  return [FULL_SAMPLE, a, b, c, d, {}, null, 'x'];
};
const verdicts = (validate: ReturnType<typeof manifestValidator>) =>
  variants().map((v) => {
    const ok = validate(v);
    return { ok, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`) };
  });

describe('manifest validator cache', () => {
  it('a validator loaded from the cache judges as the compiled one, whose code it wrote there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-validator-'));
    const compiled = manifestValidator(dir);
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^manifest-validator-[0-9a-f]{16}\.cjs$/)]);
    appendFileSync(join(dir, files[0]!), '\nmodule.exports.fromCache = true;\n');
    const cached = manifestValidator(dir);
    expect((cached as unknown as { fromCache?: boolean }).fromCache).toBe(true); // loaded from the file, not compiled again
    const expected = verdicts(compiled);
    expect(expected[0]).toEqual({ ok: true, errors: [] });
    expect(expected.slice(1).every((v) => !v.ok && v.errors.length > 0)).toBe(true);
    expect(verdicts(cached)).toEqual(expected);
  });

  it('a damaged cache file is compiled again and replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-validator-'));
    manifestValidator(dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'module.exports = (;');
    const validate = manifestValidator(dir);
    expect(verdicts(validate)[0]).toEqual({ ok: true, errors: [] });
    expect(readdirSync(dir)).toEqual([file]);
    expect(readFileSync(join(dir, file!), 'utf8')).toContain('module.exports = validate'); // the compiled code again, not the damage
  });

  it('an unwritable cache only costs the compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-validator-'));
    writeFileSync(join(dir, 'file'), '');
    const validate = manifestValidator(join(dir, 'file', 'cache')); // its parent is a file: ENOTDIR
    expect(verdicts(validate)[0]).toEqual({ ok: true, errors: [] });
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
