import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from '../../../runtime/log.js';

describe('createLogger', () => {
  it('writes one JSON object a line with bindings, and redacts secret-looking keys', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const log = createLogger({ destination }).child({ task: 'orders' });
    log.info('connected', { host: '127.0.0.1', password: 'hunter2', endpoint: { secretKey: 'k' } });
    log.error('failed', { table: 'shop.orders' });
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 30, task: 'orders', msg: 'connected', host: '127.0.0.1', password: '(sensitive)' });
    expect(first.endpoint.secretKey).toBe('(sensitive)');
    expect(lines.join('')).not.toContain('hunter2');
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 50, msg: 'failed', table: 'shop.orders' });
  });
});
