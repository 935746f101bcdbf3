// A real Prometheus (Debian package prometheus) on loopback scrapes a running `dts run` and answers a
// PromQL query with the rows the task delivered, and evaluates the shipped alert rules against it.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianTool } from '../../../scripts/stack/apt.js';
import { REPO_ROOT } from '../../../scripts/stack/config.js';
import { scratchDir, spawnEngine, waitForExit } from '../../support/engine.js';
import { e2eTask } from '../mysql-e2e/helpers.js';

const PROMETHEUS_PORT = 29090;

describe('Prometheus scrapes a running engine (real prometheus, real dts run)', () => {
  const e2e = e2eTask('prom', {
    prepare: async (src, db) => {
      await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
      await src.query(`INSERT INTO ${db}.t SELECT seq, 'seed' FROM ${db}.seq_1_to_300`);
    },
  });

  it('a PromQL query returns the rows delivered; the alert rules load and none fires', async () => {
    ensureDebianTool('promtool', 'prometheus', 'prometheus scrape test');
    const prometheusBin = ensureDebianTool('prometheus', 'prometheus', 'prometheus scrape test');
    const engine = spawnEngine(e2e.manifest, { stateDir: e2e.stateDir });
    const dir = scratchDir('prometheus');
    let prometheus: ReturnType<typeof spawn> | undefined;
    try {
      await engine.waitForLog((l) => l.msg === 'task state Synchronizing');
      const target = /metrics at http:\/\/(127\.0\.0\.1:\d+)\/metrics/.exec(engine.stdout())![1]!;
      for (let i = 1; i <= 50; i++) await e2e.src.query(`UPDATE ${e2e.db}.t SET v = ? WHERE id = ?`, [`u${i}`, i]);
      mkdirSync(join(dir, 'data'), { recursive: true });
      writeFileSync(
        join(dir, 'prometheus.yml'),
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          `rule_files: ['${join(REPO_ROOT, 'examples', 'monitoring', 'dts-alerts.yml')}']`,
          'scrape_configs:',
          `  - job_name: dts`,
          `    static_configs: [{ targets: ['${target}'] }]`,
        ].join('\n') + '\n',
      );
      prometheus = spawn(prometheusBin, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${PROMETHEUS_PORT}`], { stdio: 'ignore' });
      const query = async (q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> => {
        const r = await fetch(`http://127.0.0.1:${PROMETHEUS_PORT}/api/v1/query?query=${encodeURIComponent(q)}`);
        return ((await r.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
      };
      const promql = `sum by (operation, phase) (dts_rows_delivered_total{task="${e2e.task.name}"})`;
      const deadline = Date.now() + 60_000;
      let result: Awaited<ReturnType<typeof query>> = [];
      for (;;) {
        result = await query(promql).catch(() => []);
        const updates = result.find((r) => r.metric.operation === 'UPDATE')?.value[1];
        if (updates === '50' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const byOp = Object.fromEntries(result.map((r) => [`${r.metric.operation}/${r.metric.phase}`, r.value[1]]));
      expect(byOp).toEqual({ 'INSERT/full': '300', 'UPDATE/incremental': '50' });
      const up = await query('up{job="dts"}');
      expect(up.map((r) => r.value[1])).toEqual(['1']);
      const rules = (await (await fetch(`http://127.0.0.1:${PROMETHEUS_PORT}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; state: string }[] }[] } };
      const loaded = rules.data.groups.flatMap((g) => g.rules);
      expect(loaded.map((r) => r.name).sort()).toEqual(['DtsCheckpointNotAdvancing', 'DtsEngineDown', 'DtsLargeRecordsSkipped', 'DtsLatencyHigh', 'DtsTaskFailed']);
      expect(loaded.filter((r) => r.state !== 'inactive')).toEqual([]);
    } finally {
      prometheus?.kill('SIGTERM');
      engine.kill('SIGTERM');
      await waitForExit(engine);
    }
  }, 120_000);
});
