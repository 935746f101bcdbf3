// The bounded torture run of `npm test`: fixed seeds, both sinks, faults and DDL on. Each seed draws
// other tables (key shapes and column types) and another workload; `npm run torture -- --seed N`
// replays one with its SQL log. Longer runs: `npm run torture -- --minutes 30 --sink both`.
import { describe, expect, it } from '@jest/globals';
import { runTorture } from '../../torture/run.js';

// Seed 12 also restarts the broker once (about 20 s).
const SEEDS: readonly { seed: number; brokerRestart: boolean }[] = [{ seed: 11, brokerRestart: false }, { seed: 12, brokerRestart: true }];

describe('torture: random schemas, concurrent writers, kill -9, killed connections, a broker restart', () => {
  for (const { seed, brokerRestart } of SEEDS) {
    it(`seed ${seed}: the MySQL destination is byte-identical and the Canal replay rebuilds the source`, async () => {
      const r = await runTorture({ seed, seconds: 25, sink: 'both', writers: 3, brokerRestart });
      const report = `torture seed ${seed} (replay: npm run torture -- --seed ${seed} --sink both; SQL log ${r.sqlLog}):\n${r.failures.join('\n')}`;
      if (!r.ok) console.error(report);
      expect(r.failures).toEqual([]);
      // The run exercised what it claims to.
      expect(r.workload.committed).toBeGreaterThan(100);
      expect(r.faults.length).toBeGreaterThan(2);
      if (brokerRestart) expect(r.faults).toContain('broker restart');
      expect(r.messages).toBeGreaterThan(100);
    }, 240_000);
  }
});
