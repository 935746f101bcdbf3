/**
 * `npm run demo`: the whole MySQL -> RocketMQ path on this machine, with nothing mocked.
 *
 *  1. starts the local stack (MariaDB source + RocketMQ 5), installing what is missing
 *  2. seeds a sample `shop` database (customers, orders)
 *  3. synthesizes examples/mysql-to-rocketmq (cdk.tf.json + dts.manifest.json)
 *  4. runs `dts precheck`, then `dts run` as its own process: full sync, then binlog streaming
 *  5. makes live changes (insert, update, a cancelled order the filter drops, delete, ALTER TABLE)
 *  6. shows what a consumer of the data topic and the DDL topic receives (Canal JSON, FIFO groups)
 *  7. stops the engine with SIGTERM: it drains, saves its checkpoint and exits cleanly
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
  REPO_ROOT,
  createConsumerGroup,
  createTopic,
  deleteTopic,
  readStackSecret,
  sourceConnection,
  stackSimpleConsumer,
  stackUp,
} from './stack/index.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'mysql-to-rocketmq');
const STACK = 'shop-to-rocketmq';
const TASK = 'shop-to-rocketmq';
const STACK_DIR = join(EXAMPLE, 'cdktf.out', 'stacks', STACK);
const STATE_DIR = join(REPO_ROOT, '.dts', 'demo-state');
const DTS = join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs');
const TOPICS = ['dts-shop', 'dts-shop-ddl'];

const say = (line: string) => console.log(`\n▶ ${line}`);

async function seedShop(): Promise<void> {
  const conn = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  try {
    await conn.query(`
      DROP DATABASE IF EXISTS shop;
      CREATE DATABASE shop;
      CREATE TABLE shop.customers (
        id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL, password_hash CHAR(60) NOT NULL);
      CREATE TABLE shop.orders (
        id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL,
        amount DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL);
      INSERT INTO shop.customers VALUES
        (1, 'Ada', 'ada@example.com', REPEAT('x', 60)), (2, 'Lin', 'lin@example.com', REPEAT('y', 60));
      INSERT INTO shop.orders VALUES
        (1001, 1, 'paid', 25.50, '2026-11-20 10:00:00.123456'),
        (1002, 2, 'new', 99.99, '2026-11-21 11:30:00.000001'),
        (1003, 1, 'cancelled', 5.00, '2026-11-22 09:15:00.5');`);
  } finally {
    await conn.end();
  }
}

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

function dts(args: string[], env: NodeJS.ProcessEnv): number {
  const r = spawnSync(process.execPath, [DTS, ...args], { stdio: 'inherit', env });
  return r.status ?? 1;
}

function taskState(): string {
  try {
    return (JSON.parse(readFileSync(join(STATE_DIR, STACK, TASK, 'status.json'), 'utf8')) as { state: string }).state;
  } catch {
    return 'NotStarted';
  }
}

async function waitFor(what: string, ok: () => boolean, engine: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (engine.exitCode !== null) throw new Error(`the engine exited (code ${engine.exitCode}) while waiting for ${what}: see its log above`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
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

async function showMessages(expected: number): Promise<number> {
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
        console.log(`  [${m.topic} · group ${m.messageGroup}] ${describe(m.body)}`);
        await consumer.ack(m);
      }
      if (batch.length > 0) idleSince = Date.now();
    }
  } finally {
    await consumer.shutdown();
  }
  return count;
}

async function main(): Promise<void> {
  say('starting the local stack (MariaDB source on 127.0.0.1:23306, RocketMQ proxy on 127.0.0.1:28081)');
  await stackUp();

  say('seeding the sample shop database (2 customers, 3 orders)');
  await seedShop();
  for (const t of TOPICS) {
    await deleteTopic(t).catch(() => undefined);
    await createTopic(t, { fifo: true });
  }
  rmSync(STATE_DIR, { recursive: true, force: true });

  const env = {
    ...process.env,
    DTS_SOURCE_PASSWORD: readStackSecret('dts'),
    // The local broker runs without ACLs; the example declares an account for Alibaba Cloud.
    DTS_ROCKETMQ_PASSWORD: process.env.DTS_ROCKETMQ_PASSWORD ?? 'local-broker-has-no-acl',
    DTS_LOG_LEVEL: process.env.DTS_LOG_LEVEL ?? 'warn',
  };

  say('synthesizing examples/mysql-to-rocketmq: cdk.tf.json (Terraform) + dts.manifest.json (engine)');
  if (dts(['synth', EXAMPLE], env) !== 0) throw new Error('dts synth failed');

  say('dts precheck: binlog settings, privileges, keys, topics exist and are FIFO');
  if (dts(['precheck', STACK_DIR], env) !== 0) throw new Error('precheck failed: fix what it names, then run the demo again');

  say('dts run: full sync of shop, then streaming the binlog (filter drops cancelled orders, password_hash excluded)');
  const engine = spawn(process.execPath, [DTS, 'run', STACK_DIR, '--state-dir', STATE_DIR], { stdio: ['ignore', 'inherit', 'inherit'], env });
  try {
    await waitFor('the full sync to finish', () => taskState() === 'Synchronizing', engine);

    say('making live changes on the source: inserts, an update, a cancelled order, a delete, ALTER TABLE');
    await liveChanges();

    say('what a consumer of dts-shop and dts-shop-ddl receives (Canal JSON; each message group is delivered in order)');
    const count = await showMessages(14);
    console.log(`  ${count} messages`);
  } finally {
    say('stopping the engine with SIGTERM: it drains in-flight messages and saves its checkpoint');
    engine.kill('SIGTERM');
    await new Promise<void>((resolve) => (engine.exitCode !== null ? resolve() : engine.once('exit', () => resolve())));
  }
  const checkpoint = JSON.parse(readFileSync(join(STATE_DIR, STACK, TASK, 'checkpoint.json'), 'utf8')) as { binlog: { file: string; pos: number } };
  console.log(`  engine exited with code ${engine.exitCode}; task state ${taskState()}; checkpoint ${checkpoint.binlog.file}:${checkpoint.binlog.pos}`);
  say('done. `npm run stack -- down` stops the local services; `npx dts run ' + STACK_DIR + ' --state-dir ' + STATE_DIR + '` resumes from the checkpoint.');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
