/**
 * The MySQL -> MySQL half of `npm run demo` (second product document: one-way synchronization), on
 * the local stack, nothing mocked:
 *  1. seeds `shop` on the source (customers, 20,000 orders) and clears what an earlier run left on
 *     the destination (`shop_replica`, the task's checkpoint rows)
 *  2. synthesizes examples/mysql-to-mysql and runs `dts precheck`
 *  3. `dts run`: schema + full sync with progress, then the binlog
 *  4. live changes: insert, update, delete, ALTER TABLE ADD COLUMN, RENAME TABLE inside `shop`
 *  5. shows the destination: `shop` mapped to `shop_replica`, customers.email -> contact_email,
 *     password_hash left out, the renamed table
 *  6. `dts verify`: EQUAL
 *  7. stops the engine with SIGTERM: it commits what it holds, saves its checkpoint, exits 0
 * Exported for the integration test that drives it (test/integration/demo/mysql-demo.test.ts).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { DTS, demoEnv, dts, stopEngine, taskFile, taskState, waitUntil, type DemoOutput } from './demo-support.js';
import { REPO_ROOT, destinationConnection, sourceConnection } from './stack/index.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'mysql-to-mysql');
const STACK = 'shop-replica';
const TASK = 'shop-replica';
const STACK_DIR = join(EXAMPLE, 'cdktf.out', 'stacks', STACK);
const STATE_DIR = join(REPO_ROOT, '.dts', 'demo-state-mysql');
const ORDERS = 200_000;

export interface MysqlDemoResult {
  readonly verify: string;
  readonly verifyCode: number;
  readonly destinationTables: string[];
  readonly customerColumns: string[];
  readonly renamedRow: Record<string, unknown> | undefined;
  readonly engineExit: number | null;
  readonly state: string;
  readonly checkpoint: string;
}

async function seed(): Promise<void> {
  const src = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  const dst = await mysql.createConnection(destinationConnection());
  try {
    await src.query(`
      DROP DATABASE IF EXISTS shop;
      CREATE DATABASE shop;
      CREATE TABLE shop.customers (
        id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL, password_hash CHAR(60) NOT NULL);
      CREATE TABLE shop.orders (
        id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL,
        amount DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL, KEY by_customer (customer_id));
      INSERT INTO shop.customers VALUES
        (1, 'Ada', 'ada@example.com', REPEAT('x', 60)), (2, 'Lin', 'lin@example.com', REPEAT('y', 60)), (3, 'Sam', 'sam@example.com', REPEAT('z', 60));
      INSERT INTO shop.orders
        SELECT seq, 1 + seq % 3, ELT(1 + seq % 3, 'new', 'paid', 'shipped'), (seq % 10000) / 100 + 1, '2026-11-20 10:00:00.123456' + INTERVAL seq SECOND
        FROM shop.seq_1_to_${ORDERS};`);
    await dst.query('DROP DATABASE IF EXISTS shop_replica');
    for (const table of ['checkpoints', 'tasks']) await dst.query(`DELETE FROM __dts.${table} WHERE task = ?`, [TASK]).catch(() => undefined);
  } finally {
    await src.end();
    await dst.end();
  }
  rmSync(STATE_DIR, { recursive: true, force: true });
}

async function liveChanges(): Promise<void> {
  const conn = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  try {
    await conn.query(`
      INSERT INTO shop.orders VALUES (900001, 2, 'new', 12.00, NOW(6)), (900002, 1, 'new', 310.40, NOW(6));
      UPDATE shop.orders SET status = 'paid' WHERE id = 900001;
      DELETE FROM shop.orders WHERE id = 5;
      UPDATE shop.customers SET email = 'ada@shop.example' WHERE id = 1;
      ALTER TABLE shop.orders ADD COLUMN note VARCHAR(64) NULL;
      INSERT INTO shop.orders VALUES (900003, 3, 'new', 42.00, NOW(6), 'gift wrap');
      RENAME TABLE shop.orders TO shop.purchase_orders;
      INSERT INTO shop.purchase_orders VALUES (900004, 1, 'new', 7.50, NOW(6), 'after the rename');`);
  } finally {
    await conn.end();
  }
}

export async function mysqlDemo(out: DemoOutput, options: { engineOutput?: 'inherit' | 'ignore' } = {}): Promise<MysqlDemoResult> {
  const env = demoEnv();
  out.step(`MySQL -> MySQL: seeding shop on the source (3 customers, ${ORDERS.toLocaleString('en-US')} orders); clearing shop_replica on the destination`);
  await seed();

  out.step('synthesizing examples/mysql-to-mysql: cdk.tf.json (Terraform) + dts.manifest.json (engine)');
  if (dts(['synth', EXAMPLE], env).code !== 0) throw new Error('dts synth failed');

  out.step('dts precheck: binlog settings, source and destination privileges, keys, conflicting tables');
  if (dts(['precheck', STACK_DIR, '--task', TASK], env).code !== 0) throw new Error('precheck failed: fix what it names, then run the demo again');

  out.step('dts run: schema + full sync of shop into shop_replica, then the binlog');
  const engine = spawn(process.execPath, [DTS, 'run', STACK_DIR, '--task', TASK, '--state-dir', STATE_DIR], { stdio: ['ignore', options.engineOutput ?? 'inherit', options.engineOutput ?? 'inherit'], env });
  let verify = '';
  let verifyCode = 1;
  let destinationTables: string[] = [];
  let customerColumns: string[] = [];
  let renamedRow: Record<string, unknown> | undefined;
  try {
    let shown = '';
    // Progress as the checkpoint records it (what a restart would resume from); the last line is the
    // full sync's final tally, which the checkpoint holds once the task is Synchronizing.
    const showProgress = () => {
      const snapshot = taskFile<{ snapshot?: { tables?: Record<string, { rowsDone: number; rowsEstimated: number; status: string }> } }>(STATE_DIR, STACK, TASK, 'checkpoint.json')?.snapshot;
      const text = Object.entries(snapshot?.tables ?? {}).map(([t, p]) => `${t} ${p.rowsDone.toLocaleString('en-US')}/${p.rowsEstimated.toLocaleString('en-US')} ${p.status}`).join(', ');
      if (text && text !== shown) out.line(`full sync: ${(shown = text)}`);
    };
    await waitUntil('the full sync to finish', () => taskState(STATE_DIR, STACK, TASK) === 'Synchronizing', engine, 180_000, showProgress);
    showProgress();
    out.line('full sync done; streaming the binlog');

    out.step('live changes on the source: insert, update, delete, ALTER TABLE shop.orders ADD COLUMN note, RENAME TABLE shop.orders TO shop.purchase_orders');
    await liveChanges();

    const dst = await mysql.createConnection(destinationConnection());
    try {
      await waitUntil('the changes to reach shop_replica', async () => {
        const [rows] = await dst.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'shop_replica' AND table_name = 'purchase_orders'");
        if ((rows as { n: number }[])[0]!.n === 0) return false;
        const [found] = await dst.query('SELECT * FROM shop_replica.purchase_orders WHERE id = 900004');
        renamedRow = (found as Record<string, unknown>[])[0];
        return renamedRow !== undefined;
      }, engine, 60_000);
      out.step('the destination: database shop mapped to shop_replica, email -> contact_email, password_hash not copied, the rename replayed');
      const [tables] = await dst.query('SHOW TABLES FROM shop_replica');
      destinationTables = (tables as Record<string, string>[]).map((r) => Object.values(r)[0]!).sort();
      const [columns] = await dst.query('SHOW COLUMNS FROM shop_replica.customers');
      customerColumns = (columns as { Field: string }[]).map((c) => c.Field);
      const [customers] = await dst.query('SELECT id, name, contact_email FROM shop_replica.customers ORDER BY id');
      const [latest] = await dst.query('SELECT id, customer_id, status, amount, note FROM shop_replica.purchase_orders WHERE id > 900000 ORDER BY id');
      out.line(`tables: ${destinationTables.join(', ')}`);
      out.line(`shop_replica.customers columns: ${customerColumns.join(', ')}`);
      for (const r of customers as Record<string, unknown>[]) out.line(`customers ${JSON.stringify(r)}`);
      for (const r of latest as Record<string, unknown>[]) out.line(`purchase_orders ${JSON.stringify(r)}`);
    } finally {
      await dst.end();
    }

    out.step('dts verify: every row of every mapped table, source against destination');
    const result = dts(['verify', STACK_DIR, '--task', TASK], env, true);
    verify = result.out.trim();
    verifyCode = result.code;
    for (const l of verify.split('\n')) out.line(l);
    if (result.code !== 0) for (const l of result.err.trim().split('\n').slice(-20)) out.line(l);
  } finally {
    out.step('stopping the engine with SIGTERM: it commits what it holds and saves its checkpoint');
  }
  const engineExit = await stopEngine(engine);
  const checkpoint = taskFile<{ binlog: { file: string; pos: number } }>(STATE_DIR, STACK, TASK, 'checkpoint.json');
  const state = taskState(STATE_DIR, STACK, TASK);
  const at = checkpoint ? `${checkpoint.binlog.file}:${checkpoint.binlog.pos}` : '(none)';
  out.line(`engine exited with code ${engineExit}; task state ${state}; checkpoint ${at}`);
  out.line(`\`npm run example -- mysql-to-mysql\` runs this example again from its own state (.dts/examples/mysql-to-mysql)`);
  return { verify, verifyCode, destinationTables, customerColumns, renamedRow, engineExit, state, checkpoint: at };
}
