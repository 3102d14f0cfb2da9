// Fault injection for FHIR requests, switched on through the admin API.
//
// Switches (JSON body of POST /admin/faults; each counted switch takes a number N or an object
// {count, method?, path_prefix?} and applies to the next N matching FHIR requests):
//   latency_ms: int                     delay every FHIR request (until cleared)
//   error: {status: 500|503, count, …}  answer with that status and an OperationOutcome
//   throttle: {count, retry_after, …}   answer 429 with Retry-After (seconds, default 1)
//   reset_connection: N | {…}           destroy the socket without any response, nothing done
//   drop_after_commit: N | {…}          perform the write, then destroy the socket (writes only)
// `method` matches the HTTP method; `path_prefix` matches the path below the FHIR base
// (e.g. "Patient" matches "Patient" and "Patient/1"; "" matches the base itself).

const COUNTED = ['error', 'throttle', 'reset_connection', 'drop_after_commit'];

function emptyState() {
  return { latency_ms: 0, error: null, throttle: null, reset_connection: null, drop_after_commit: null };
}

let state = emptyState();

function normalizeCounted(name, value) {
  if (value === null || value === undefined || value === 0) {
    return null;
  }
  const spec = typeof value === 'number' ? { count: value } : { ...value };
  if (!Number.isInteger(spec.count) || spec.count < 0) {
    throw new Error(`${name}.count must be a non-negative integer`);
  }
  if (spec.method !== undefined && typeof spec.method !== 'string') {
    throw new Error(`${name}.method must be a string`);
  }
  if (spec.path_prefix !== undefined) {
    spec.path_prefix = String(spec.path_prefix).replace(/^\/+/, '');
  }
  if (name === 'error') {
    spec.status = spec.status ?? 500;
    if (![500, 502, 503, 504].includes(spec.status)) {
      throw new Error('error.status must be 500, 502, 503 or 504');
    }
  }
  if (name === 'throttle') {
    spec.retry_after = spec.retry_after ?? 1;
    if (!Number.isInteger(spec.retry_after) || spec.retry_after < 0) {
      throw new Error('throttle.retry_after must be a non-negative integer (seconds)');
    }
  }
  return spec.count ? spec : null;
}

/** Merge switches into the current state; throws Error on an invalid value. */
export function setFaults(spec) {
  const next = { ...state };
  for (const [name, value] of Object.entries(spec ?? {})) {
    if (name === 'latency_ms') {
      if (!Number.isInteger(value) || value < 0 || value > 600000) {
        throw new Error('latency_ms must be an integer between 0 and 600000');
      }
      next.latency_ms = value;
    } else if (COUNTED.includes(name)) {
      next[name] = normalizeCounted(name, value);
    } else {
      throw new Error(`unknown fault switch: ${name}`);
    }
  }
  state = next;
}

export function clearFaults() {
  state = emptyState();
}

export function faultState() {
  return structuredClone(state);
}

export function latencyMs() {
  return state.latency_ms;
}

function matches(spec, method, path) {
  return (!spec.method || spec.method.toUpperCase() === method) &&
    (spec.path_prefix === undefined || path.startsWith(spec.path_prefix));
}

/** Consume one use of switch `name` if it applies to this request. */
function take(name, method, path) {
  const spec = state[name];
  if (!spec || !matches(spec, method, path)) {
    return null;
  }
  spec.count -= 1;
  if (spec.count <= 0) {
    state[name] = null;
  }
  return spec;
}

/** The fault to apply before handling (reset, error or throttle), or null. */
export function faultBefore(method, path) {
  if (take('reset_connection', method, path)) {
    return { kind: 'reset' };
  }
  const error = take('error', method, path);
  if (error) {
    return { kind: 'error', status: error.status };
  }
  const throttle = take('throttle', method, path);
  if (throttle) {
    return { kind: 'throttle', retryAfter: throttle.retry_after };
  }
  return null;
}

/** True if the response to this committed write must be dropped (socket destroyed). */
export function dropAfterCommit(method, path) {
  return Boolean(take('drop_after_commit', method, path));
}
