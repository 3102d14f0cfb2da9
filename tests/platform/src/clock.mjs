// Server clock: ISO instants with millisecond precision that never run backwards.
// Equal instants (ties within one millisecond) are allowed on purpose: real servers produce them.
// The clock_offset_ms behaviour switch sets this clock ahead of (or behind) the machine's.
import { behaviour } from './profiles.mjs';

let last = 0;

/** The current server time as an ISO 8601 instant (UTC, ms), never earlier than the previous call. */
export function nowIso() {
  const t = Math.max(Date.now() + behaviour('clock_offset_ms'), last);
  last = t;
  return new Date(t).toISOString();
}

/** Forget the last instant given (a server restart does): a new clock offset takes effect. */
export function resetClock() {
  last = 0;
}
