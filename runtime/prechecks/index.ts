export type { Precheck, PrecheckReport, PrecheckResult, PrecheckStatus } from './types.js';
export { runPrechecks, formatReport } from './runner.js';
export { sourcePrecheck, evaluateSourceFacts, type SourceCheckContext } from './source-checks.js';
export { gatherSourceFacts, redactGrant, type SourceFacts, type SourceTableFacts } from './source-facts.js';
