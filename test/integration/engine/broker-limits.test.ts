// The broker's limits besides the 4 MB body, against the real broker: a message whose user
// properties (message keys included) pass 16 KB is refused, so one source transaction of thousands of
// rows in one message group must be packed into messages that each stay under it. Before, the packed
// message carried one key per row and a bulk UPDATE stopped the task after its retry window.
import { describe, expect, it } from '@jest/globals';
import { startStackProducer } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { canalRows, drain, runUntilCaughtUp } from '../../support/engine.js';
import { mqTask } from './mq-task.js';

const ROWS = 6000;

describe("the broker's property limit (real MariaDB + RocketMQ)", () => {
  const mq = mqTask('limits', {
    prepare: async (admin, db) => {
      await admin.query(`CREATE TABLE ${db}.t (k VARCHAR(40) PRIMARY KEY, v INT NOT NULL)`);
      await admin.query(`INSERT INTO ${db}.t SELECT CONCAT('key-', LPAD(seq, 8, '0')), 0 FROM ${db}.seq_1_to_${ROWS}`);
    },
    task: (db, topic) => rocketMqTask({ name: 'limits', topic, objects: [{ database: db, table: 't', dml: [...ALL_DML], ddl: [] }], rocketmq: { ordering: { rule: 'global', buckets: 1 } } }),
  });
  const { db, topic, group, stateDir } = mq;

  it('the broker refuses more than 16 KB of message keys', async () => {
    const producer = await startStackProducer([topic]);
    try {
      const keys = Array.from({ length: 1500 }, (_x, i) => `key-${String(i).padStart(8, '0')}`); // ~20 KB
      const send = producer.send({ topic, body: Buffer.from('{}'), keys, messageGroup: 'limits-probe' });
      await expect(send).rejects.toThrow(/user property is too large|16384/);
    } finally {
      await producer.shutdown();
    }
  });

  it(`one ${ROWS}-row UPDATE in one message group arrives whole, in order`, async () => {
    await mq.admin.query(`UPDATE ${db}.t SET v = v + 1`);
    const { exit, engine } = await runUntilCaughtUp(mq.manifest, { stateDir });
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const rows = canalRows(await drain(group, [topic], { idleMs: 4000, until: (r) => canalRows(r).length >= ROWS }));
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((r) => r.type === 'UPDATE' && r.data.v === '1')).toBe(true);
    expect(rows.map((r) => r.data.k)).toEqual(Array.from({ length: ROWS }, (_x, i) => `key-${String(i + 1).padStart(8, '0')}`));
  }, 120_000);
});
