/** Replication server ids the bundled engine uses: deterministic and unique per source. */
const MIN_SERVER_ID = 1_000_000;
const RANGE = 2_000_000_000;

function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable id in [1,000,000, 2,001,000,000) for a stack and task name. */
export function derivedServerId(stack: string, task: string): number {
  return MIN_SERVER_ID + (fnv1a32(`${stack}/${task}`) % RANGE);
}

export interface ServerIdRequest {
  readonly task: string;
  /** Source address, host:port. */
  readonly source: string;
  /** Explicit id (kept as given). */
  readonly explicit?: number;
}

/**
 * Assigns ids in task-name order: explicit ids first, then derived ones, bumped by one until no
 * other task on the same source has them.
 */
export function assignServerIds(stack: string, requests: readonly ServerIdRequest[]): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Map<string, Set<number>>();
  const usedBy = (source: string) => used.get(source) ?? used.set(source, new Set()).get(source)!;
  const sorted = [...requests].sort((a, b) => a.task.localeCompare(b.task));
  for (const r of sorted) {
    if (r.explicit !== undefined) {
      out.set(r.task, r.explicit);
      usedBy(r.source).add(r.explicit);
    }
  }
  for (const r of sorted) {
    if (r.explicit !== undefined) continue;
    const taken = usedBy(r.source);
    let id = derivedServerId(stack, r.task);
    while (taken.has(id)) id = id + 1 >= MIN_SERVER_ID + RANGE ? MIN_SERVER_ID : id + 1;
    taken.add(id);
    out.set(r.task, id);
  }
  return out;
}
