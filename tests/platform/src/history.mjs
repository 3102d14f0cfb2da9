// _history at system, type and instance level, served from the wrapper's change log.
// Parameters: _since (instant, "at or after"), _count (default/max as for search),
// _sort=-_lastUpdated (default, newest first as FHIR specifies) or _sort=_lastUpdated,
// _cursor (opaque, taken from the next link). Deletions are entries with request.method DELETE.
import { deepClone, isDateTimeString } from '@medplum/core';
import { CHANGE_ROW } from './changelog.mjs';
import { fail400 } from './outcomes.mjs';
import { Tombstone } from './repository.mjs';

function single(query, name) {
  const v = query.getAll(name);
  return v.length ? v[v.length - 1] : undefined;
}

function parseSince(query) {
  const since = single(query, '_since');
  if (since === undefined) {
    return undefined;
  }
  if (!isDateTimeString(since) || !since.includes('T')) {
    fail400(`_since must be a FHIR instant: ${since.slice(0, 40)}`);
  }
  return new Date(since).toISOString();
}

function parseDirection(query) {
  const sort = single(query, '_sort');
  if (sort === undefined || sort === '-_lastUpdated') {
    return 'desc';
  }
  if (sort === '_lastUpdated') {
    return 'asc';
  }
  fail400('_history supports only _sort=_lastUpdated or _sort=-_lastUpdated');
}

function parseCursor(query) {
  const cursor = single(query, '_cursor');
  if (cursor === undefined) {
    return undefined;
  }
  const seq = parseInt(cursor, 36);
  if (!/^[0-9a-z]+$/.test(cursor) || !Number.isSafeInteger(seq)) {
    fail400('Invalid _cursor');
  }
  return seq;
}

/** Index of the first row with time >= since in a time-ordered array. */
function firstSince(rows, since) {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].time < since) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function entryFor(row, base) {
  const { type, id, method, created, version } = row;
  const entry = { fullUrl: `${base}/${type}/${id}` };
  const vid = version.meta.versionId;
  if (!(version instanceof Tombstone)) {
    entry.resource = deepClone(version);
  }
  entry.request = { method, url: method === 'POST' ? type : `${type}/${id}` };
  entry.response = {
    status: method === 'DELETE' ? '200 OK' : created ? '201 Created' : '200 OK',
    etag: `W/"${vid}"`,
    lastModified: version.meta.lastUpdated,
    ...(method === 'DELETE' ? {} : { location: `${type}/${id}/_history/${vid}` }),
  };
  return entry;
}

/**
 * A history Bundle page over `rows` (ascending seq, non-decreasing time).
 * `selfUrl(params)` builds a link URL from URLSearchParams; `count` is already clamped.
 */
export function historyPage({ rows, base, query, count, selfUrl, now }) {
  const since = parseSince(query);
  const direction = parseDirection(query);
  const cursor = parseCursor(query);
  const start = since === undefined ? 0 : firstSince(rows, since);
  const total = rows.length - start;
  const page = [];
  if (direction === 'desc') {
    let i = rows.length - 1;
    if (cursor !== undefined) {
      while (i >= start && rows[i].seq >= cursor) {
        i--;
      }
    }
    for (; i >= start && page.length < count; i--) {
      page.push(rows[i]);
    }
  } else {
    let i = start;
    if (cursor !== undefined) {
      while (i < rows.length && rows[i].seq <= cursor) {
        i++;
      }
    }
    for (; i < rows.length && page.length < count; i++) {
      page.push(rows[i]);
    }
  }
  const links = [{ relation: 'self', url: selfUrl(query) }];
  if (page.length === count && page.length > 0) {
    const lastSeq = page[page.length - 1].seq;
    const more = direction === 'desc' ? rows[start]?.seq < lastSeq : rows[rows.length - 1].seq > lastSeq;
    if (more) {
      const next = new URLSearchParams(query);
      next.set('_cursor', lastSeq.toString(36));
      next.set('_count', String(count));
      links.push({ relation: 'next', url: selfUrl(next) });
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'history',
    meta: { lastUpdated: now },
    total,
    link: links,
    entry: page.map((row) => entryFor(row, base)),
  };
}

/** Change rows for one resource instance (from its version array), ascending. */
export function instanceRows(versions) {
  return versions.map((v) => v[CHANGE_ROW]);
}

/** Change rows for one resource type, ascending (only from `_since` on, if given). */
export function typeRows(changeLog, type, query) {
  const since = parseSince(query);
  const start = since === undefined ? 0 : changeLog.firstIndexSince(since);
  const out = [];
  for (let i = start; i < changeLog.rows.length; i++) {
    if (changeLog.rows[i].type === type) {
      out.push(changeLog.rows[i]);
    }
  }
  return out;
}
