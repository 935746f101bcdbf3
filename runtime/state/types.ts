export const TASK_STATES = [
  'NotStarted', 'Prechecking', 'PrecheckFailed', 'SchemaSync', 'FullSync', 'Synchronizing', 'Suspended', 'Failed',
  // Waiting for the task's lease while another engine owns the task (runtime/lease). Reported by the
  // engine (metrics, console), never written to a state dir, which belongs to the owner.
  'Standby',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskStatus {
  readonly state: TaskState;
  /** Why the task is Failed / PrecheckFailed / Suspended. */
  readonly reason?: string;
  /** ISO time of the last state change. */
  readonly since: string;
}

/** A key value as JSON can hold it: bigint is kept as {"$bigint": "..."}, Buffer as {"$base64": "..."}. */
export type StoredKeyValue = string | number | null | { readonly $bigint: string } | { readonly $base64: string };

export interface TableSnapshotProgress {
  readonly status: 'pending' | 'in-progress' | 'done';
  /** Primary key values of the last row of the last delivered chunk (keyset pagination resumes after it). */
  readonly lastKey?: readonly StoredKeyValue[];
  readonly rowsDone: number;
  /** information_schema.TABLES.TABLE_ROWS when the full sync started (an estimate). */
  readonly rowsEstimated: number;
}

export interface SnapshotCheckpoint {
  /** "db.table" -> progress. */
  readonly tables: Readonly<Record<string, TableSnapshotProgress>>;
  readonly done: boolean;
  /**
   * A backfill: the full sync of tables a task that had finished its full sync now selects (the
   * manifest selects more, or a table appeared under a database object while the task was stopped).
   */
  readonly backfill?: boolean;
}

/** What the binlog reader remembers of one table (runtime/sources/schema/schema-memory.ts). */
export interface TableMemory {
  /** Its key columns (primary key, else the unique key the catalog chose). */
  readonly key: readonly string[];
  /**
   * Column name -> COLUMN_TYPE for the columns whose binlog type does not say what they are (MariaDB
   * UUID, INET4, INET6 arrive as storage bytes); every name a column had since the task began.
   */
  readonly types?: Readonly<Record<string, string>>;
}

/** "db.table" -> what the reader knows of it even after the catalog no longer has that name. */
export type SchemaMemory = Readonly<Record<string, TableMemory>>;
