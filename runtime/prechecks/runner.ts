import { classifyFailure } from '../util/retry.js';
import type { Precheck, PrecheckReport, PrecheckResult } from './types.js';

/**
 * Runs source checks and sink checks (given as a list: the RocketMQ or MySQL sink provides its own)
 * one after another. A check that throws becomes a failed result naming it, never a crash; when it
 * threw a connection failure (a killed session, a server restarting) the result says so, and `dts run`
 * checks again within the task's connection-retry window instead of failing the task.
 */
export async function runPrechecks(checks: readonly Precheck[]): Promise<PrecheckReport> {
  const results: PrecheckResult[] = [];
  for (const check of checks) {
    try {
      const r = await check.run();
      results.push(...(Array.isArray(r) ? (r as readonly PrecheckResult[]) : [r as PrecheckResult]));
    } catch (err) {
      results.push({
        id: check.id,
        status: 'fail',
        message: `the check itself failed: ${(err as Error).message}`,
        fix: 'fix the cause above and run the precheck again',
        ...(classifyFailure(err) === 'connection' ? { retry: 'connection' as const } : {}),
      });
    }
  }
  return { ok: results.every((r) => r.status !== 'fail'), results };
}

/** Human-readable report lines (the CLI prints these; --json prints the report itself). */
export function formatReport(report: PrecheckReport): string {
  const mark = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;
  const lines = report.results.map((r) => `${mark[r.status]}  ${r.id}: ${r.message}${r.status !== 'pass' && r.fix ? `\n      fix: ${r.fix}` : ''}`);
  lines.push(report.ok ? 'precheck passed' : 'precheck FAILED: the task will not start');
  return lines.join('\n');
}
