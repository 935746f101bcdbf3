// npm run torture -- [--seed N] [--minutes M] [--sink mysql|rocketmq|both] [--format canal-json|dts-avro]
//   [--faults off] [--ddl off] [--broker-restart off]
// Runs seeded torture rounds against the local stack until the time is used; prints the seed,
// the failing key and column, and the SQL log to replay a failure. Exit 1 on any failure.
import { stackUp } from '../../scripts/stack/index.js';
import { runTorture, type TortureSink } from './run.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const minutes = Number(arg('minutes') ?? 3);
const sink = (arg('sink') ?? 'both') as TortureSink;
if (!['mysql', 'rocketmq', 'both'].includes(sink)) {
  console.error(`torture: --sink must be mysql, rocketmq or both (got ${sink})`);
  process.exit(2);
}
const faults = arg('faults') !== 'off';
const ddl = arg('ddl') !== 'off';
const brokerRestart = faults && arg('broker-restart') !== 'off';
const format = (arg('format') ?? 'canal-json') as 'canal-json' | 'dts-avro';
if (!['canal-json', 'dts-avro'].includes(format)) {
  console.error(`torture: --format must be canal-json or dts-avro (got ${format})`);
  process.exit(2);
}
let seed = Number(arg('seed') ?? Math.floor(Math.random() * 1e6));
const end = Date.now() + minutes * 60_000;
await stackUp({ log: (l: string) => console.error(l) });
let failed = false;
do {
  const roundSeconds = Math.max(20, Math.min(180, (end - Date.now()) / 1000 - 30));
  const started = Date.now();
  const r = await runTorture({ seed, seconds: roundSeconds, sink, faults, ddl, brokerRestart, format, log: (l) => console.log(l) });
  console.log(`seed ${seed}: ${r.ok ? 'CLEAN' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s; ${r.workload.committed} transactions, ${r.faults.length} faults (${[...new Set(r.faults)].join(', ')}), ${r.takeovers} takeovers, ${r.messages} messages; SQL log ${r.sqlLog}`);
  for (const f of r.failures) console.log(`  ${f}`);
  if (!r.ok) {
    failed = true;
    console.log(`replay with: npm run torture -- --seed ${seed} --sink ${sink} --format ${format}`);
    break;
  }
  seed++;
} while (Date.now() < end - 45_000);
process.exit(failed ? 1 : 0);
