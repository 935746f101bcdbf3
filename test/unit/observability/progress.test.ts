/** Full-sync progress: bars redrawn in place on a TTY, JSON log lines (throttled) otherwise. */
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../runtime/log.js';
import { createProgressReporter, renderProgressLine } from '../../../runtime/observability/progress.js';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write(c: Buffer, _e, cb) { text += c.toString(); cb(); } });
  return { stream, text: () => text };
}

describe('progress', () => {
  it('renders a bar with percent and counts', () => {
    expect(renderProgressLine('shop.orders', 600, 1000, false)).toBe(`shop.orders  [${'█'.repeat(18)}${'░'.repeat(12)}]  60.0%  600/1,000 rows`);
    expect(renderProgressLine('t', 0, 0, false)).toContain('   ?  ');
    expect(renderProgressLine('t', 1200, 1000, true)).toBe(`t  [${'█'.repeat(30)}] 100.0%  1,200/1,200 rows  done`);
  });

  it('redraws one line per table in place on a TTY', () => {
    let clock = 0;
    const out = capture();
    const p = createProgressReporter({ logger: createLogger({ destination: capture().stream }), stream: out.stream, tty: true, now: () => clock });
    p.update('shop.orders', 10, 100);
    clock += 1000;
    p.update('shop.customers', 5, 10);
    clock += 1000;
    p.finish('shop.orders', 100);
    p.stop();
    const frames = out.text().split('\x1b[2K');
    expect(out.text()).toContain('\x1b[2A'); // moved up over the two bars
    const last = out.text().slice(out.text().lastIndexOf('\x1b[2A'));
    expect(last).toContain('shop.orders     [');
    expect(last).toContain('100/100 rows  done');
    expect(last).toContain('5/10 rows');
    expect(frames.length).toBeGreaterThan(3);
  });

  it('writes structured JSON log lines when not a TTY, at most one per interval per table', () => {
    let clock = 0;
    const logs = capture();
    const out = capture();
    const p = createProgressReporter({ logger: createLogger({ destination: logs.stream }), stream: out.stream, tty: false, intervalMs: 5000, now: () => clock });
    for (let i = 1; i <= 10; i++) {
      p.update('shop.orders', i * 100, 1000);
      clock += 1000;
    }
    p.finish('shop.orders', 1000);
    p.stop();
    expect(out.text()).toBe('');
    const lines = logs.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.msg, l.rowsDone, l.percent])).toEqual([
      ['full sync progress', 100, 10],
      ['full sync progress', 600, 60],
      ['full sync table done', 1000, 100],
    ]);
    expect(lines[0]).toMatchObject({ table: 'shop.orders', rowsEstimated: 1000, level: 30 });
  });
});
