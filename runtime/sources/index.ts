export { ChangeSource, type ChangeSourceOptions, type SourceBatch, type TableRef, type TableProgress } from './change-source.js';
export { BinlogReader, type BinlogReaderOptions, type BinlogStart, type BinlogTransaction } from './binlog/reader.js';
export { BinlogReaderError, classifyBinlogError, type BinlogErrorKind } from './binlog/errors.js';
export { connectionConfigFor, openConnection, mysql2Options, quoteIdent, qualifiedName, type MySqlConnectionConfig, type QueryConnection } from './mysql/connection.js';
export { readMasterStatus, comparePositions } from './mysql/position.js';
export { SchemaCatalog, loadTableMeta, type TableMeta } from './schema/catalog.js';
export { jdbcTypeOf } from './schema/sql-type.js';
export { readChunk, detectChunkMode, type Chunk, type ChunkMode } from './snapshot/chunk-reader.js';
export { buildChunkQuery } from './snapshot/keyset.js';
