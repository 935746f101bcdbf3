// Closing the RocketMQ sink while a send keeps failing ends the send: the task's retry window (hours for
// a connection failure) must not keep `dts run` alive after the task ended. Found in CI: a task that
// failed on an oversize record closed its transport under an in-flight batch, whose "connection closed"
// was retried as a connection loss, and dts run never exited.
import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../../../runtime/log.js';
import { RocketMqSink } from '../../../../runtime/sinks/rocketmq/sink.js';
import type { Transport } from '../../../../runtime/sinks/rocketmq/sender.js';
import { ALL_DML, rocketMqTask } from '../../../support/task-spec.js';
import { insert } from '../../transforms/events.js';

describe('RocketMqSink.close', () => {
  it('stops retrying a failing send, so nothing keeps the process alive', async () => {
    let sends = 0;
    let closed = false;
    const transport: Transport = {
      send: async () => {
        sends++;
        throw new Error(closed ? 'remoting: connection to 127.0.0.1:1 closed' : 'remoting: connection to 127.0.0.1:1 closed by the peer');
      },
      close: async () => void (closed = true),
    };
    const task = rocketMqTask({ name: 'closing', topic: 'T', objects: [{ database: 'shop', dml: [...ALL_DML], ddl: [] }] });
    const sink = new RocketMqSink(task, { log: silentLogger, transport });
    await sink.open({ dialect: 'mariadb', version: '10.11' });
    const event = insert({ id: 1, status: 'new', amount: '1.00', note: null });
    await sink.write({ events: [event], position: { file: 'mysql-bin.000003', pos: 2000 }, commitTime: 1, transactionId: 't', bytes: 100 });
    const drained = sink.drain();
    drained.catch(() => undefined);
    while (sends < 2) await new Promise((r) => setTimeout(r, 50));
    await sink.close();
    await expect(drained).rejects.toThrow('task closing: the RocketMQ sink was closed with messages unsent');
    const after = sends;
    await new Promise((r) => setTimeout(r, 3000));
    expect(sends).toBe(after);
    expect(sink.durable()).toBeUndefined();
  }, 20_000);
});
