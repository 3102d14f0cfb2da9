// Server-variation switches: behaviours other FHIR servers are documented to have, so the sync
// engine is tested against them (see README.md "Server profiles" for each vendor's source).
//
// A profile is a named set of switches (GET/POST/DELETE /admin/profile, --profile NAME). Each
// switch, with its default (the local platform as it is):
//   version_conflict_status: 412  | 409           stale If-Match answered 409 Conflict (HAPI)
//   client_ids: true              | false         PUT to an unknown id refused; updateCreate false
//   history: true                 | false         no _history at any level (Azure no-version)
//   sort: 'supported' | 'ignored' | 'unsupported' _sort ignored (server order, an outcome entry)
//                                                 or refused with 400 and absent from /metadata
//   paging: 'offset'              | 'token'       opaque continuation tokens that expire
//   page_token_ttl_ms: 60000                       how long a token link stays valid
//   max_count: null               | N             _count silently capped at N
//   bundles: 'transaction' | 'batch' | 'none'     which Bundle kinds POST [base] accepts
//   etag: true                    | false         no ETag header: the version is in the resource
//   location: 'created' | 'always'                Location (with /_history/n) on 201 only, or on
//                                                 every write, updates included
//   return_body: true             | false         Prefer: return=representation ignored
//   version_ids: 'uuid' | 'counter'               versionId a UUID or 1, 2, 3 …
//   clock_offset_ms: 0                             the server's clock ahead (+) or behind (−)
//   carry_source_forward: false   | true          an update without meta.source keeps the
//                                                 previous version's source
//   identifier_modifier: true     | false         the :identifier modifier refused with 400
//                                                 (HAPI-2498; Azure does not support it)
//   brotli: false                 | true          answers in br (RFC 7932) to a client that
//                                                 accepts it, else gzip as before
import { randomUUID } from 'node:crypto';

export const DEFAULTS = Object.freeze({
  version_conflict_status: 412,
  client_ids: true,
  history: true,
  sort: 'supported',
  paging: 'offset',
  page_token_ttl_ms: 60000,
  max_count: null,
  bundles: 'transaction',
  etag: true,
  location: 'created',
  return_body: true,
  version_ids: 'uuid',
  clock_offset_ms: 0,
  carry_source_forward: false,
  identifier_modifier: true,
  brotli: false,
});

// Each vendor profile lists only the switches the README cites for that vendor.
export const PROFILES = Object.freeze({
  default: {},
  hapi: {
    version_conflict_status: 409,
    paging: 'token',
    page_token_ttl_ms: 60000,
    location: 'always',
    version_ids: 'counter',
  },
  azure: {
    bundles: 'batch',
    history: false,
    paging: 'token',
    sort: 'ignored',
    version_ids: 'counter',
    clock_offset_ms: 5 * 60 * 1000,
  },
  firely: {
    max_count: 100,
    etag: false,
    return_body: false,
    location: 'always',
    carry_source_forward: true,
    clock_offset_ms: -5 * 60 * 1000,
  },
  medplum: {
    client_ids: false,
    paging: 'token',
    sort: 'unsupported',
    bundles: 'none',
  },
});

const CHOICES = {
  version_conflict_status: [412, 409],
  client_ids: [true, false],
  history: [true, false],
  sort: ['supported', 'ignored', 'unsupported'],
  paging: ['offset', 'token'],
  bundles: ['transaction', 'batch', 'none'],
  etag: [true, false],
  location: ['created', 'always'],
  return_body: [true, false],
  version_ids: ['uuid', 'counter'],
  carry_source_forward: [true, false],
  identifier_modifier: [true, false],
  brotli: [false, true],
};

let current = { name: 'default', ...DEFAULTS };
const tokens = new Map();

function validated(switches) {
  for (const [name, value] of Object.entries(switches)) {
    if (CHOICES[name]) {
      if (!CHOICES[name].includes(value)) {
        throw new Error(`${name} must be one of ${CHOICES[name].join(', ')}`);
      }
    } else if (name === 'max_count') {
      if (value !== null && !(Number.isInteger(value) && value > 0)) {
        throw new Error('max_count must be null or a positive integer');
      }
    } else if (name === 'page_token_ttl_ms' || name === 'clock_offset_ms') {
      if (!Number.isInteger(value) || (name === 'page_token_ttl_ms' && value < 0)) {
        throw new Error(`${name} must be an integer (ms)`);
      }
    } else {
      throw new Error(`unknown behaviour switch: ${name}`);
    }
  }
  return switches;
}

/** Switch to profile `name` (its switches over the defaults), plus `overrides`. */
export function setProfile(name = 'default', overrides = {}) {
  const base = PROFILES[name];
  if (!base) {
    throw new Error(`unknown profile ${name}; known: ${Object.keys(PROFILES).join(', ')}`);
  }
  current = { name, ...DEFAULTS, ...base, ...validated({ ...overrides }) };
  tokens.clear();
  return profile();
}

/** The switches in force (a copy). */
export function profile() {
  return { ...current };
}

/** The value of one switch. */
export function behaviour(name) {
  return current[name];
}

/** A fresh version id for a resource whose previous version is `previous` (or none). */
export function nextVersionId(previous) {
  if (current.version_ids === 'counter') {
    const n = Number.parseInt(previous ?? '0', 10);
    return String(Number.isInteger(n) && n > 0 ? n + 1 : 1);
  }
  return randomUUID();
}

/** Store a search continuation; returns its opaque token. */
export function newPageToken(state) {
  const token = randomUUID().replace(/-/g, '');
  tokens.set(token, { state, expires: Date.now() + current.page_token_ttl_ms });
  return token;
}

/** The search state behind `token`, or null when it is unknown or has expired. */
export function pageToken(token) {
  const found = tokens.get(token);
  if (!found || found.expires < Date.now()) {
    tokens.delete(token);
    return null;
  }
  return found.state;
}
