// The alert rules shipped in examples/monitoring, checked and unit-tested with Prometheus's own
// promtool (Debian package prometheus, installed here when missing and running as root). A copy with
// a changed threshold must fail the same tests: they pin the rules' behaviour, not only their syntax.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianTool } from '../../../scripts/stack/apt.js';
import { REPO_ROOT } from '../../../scripts/stack/config.js';

const DIR = join(REPO_ROOT, 'examples', 'monitoring');

describe('Prometheus alert rules (promtool)', () => {
  const promtool = ensureDebianTool('promtool', 'prometheus', 'prometheus rules test');
  const run = (args: string[], cwd: string) => spawnSync(promtool, args, { cwd, encoding: 'utf8' });

  it('are valid rules and pass their unit tests', () => {
    const check = run(['check', 'rules', 'dts-alerts.yml'], DIR);
    expect({ code: check.status, out: check.stdout + check.stderr }).toEqual({ code: 0, out: expect.stringContaining('SUCCESS: 5 rules found') });
    const test = run(['test', 'rules', 'dts-alerts.test.yml'], DIR);
    expect({ code: test.status, out: test.stdout + test.stderr }).toEqual({ code: 0, out: expect.stringContaining('SUCCESS') });
  });

  it('the unit tests catch a changed threshold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-rules-'));
    writeFileSync(join(dir, 'dts-alerts.yml'), readFileSync(join(DIR, 'dts-alerts.yml'), 'utf8').replace('dts_latency_seconds > 300', 'dts_latency_seconds > 500'));
    copyFileSync(join(DIR, 'dts-alerts.test.yml'), join(dir, 'dts-alerts.test.yml'));
    const test = run(['test', 'rules', 'dts-alerts.test.yml'], dir);
    expect(test.status).not.toBe(0);
    expect(test.stdout + test.stderr).toContain('alertname: DtsLatencyHigh');
  });
});

describe('Grafana dashboard (examples/monitoring/grafana-dashboard.json)', () => {
  it('queries only metrics the engine exports, and each query parses as PromQL', async () => {
    const { EngineMetrics } = await import('../../../runtime/observability/metrics.js');
    const exported = new Set((await new EngineMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const dashboard = JSON.parse(readFileSync(join(DIR, 'grafana-dashboard.json'), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(6);
    for (const expr of exprs) {
      for (const name of expr.match(/\bdts_[a-z_]+/g) ?? []) expect({ expr, name, exported: exported.has(name) }).toEqual({ expr, name, exported: true });
      // promtool checks a rule file: each expression as a recording rule, with the dashboard variables filled in.
      const dir = mkdtempSync(join(tmpdir(), 'dts-dash-'));
      const filled = expr.replaceAll('$stack', '.*').replaceAll('$task', '.*');
      writeFileSync(join(dir, 'r.yml'), `groups:\n  - name: g\n    rules:\n      - record: dashboard:expr\n        expr: ${JSON.stringify(filled)}\n`);
      const check = spawnSync(ensureDebianTool('promtool', 'prometheus', 'dashboard test'), ['check', 'rules', join(dir, 'r.yml')], { encoding: 'utf8' });
      expect({ expr, code: check.status, out: check.status === 0 ? '' : check.stdout + check.stderr }).toEqual({ expr, code: 0, out: '' });
    }
  });
});
