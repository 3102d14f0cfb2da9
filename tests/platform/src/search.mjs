// Search over the in-memory store: strict parameter checking, an index for reference searches
// (literal and logical), multi-key sorting with a stable order, and paging that clones only the
// returned page.
import { Operator, deepClone, evalFhirPath, globalSchema, matchesSearchRequest, splitSearchOnComma } from '@medplum/core';
import { fail400 } from './outcomes.mjs';
import { behaviour } from './profiles.mjs';
import { identifierKey, identifierValueKey, refIdOf } from './refindex.mjs';

const INDEXABLE_OPERATORS = new Set([Operator.EQUALS]);
const BASE_ELEMENTS = new Set(['resourceType', 'id', 'meta']);

function searchParam(type, code) {
  return globalSchema.types[type]?.searchParams?.[code];
}

/** Reject what this server cannot evaluate, instead of silently matching nothing. */
function checkRequest(type, req) {
  if (!globalSchema.types[type]?.searchParams) {
    fail400(`Unknown resource type: ${type}`);
  }
  for (const filter of req.filters ?? []) {
    const param = searchParam(type, filter.code);
    if (!param) {
      fail400(`Unknown or unsupported search parameter for ${type}: ${filter.code}`);
    }
    if (!['reference', 'string', 'uri', 'token', 'date'].includes(param.type)) {
      fail400(`Search parameter type not supported by this server: ${filter.code} (${param.type})`);
    }
  }
  for (const rule of req.sortRules ?? []) {
    if (!searchParam(type, rule.code)) {
      fail400(`Unknown sort parameter for ${type}: ${rule.code}`);
    }
  }
  if (req.include?.length || req.revInclude?.length) {
    fail400('_include and _revinclude are not supported by this server');
  }
}

/** Bare ids in reference filters become "Type/id" for each target type of the parameter. */
function normalizeReferenceFilters(type, req) {
  const filters = (req.filters ?? []).map((filter) => {
    const param = searchParam(type, filter.code);
    if (param?.type !== 'reference' || filter.operator === Operator.MISSING ||
        filter.operator === Operator.PRESENT || filter.operator === Operator.IDENTIFIER) {
      return filter;
    }
    const targets = param.target ?? [];
    const values = splitSearchOnComma(filter.value).flatMap((v) =>
      v.includes('/') || !targets.length ? [v] : targets.map((t) => `${t}/${v}`)
    );
    return { ...filter, value: values.join(',') };
  });
  return { ...req, resourceType: type, filters };
}

/**
 * The `:identifier` modifier on reference parameters (FHIR R4 search.html#modifiers: "search
 * by the identifier rather than the literal reference", the value a token `[system]|[value]`,
 * `|[value]` (no system), `[value]` (any system) or `[system]|` (any value); comma = OR).
 * Medplum's matcher (4.5.2) never matches it, so an identifier-only reference, as VKP and PMD
 * make them (`subject.identifier` = the fødselsnummer), was silently not found. Servers that
 * support it: Medplum since github.com/medplum/medplum/pull/1648 (issue 1630), IBM FHIR
 * (github.com/IBM/FHIR/issues/773), Firely Spark (github.com/FirelyTeam/spark/pull/431),
 * Oracle's FHIR service (its SearchParameter lists modifier "identifier"). Servers that do
 * not: HAPI FHIR refuses it with HAPI-2498 (github.com/hapifhir/hapi-fhir/pull/5696, issue
 * 2916), Azure's FHIR service does not support it (github.com/microsoft/fhir-server/issues/
 * 3640); a client must not rely on it everywhere. Matching is exact (case-sensitive) on
 * system and value. Returns {identifierFilters, rest}.
 */
function splitIdentifierFilters(type, req) {
  const identifierFilters = [];
  const rest = [];
  for (const filter of req.filters ?? []) {
    if (filter.operator !== Operator.IDENTIFIER) {
      rest.push(filter);
      continue;
    }
    if (!behaviour('identifier_modifier')) {
      // As HAPI FHIR words its refusal (HAPI-2498, hapi-fhir pull 5696).
      fail400(`HAPI-2498: Unsupported search modifier(s): ":identifier" for parameter ${filter.code}`);
    }
    const param = searchParam(type, filter.code);
    if (param?.type !== 'reference') {
      fail400(`The :identifier modifier applies to reference parameters only: ${filter.code}`);
    }
    const tokens = splitSearchOnComma(filter.value).map(identifierToken);
    if (!tokens.length || tokens.some((t) => !t.value && !t.system)) {
      fail400(`Empty :identifier value for ${filter.code}`);
    }
    identifierFilters.push({ expression: param.expression, tokens });
  }
  return { identifierFilters, rest };
}

