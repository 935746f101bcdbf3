// The engine image (Dockerfile) cannot be built here (no container daemon, no image registry); what
// can be checked is checked: every file it copies exists and is not excluded by .dockerignore, its
// entrypoint is the dts bin, its user and paths are the ones the StatefulSet uses, and the engine
// imports only production dependencies that the image keeps (it prunes development packages and the
// construct library).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { KUBERNETES_PATHS, KUBERNETES_POD_USER } from '../../../lib/kubernetes/props.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; bin: Record<string, string>; engines: { node: string } };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('Dockerfile', () => {
  it('copies files that exist and that .dockerignore keeps', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'patches', 'runtime', 'schemas']));
    for (const s of sources) {
      expect([s, existsSync(join(ROOT, s))]).toEqual([s, true]);
      expect([s, ignored.some((i) => s === i || s.startsWith(`${i}/`))]).toEqual([s, false]);
    }
  });

  it('runs the dts bin as the StatefulSet expects: its user, its paths, a supported Node', () => {
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "/app/${pkg.bin.dts}"]`);
    expect(existsSync(join(ROOT, pkg.bin.dts))).toBe(true);
    expect(dockerfile).toContain(`USER ${KUBERNETES_POD_USER}:${KUBERNETES_POD_USER}`);
    expect(dockerfile).toContain(`chown ${KUBERNETES_POD_USER}:${KUBERNETES_POD_USER} ${KUBERNETES_PATHS.stateDir}`);
    expect(dockerfile).toContain(KUBERNETES_PATHS.manifestDir);
    const nodeMajor = Number(/^FROM node:(\d+)/m.exec(dockerfile)![1]);
    expect(nodeMajor).toBeGreaterThanOrEqual(Number(/>=(\d+)/.exec(pkg.engines.node)![1]));
  });

  it('the engine imports only production dependencies the image keeps', () => {
    const removed = [...dockerfile.matchAll(/node_modules\/(\S+)/g)].map((m) => m[1]!);
    const bare = new Map<string, string>();
    for (const file of walk(join(ROOT, 'runtime')).filter((f) => /\.(ts|mjs)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        bare.set(name, relative(ROOT, file));
      }
      for (const m of text.matchAll(/from '((?:\.\.\/)+)([^']+)'/g)) {
        const target = relative(ROOT, join(file, '..', m[1]!, m[2]!));
        expect([relative(ROOT, file), target.startsWith('runtime/') || target.startsWith('schemas/')]).toEqual([relative(ROOT, file), true]);
      }
    }
    expect(bare.size).toBeGreaterThan(3);
    for (const [name, where] of bare) {
      expect({ name, where, production: pkg.dependencies[name] !== undefined }).toEqual({ name, where, production: true });
      expect({ name, where, removedFromImage: removed.some((r) => r === name || r.startsWith(`${name}/`) || name.startsWith(`${r}/`)) }).toEqual({ name, where, removedFromImage: false });
    }
  });
});
