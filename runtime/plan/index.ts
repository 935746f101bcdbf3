export * from './types.js';
export { planManifests, planTask, objectLabel, type PlanInput, type PreviousTask } from './diff.js';
export { renderPlan, formatPlanValue, planCommentMarker, summaryLine, type PlanFormat } from './render.js';
export { saveRunManifest, readRunManifest, readRunManifests, runManifestPath, hasRun, RunManifestError, RUN_MANIFEST_FILE, type RunTask } from './run-manifest.js';
export { TASK_RULES, OBJECT_RULES, UNKNOWN_FIELD_RULE, type FieldRule, type RuleContext } from './rules.js';
