export { EngineMetrics, TaskMetrics, SPEED_WINDOW_SECONDS, type Delivery, type DeliveredOperation, type SyncPhase } from './metrics.js';
export { startObservabilityServer, statusFromMetrics, HTTP_LIMITS, type ObservabilityServer, type ObservabilityServerOptions } from './server.js';
export { writeEngineInfo, readEngineInfo, removeEngineInfo, isPidAlive, engineInfoPath, ENGINE_INFO_FILE, type EngineInfo } from './engine-info.js';
export { collectStatus, fetchEngineStatus, rowFromStateDir } from './status-reader.js';
export { renderStatusTable, statusCells } from './status-table.js';
export { AlertMonitor, type AlertEvent, type AlertKind, type AlertSample, type AlertMonitorOptions } from './alerts.js';
export { createProgressReporter, renderProgressLine, type ProgressReporter, type ProgressOptions } from './progress.js';
export * from './status-model.js';
