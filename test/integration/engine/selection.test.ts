// Filters and operation selection through `dts run` on a manifest file: exactly the expected changes
// reach the topic. The filter uses MySQL semantics (NULL is unknown, DECIMAL compares numerically,
// strings compare case-insensitively under the default collation) and an UPDATE is delivered when
// its before OR after image matches. Table entries win over the database entry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { canalRows, drain, orderlyGroup, readTaskStatus, runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';

describe('filters and operation selection through dts run (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('sel');
  const topic = uniqueName('sel_topic');
  const group = uniqueName('GID_sel');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, amount DECIMAL(10,2) NULL, status VARCHAR(16) NOT NULL)`);
    await admin.query(`CREATE TABLE ${db}.events (id INT PRIMARY KEY, kind VARCHAR(16) NOT NULL)`);
    await admin.query(`CREATE TABLE ${db}.misc (id INT PRIMARY KEY, n INT NOT NULL)`);
    await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('delivers exactly the changes the filter and the operation lists select', async () => {
    const task = rocketMqTask({
      name: 'selection',
      topic,
      objects: [
        { database: db, dml: ['UPDATE'], ddl: [] },
        { database: db, table: 'orders', filter: "amount > 100 AND status <> 'void'", dml: [...ALL_DML], ddl: [] },
        { database: db, table: 'events', dml: ['INSERT', 'DELETE'], ddl: [] },
      ],
      rocketmq: { ordering: { rule: 'database-table', buckets: 1 } },
    });
    const dir = scratchDir('selection');
    const manifest = writeManifest(dir, [task]);
    const stateDir = `${dir}/state`;
    expect((await runUntilCaughtUp(manifest, { stateDir })).exit.code).toBe(0);

    const q = (sql: string) => admin.query(sql.replaceAll('$db', db));
    // orders: filter amount > 100 AND status <> 'void'
    await q(`INSERT INTO $db.orders VALUES (1, 150, 'new')`); //       delivered: after matches
    await q(`INSERT INTO $db.orders VALUES (2, 50, 'new')`); //        no: 50 > 100 is false
    await q(`INSERT INTO $db.orders VALUES (3, 500, 'void')`); //      no
    await q(`INSERT INTO $db.orders VALUES (4, 200, 'VOID')`); //      no: 'VOID' = 'void' under the default collation
    await q(`INSERT INTO $db.orders VALUES (5, NULL, 'new')`); //      no: NULL > 100 is unknown
    await q(`INSERT INTO $db.orders VALUES (6, 100.50, 'new')`); //    delivered
    await q(`INSERT INTO $db.orders VALUES (7, 100.00, 'new')`); //    no: not > 100
    await q(`UPDATE $db.orders SET amount = 120 WHERE id = 2`); //     delivered: enters the filter (after matches)
    await q(`UPDATE $db.orders SET status = 'void' WHERE id = 1`); //  delivered: leaves the filter (before matches)
    await q(`UPDATE $db.orders SET amount = 600 WHERE id = 3`); //     no: void before and after
    await q(`UPDATE $db.orders SET status = 'paid' WHERE id = 5`); //  no: NULL amount before and after
    await q(`DELETE FROM $db.orders WHERE id = 2`); //                 delivered: before image matches
    await q(`DELETE FROM $db.orders WHERE id = 3`); //                 no
    // events: INSERT and DELETE only (the table entry wins over the database's UPDATE-only entry)
    await q(`INSERT INTO $db.events VALUES (1, 'a'), (2, 'b')`); //    delivered x2
    await q(`UPDATE $db.events SET kind = 'c' WHERE id = 1`); //       no: UPDATE not selected
    await q(`DELETE FROM $db.events WHERE id = 2`); //                 delivered
    // misc: only the database entry applies (UPDATE only)
    await q(`INSERT INTO $db.misc VALUES (1, 1)`); //                  no
    await q(`UPDATE $db.misc SET n = 2 WHERE id = 1`); //              delivered
    await q(`DELETE FROM $db.misc WHERE id = 1`); //                   no

    const { exit } = await runUntilCaughtUp(manifest, { stateDir });
    expect(exit.code).toBe(0);
    expect(readTaskStatus(stateDir, 'selection').state).toBe('Suspended');

    const expected = [
      'orders INSERT 1 status=new',
      'orders INSERT 6 status=new',
      'orders UPDATE 2 status=new',
      'orders UPDATE 1 status=void',
      'orders DELETE 2 status=new',
      'events INSERT 1 kind=a',
      'events INSERT 2 kind=b',
      'events DELETE 2 kind=b',
      'misc UPDATE 1 n=2',
    ];
    const got = canalRows(await drain(group, [topic], { idleMs: 3000 })).map((r) => {
      const [col] = Object.keys(r.data).filter((k) => k === 'status' || k === 'kind' || k === 'n');
      return `${r.table} ${r.type} ${r.data.id} ${col}=${r.data[col!]}`;
    });
    // Per table the order is the commit order (one group per table); across tables it is free.
    for (const table of ['orders', 'events', 'misc']) {
      expect(got.filter((g) => g.startsWith(`${table} `))).toEqual(expected.filter((e) => e.startsWith(`${table} `)));
    }
    expect(got).toHaveLength(expected.length);
  });
});