function identifierToken(text) {
  const bar = text.indexOf('|');
  if (bar < 0) {
    return { anySystem: true, system: '', value: text };
  }
  return { anySystem: false, system: text.slice(0, bar), value: text.slice(bar + 1) };
}

function tokenMatches(identifier, token) {
  if (!identifier || typeof identifier !== 'object' || typeof identifier.value !== 'string') {
    return false;
  }
  if (!token.anySystem && (identifier.system ?? '') !== token.system) {
    return false;
  }
  return token.value === '' || identifier.value === token.value;
}

function matchesIdentifierFilters(resource, identifierFilters) {
  return identifierFilters.every(({ expression, tokens }) =>
    evalFhirPath(expression, resource).some((ref) =>
      ref && typeof ref === 'object' && tokens.some((token) => tokenMatches(ref.identifier, token))));
}

/** Reference-index keys of an identifier filter, or null when a token names no value. */
function identifierKeys(identifierFilter) {
  const keys = [];
  for (const token of identifierFilter.tokens) {
    if (!token.value) {
      return null; // `system|`: any value, not in the index
    }
    keys.push(token.anySystem ? identifierValueKey(token.value) : identifierKey(token.system, token.value));
  }
  return keys;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const FAST_OPERATORS = new Set([Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUALS, Operator.LESS_THAN,
  Operator.LESS_THAN_OR_EQUALS, Operator.EQUALS]);

/** [start, end] (ISO UTC, ms) covered by a zoned instant at its precision, or null. */
function instantRange(value) {
  const m = INSTANT.exec(value);
  if (!m) {
    return null;
  }
  const start = Date.parse(value);
  if (Number.isNaN(start)) {
    return null;
  }
  const width = m[2] ? 0 : m[1] ? 999 : 59999; // ms, seconds or minutes precision
  return [new Date(start).toISOString(), new Date(start + width).toISOString()];
}

/**
 * Split `_lastUpdated` filters on zoned instants off the request: they are checked here by
 * string comparison of UTC instants (Medplum's generic date matcher costs ~50 µs per resource).
 * Returns {checks, rest, lowerBound}; lowerBound (from ge/gt/eq) lets the change log narrow
 * the candidates.
 */
function splitLastUpdated(req) {
  const checks = [];
  const rest = [];
  let lowerBound;
  for (const filter of req.filters ?? []) {
    const range = filter.code === '_lastUpdated' && FAST_OPERATORS.has(filter.operator) &&
      !filter.value.includes(',') ? instantRange(filter.value) : null;
    if (!range) {
      rest.push(filter);
      continue;
    }
    const [start, end] = range;
    const check = {
      [Operator.GREATER_THAN]: (v) => v > end,
      [Operator.GREATER_THAN_OR_EQUALS]: (v) => v >= start,
      [Operator.LESS_THAN]: (v) => v < start,
      [Operator.LESS_THAN_OR_EQUALS]: (v) => v <= end,
      [Operator.EQUALS]: (v) => v >= start && v <= end,
    }[filter.operator];
    checks.push(check);
    if (filter.operator !== Operator.LESS_THAN && filter.operator !== Operator.LESS_THAN_OR_EQUALS) {
      lowerBound = lowerBound === undefined || start > lowerBound ? start : lowerBound;
    }
  }
  return { checks, rest, lowerBound };
}

/** Current versions of `type` changed at or after `since`, from the time-ordered change log. */
function changedSince(repo, type, all, since) {
  const rows = repo.changes.rows;
  const out = [];
  for (let i = repo.changes.firstIndexSince(since); i < rows.length; i++) {
    const row = rows[i];
    if (row.type === type && all.get(row.id) === row.version) {
      out.push(row.version);
    }
  }
  return out;
}

function fromIndex(repo, all, type, keys) {
  const out = [];
  for (const id of repo.refIndex.candidates(type, keys)) {
    const resource = all.get(id);
    if (resource) {
      out.push(resource);
    }
  }
  return out;
}

/**
 * Candidate resources of `type`: via the reference index when a plain reference filter or an
 * `:identifier` filter exists, else via the change log when `_lastUpdated=ge|gt` bounds it,
 * else all of them.
 */
function candidates(repo, type, req, lowerBound, identifierFilters) {
  const all = repo.resources.get(type);
  if (!all) {
    return [];
  }
  for (const filter of identifierFilters) {
    const keys = identifierKeys(filter);
    if (keys) {
      return fromIndex(repo, all, type, keys);
    }
  }
  for (const filter of req.filters ?? []) {
    const param = searchParam(type, filter.code);
    if (param?.type === 'reference' && INDEXABLE_OPERATORS.has(filter.operator) && filter.value) {
      const refIds = splitSearchOnComma(filter.value).map(refIdOf);
      if (refIds.every(Boolean)) {
        const out = [];
        for (const id of repo.refIndex.candidates(type, refIds)) {
          const resource = all.get(id);
          if (resource) {
            out.push(resource);
          }
        }
        return out;
      }
    }
  }
  if (lowerBound !== undefined) {
    return changedSince(repo, type, all, lowerBound);
  }
  return all.values();
}

function sortKey(resource, code) {
  if (code === '_lastUpdated') {
    return resource.meta?.lastUpdated;
  }
  if (code === '_id') {
    return resource.id;
  }
  const expression = searchParam(resource.resourceType, code)?.expression;
  const value = expression ? evalFhirPath(expression, resource)[0] : undefined;
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'object') {
    return value.start ?? value.value ?? value.family ?? value.code ?? JSON.stringify(value);
  }
  return value;
}

