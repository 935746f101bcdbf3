// The bounded torture run of `npm test`: fixed seeds, both sinks, faults and DDL on, the two seeds at
// once (about three minutes in all). Each run includes a transaction large enough to be delivered in pieces. Each seed draws other tables (key shapes and column types) and
// another workload; seed 12 also restarts the broker, which seed 11's engines ride out as well.
// `npm run torture -- --seed N` replays one with its SQL log. Longer runs:
// `npm run torture -- --minutes 30 --sink both`.
import { describe, expect, it } from '@jest/globals';
import { runTorture, type TortureResult } from '../../torture/run.js';

const SEEDS: readonly { seed: number; brokerRestart: boolean }[] = [{ seed: 11, brokerRestart: false }, { seed: 12, brokerRestart: true }];

describe('torture: random schemas, concurrent writers, an owner and a standby engine, kill -9, SIGSTOP, killed connections, a broker restart', () => {
  it(`seeds ${SEEDS.map((s) => s.seed).join(' and ')}: the MySQL destination is byte-identical and dts verify agrees; the Canal replay rebuilds the source`, async () => {
    const results: TortureResult[] = await Promise.all(SEEDS.map(({ seed, brokerRestart }) => runTorture({ seed, seconds: 35, sink: 'both', writers: 3, brokerRestart, minFaults: 3 })));
    results.forEach((r, i) => {
      const { seed, brokerRestart } = SEEDS[i]!;
      process.stdout.write(`torture seed ${seed}: ${r.workload.committed} transactions, faults: ${r.faults.join(', ')}; ${r.takeovers} takeovers; ${r.rows} rows in messages\n`);
      if (!r.ok) console.error(`torture seed ${seed} (replay: npm run torture -- --seed ${seed} --sink both; SQL log ${r.sqlLog}):\n${r.failures.join('\n')}`);
      expect({ seed, failures: r.failures }).toEqual({ seed, failures: [] });
      // The run exercised what it claims to.
      expect(r.workload.committed).toBeGreaterThan(100);
      expect(r.workload.large).toBeGreaterThanOrEqual(1); // a transaction delivered in pieces
      expect(r.faults.length).toBeGreaterThan(2);
      if (brokerRestart) expect(r.faults).toContain('broker restart');
      // Rows, not messages: a RocketMQ task that started late (a broker restart) packs its full sync
      // into a few messages.
      expect(r.rows).toBeGreaterThan(100);
    });
    // Two engines ran each seed's tasks; kill -9, SIGSTOP and killed lease sessions moved them.
    expect(results.reduce((n, r) => n + r.takeovers, 0)).toBeGreaterThanOrEqual(1);
  }, 480_000);
});
