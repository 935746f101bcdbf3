export type PrecheckStatus = 'pass' | 'warn' | 'fail';

export interface PrecheckResult {
  readonly id: string;
  readonly status: PrecheckStatus;
  readonly message: string;
  /** What to do about it ('' when nothing is needed). */
  readonly fix: string;
  /** 'connection': the check could not reach its server (or lost it); `dts run` checks again. */
  readonly retry?: 'connection';
}

/** One or more related checks (a source suite returns many results from one set of queries). */
export interface Precheck {
  readonly id: string;
  run(): Promise<PrecheckResult | readonly PrecheckResult[]>;
}

export interface PrecheckReport {
  /** False when any result failed: `dts run` refuses to start. */
  readonly ok: boolean;
  readonly results: readonly PrecheckResult[];
}