function compareKeys(a, b) {
  if (a === b) {
    return 0;
  }
  if (a === undefined) {
    return 1; // missing values sort last in both directions
  }
  if (b === undefined) {
    return -1;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort by all rules in order (first rule dominates); ties keep insertion order (stable). */
function sortMatches(matches, sortRules) {
  if (!sortRules?.length) {
    return matches;
  }
  const decorated = matches.map((r) => ({ r, keys: sortRules.map((rule) => sortKey(r, rule.code)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < sortRules.length; i++) {
      const c = compareKeys(x.keys[i], y.keys[i]);
      if (c !== 0) {
        const bothPresent = x.keys[i] !== undefined && y.keys[i] !== undefined;
        return sortRules[i].descending && bothPresent ? -c : c;
      }
    }
    return 0;
  });
  return decorated.map((d) => d.r);
}

function applyElements(resource, fields) {
  const out = {};
  for (const key of Object.keys(resource)) {
    if (BASE_ELEMENTS.has(key) || fields.includes(key)) {
      out[key] = deepClone(resource[key]);
    }
  }
  out.meta = { ...(out.meta ?? {}) };
  out.meta.tag = [...(out.meta.tag ?? []), {
    system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED',
  }];
  return out;
}

/** Run a parsed SearchRequest against the repository; returns a searchset Bundle (no links). */
export function runSearch(repo, searchRequest) {
  const types = searchRequest.types?.length ? searchRequest.types : [searchRequest.resourceType];
  let matches = [];
  for (const type of types) {
    checkRequest(type, searchRequest);
    const normalized = normalizeReferenceFilters(type, searchRequest);
    const { identifierFilters, rest: plain } = splitIdentifierFilters(type, normalized);
    const { checks, rest, lowerBound } = splitLastUpdated({ ...normalized, filters: plain });
    const req = { ...normalized, filters: rest };
    for (const resource of candidates(repo, type, req, lowerBound, identifierFilters)) {
      const updated = resource.meta?.lastUpdated;
      if (checks.every((check) => check(updated)) && matchesSearchRequest(resource, req) &&
          matchesIdentifierFilters(resource, identifierFilters)) {
        matches.push(resource);
      }
    }
  }
  matches = sortMatches(matches, searchRequest.sortRules);
  const offset = Math.max(0, searchRequest.offset ?? 0);
  const count = searchRequest.count;
  const page = matches.slice(offset, count === undefined ? undefined : offset + Math.max(0, count));
  const fields = searchRequest.fields;
  const entry = page.map((r) => ({
    resource: fields?.length ? applyElements(r, fields) : deepClone(r),
    search: { mode: 'match' },
  }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    ...(entry.length ? { entry } : {}),
  };
}
