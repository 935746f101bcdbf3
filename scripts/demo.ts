/**
 * `npm run demo [-- rocketmq|mysql]`: both product documents on this machine, nothing mocked (both
 * paths by default, one after the other). Starts the local stack first (installing what is missing).
 *
 * MySQL -> RocketMQ (this file):
 *  1. seeds a sample `shop` database (customers, orders)
 *  2. synthesizes examples/mysql-to-rocketmq (cdk.tf.json + dts.manifest.json)
 *  3. runs `dts precheck`, then `dts run` as its own process: full sync, then binlog streaming
 *  4. makes live changes (insert, update, a cancelled order the filter drops, delete, ALTER TABLE)
 *  5. shows what a consumer of the data topic and the DDL topic receives (Canal JSON, FIFO groups)
 *  6. stops the engine with SIGTERM: it drains, saves its checkpoint and exits cleanly
 * MySQL -> MySQL: scripts/demo-mysql.ts.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { mysqlDemo } from './demo-mysql.js';
import { seedShop } from './sample-shop.js';
import { DTS, consoleOutput, demoEnv, dts, stopEngine, taskFile, taskState, waitUntil, type DemoOutput } from './demo-support.js';
import { REPO_ROOT, createConsumerGroup, createTopic, deleteTopic, sourceConnection, stackSimpleConsumer, stackUp } from './stack/index.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'mysql-to-rocketmq');
const STACK = 'shop-to-rocketmq';
const TASK = 'shop-to-rocketmq';
const STACK_DIR = join(EXAMPLE, 'cdktf.out', 'stacks', STACK);
const STATE_DIR = join(REPO_ROOT, '.dts', 'demo-state');
const TOPICS = ['dts-shop', 'dts-shop-ddl'];

async function liveChanges(): Promise<void> {
  const conn = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  try {
    await conn.query(`
      INSERT INTO shop.orders VALUES (1004, 2, 'new', 12.00, NOW(6)), (1005, 1, 'new', 310.40, NOW(6));
      UPDATE shop.orders SET status = 'paid' WHERE id = 1002;
      INSERT INTO shop.orders VALUES (1006, 2, 'cancelled', 1.00, NOW(6));
      DELETE FROM shop.orders WHERE id = 1004;
      UPDATE shop.customers SET email = 'ada@shop.example' WHERE id = 1;
      ALTER TABLE shop.orders ADD COLUMN note VARCHAR(64) NULL;
      INSERT INTO shop.orders VALUES (1007, 1, 'new', 42.00, NOW(6), 'gift wrap');`);
  } finally {
    await conn.end();
  }
}

function describe(body: Buffer): string {
  const m = JSON.parse(body.toString('utf8')) as {
    isDdl: boolean; type: string; database: string; table: string; sql: string; data: Record<string, unknown>[] | null; old: Record<string, unknown>[] | null;
  };
  if (m.isDdl) return `DDL ${m.type} ${m.database}.${m.table}: ${m.sql}`;
  const rows = (m.data ?? []).map((d, i) => {
    const old = m.old?.[i];
    return `${JSON.stringify(d)}${old ? ` old=${JSON.stringify(old)}` : ''}`;
  });
  return `${m.type} ${m.database}.${m.table} ${rows.join(' | ')}`;
}

async function showMessages(out: DemoOutput, expected: number): Promise<number> {
  await createConsumerGroup('shop-consumers', { orderly: true });
  const consumer = stackSimpleConsumer('shop-consumers', TOPICS, 2000);
  await consumer.startup();
  let count = 0;
  let idleSince = Date.now();
  try {
    while (Date.now() - idleSince < 6000 && count < expected) {
      const batch = await consumer.receive(32, 15_000);
      for (const m of batch) {
        count++;
        out.line(`[${m.topic} · group ${m.messageGroup}] ${describe(m.body)}`);
        await consumer.ack(m);
      }
      if (batch.length > 0) idleSince = Date.now();
    }
  } finally {
    await consumer.shutdown();
  }
  return count;
}

async function rocketMqDemo(out: DemoOutput): Promise<void> {
  out.step('MySQL -> RocketMQ: seeding the sample shop database (2 customers, 3 orders); FIFO topics dts-shop and dts-shop-ddl');
  await seedShop();
  for (const t of TOPICS) {
    await deleteTopic(t).catch(() => undefined);
    await createTopic(t, { fifo: true });
  }
  rmSync(STATE_DIR, { recursive: true, force: true });
  const env = demoEnv();

  out.step('synthesizing examples/mysql-to-rocketmq: cdk.tf.json (Terraform) + dts.manifest.json (engine)');
  if (dts(['synth', EXAMPLE], env).code !== 0) throw new Error('dts synth failed');

  out.step('dts precheck: binlog settings, privileges, keys, topics exist and are FIFO, the remoting endpoint gives their queues');
  if (dts(['precheck', STACK_DIR], env).code !== 0) throw new Error('precheck failed: fix what it names, then run the demo again');

  out.step('dts run: full sync of shop, then streaming the binlog (filter drops cancelled orders, password_hash excluded)');
  const engine = spawn(process.execPath, [DTS, 'run', STACK_DIR, '--state-dir', STATE_DIR], { stdio: ['ignore', 'inherit', 'inherit'], env });
  try {
    await waitUntil('the full sync to finish', () => taskState(STATE_DIR, STACK, TASK) === 'Synchronizing', engine);

    out.step('making live changes on the source: inserts, an update, a cancelled order, a delete, ALTER TABLE');
    await liveChanges();

    out.step('what a consumer of dts-shop and dts-shop-ddl receives (Canal JSON; each message group is delivered in order)');
    const count = await showMessages(out, 11);
    out.line(`${count} messages`);
  } finally {
    out.step('stopping the engine with SIGTERM: it drains in-flight messages and saves its checkpoint');
    await stopEngine(engine);
  }
  const checkpoint = taskFile<{ binlog: { file: string; pos: number } }>(STATE_DIR, STACK, TASK, 'checkpoint.json');
  out.line(`engine exited with code ${engine.exitCode}; task state ${taskState(STATE_DIR, STACK, TASK)}; checkpoint ${checkpoint ? `${checkpoint.binlog.file}:${checkpoint.binlog.pos}` : '(none)'}`);
  out.line('`npm run example -- mysql-to-rocketmq` runs this example again from its own state (.dts/examples/mysql-to-rocketmq)');
  if (engine.exitCode !== 0) throw new Error(`the engine exited with code ${engine.exitCode}`);
}

async function main(argv: string[]): Promise<void> {
  const which = argv[0] ?? 'both';
  if (!['both', 'rocketmq', 'mysql'].includes(which)) throw new Error(`usage: npm run demo [-- rocketmq|mysql]   (both by default), got ${which}`);
  const out = consoleOutput();
  out.step('starting the local stack (MariaDB source 127.0.0.1:23306 and destination :23307, RocketMQ name server :29876 and proxy :28081); the first run installs and downloads what is missing');
  const up = await stackUp();
  out.line(`stack ready in ${(up.elapsedMs / 1000).toFixed(1)} s`);
  if (which !== 'mysql') await rocketMqDemo(out);
  if (which !== 'rocketmq') {
    const r = await mysqlDemo(out);
    if (r.verifyCode !== 0 || r.engineExit !== 0) throw new Error(`MySQL -> MySQL: verify exit ${r.verifyCode}, engine exit ${r.engineExit}`);
  }
  out.step('done. `npm run stack -- down` stops the local services.');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
