// Wrapper-side change log: one row per committed write (create, update, delete), in commit order.
// It backs type- and system-level _history, which Medplum's router does not provide.

/** Symbol under which a stored version points to its change-log row. */
export const CHANGE_ROW = Symbol('changeRow');

/** Append-only list of changes; rows are {seq, type, id, method, version, time}. */
export class ChangeLog {
  constructor() {
    this.rows = [];
    this.nextSeq = 1;
  }

  clear() {
    this.rows = [];
    this.nextSeq = 1;
  }

  get length() {
    return this.rows.length;
  }

  /**
   * Record a change; `version` is the stored resource version or tombstone object, `method` the
   * request method (POST, PUT, DELETE) and `created` whether the write created the resource.
   * The row is also attached to the version (symbol key, never serialised).
   */
  append(type, id, method, version, created) {
    const row = { seq: this.nextSeq++, type, id, method, created, version, time: version.meta.lastUpdated };
    this.rows.push(row);
    version[CHANGE_ROW] = row;
    return row;
  }

  /** Drop rows appended after `length` rows (transaction rollback). */
  truncate(length) {
    this.rows.length = length;
    this.nextSeq = length ? this.rows[length - 1].seq + 1 : 1;
  }

  /** Index of the first row with time >= since (rows are in non-decreasing time order). */
  firstIndexSince(since) {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid].time < since) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the row with this seq (seqs are dense and ascending), or -1. */
  indexOfSeq(seq) {
    if (!this.rows.length) {
      return -1;
    }
    const i = seq - this.rows[0].seq;
    return i >= 0 && i < this.rows.length && this.rows[i].seq === seq ? i : -1;
  }
}
