/**
 * MariaDB GTID position (one domain-server-seq per replication domain, like @@gtid_binlog_pos),
 * advanced as transactions commit, so a checkpoint can resume by GTID after a failover.
 * MySQL uuid:n GTIDs are not tracked here (zongji's own gtidSet covers them).
 */
export class MariaGtidTracker {
  private readonly domains = new Map<string, string>();

  constructor(initial?: string) {
    if (initial) this.seed(initial);
  }

  seed(position: string): void {
    for (const part of position.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^(\d+)-(\d+)-(\d+)$/.exec(part);
      if (m?.[1] !== undefined) this.domains.set(m[1], part);
    }
  }

  /** Records a committed MariaDB GTID; MySQL GTIDs (with ':') are ignored. */
  add(gtid: string): void {
    const m = /^(\d+)-(\d+)-(\d+)$/.exec(gtid);
    if (m?.[1] !== undefined) this.domains.set(m[1], gtid);
  }

  toString(): string {
    return [...this.domains.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, g]) => g).join(',');
  }
}
