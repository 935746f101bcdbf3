export * from './types.js';
export * from './offsets.js';
export { TaskStateStore, StateCorruptError, defaultStateDir, type SuspendMark } from './state-store.js';
export { writeFileAtomic } from './atomic-file.js';
export { encodeKeyValue, decodeKeyValue } from './key-codec.js';
