import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../../runtime/log.js';
import { rocketMqPrechecks } from '../../../runtime/sinks/rocketmq/prechecks.js';
import { createTopic, deleteTopic, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';

describe('RocketMQ destination prechecks (real broker)', () => {
  const fifo = uniqueName('pc_fifo');
  const normal = uniqueName('pc_normal');
  const missing = uniqueName('pc_missing');

  beforeAll(async () => {
    await createTopic(fifo, { fifo: true });
    await createTopic(normal, { fifo: false });
  });
  afterAll(async () => {
    await deleteTopic(fifo).catch(() => undefined);
    await deleteTopic(normal).catch(() => undefined);
  });

  it('passes for an existing FIFO topic', async () => {
    const task = rocketMqTask({ name: 'ok', topic: fifo, objects: [{ database: 'shop', dml: [...ALL_DML], ddl: [] }] });
    const results = await rocketMqPrechecks(task, { log: silentLogger });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['rocketmq-connectivity', 'pass'],
      ['rocketmq-topic-fifo', 'pass'],
      ['rocketmq-remoting', 'pass'],
    ]);
    expect(results[2]!.message).toContain(`gives the write queues of ${fifo} (8)`);
    const grpcOnly = await rocketMqPrechecks(rocketMqTask({ name: 'ok', topic: fifo, objects: [], transport: 'grpc' }), { log: silentLogger });
    expect(grpcOnly.map((r) => r.id)).toEqual(['rocketmq-connectivity', 'rocketmq-topic-fifo']);
  });

  it('fails, retrying as a connection loss, when nothing answers at the remoting endpoint', async () => {
    const task = rocketMqTask({ name: 'bad-remoting', topic: fifo, objects: [] });
    const destination = { ...(task.destination as Extract<typeof task.destination, { engine: 'rocketmq' }>), remotingEndpoints: '127.0.0.1:1' };
    const results = await rocketMqPrechecks({ ...task, destination }, { log: silentLogger });
    const remoting = results.find((r) => r.id === 'rocketmq-remoting')!;
    expect(remoting).toMatchObject({ status: 'fail', retry: 'connection' });
    expect(remoting.message).toContain('task bad-remoting: remoting endpoint 127.0.0.1:1 did not give the routes');
    expect(remoting.fix).toContain('name server');
  });

  it('fails for a missing DDL topic and a non-FIFO per-table topic, naming task, topic and fix', async () => {
    const task = rocketMqTask({
      name: 'orders-to-mq',
      topic: fifo,
      ddlTopic: missing,
      objects: [{ database: 'shop', table: 'orders', topic: normal, dml: [...ALL_DML], ddl: [] }],
    });
    // Not asked again: a missing topic is otherwise re-asked for a minute (a broker just started).
    const results = await rocketMqPrechecks(task, { log: silentLogger, topicRecheckMs: 0 });
    const failed = results.filter((r) => r.status === 'fail');
    expect(failed).toHaveLength(2);
    const notFifo = failed.find((r) => r.id === 'rocketmq-topic-fifo')!;
    expect(notFifo.message).toContain(`task orders-to-mq: topic ${normal} accepts NORMAL messages, not FIFO`);
    expect(notFifo.fix).toContain('FIFO');
    const absent = failed.find((r) => r.id === 'rocketmq-topic-exists')!;
    expect(absent.message).toContain(`DDL topic ${missing} does not exist`);
  });

  it('fails clearly when the endpoint is not a RocketMQ proxy', async () => {
    const task = rocketMqTask({ name: 'bad-endpoint', topic: fifo, objects: [] });
    const results = await rocketMqPrechecks(
      { ...task, destination: { ...(task.destination as Extract<typeof task.destination, { engine: 'rocketmq' }>), endpoints: '127.0.0.1:1' } },
      { log: silentLogger },
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 'rocketmq-connectivity', status: 'fail' });
    expect(results[0]!.fix).toContain('proxy gRPC port');
  }, 60000);
});
