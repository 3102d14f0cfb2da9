// The FHIR REST endpoint below /fhir/R4: faults, access check, then one request at a time
// against the repository (so transactions are isolated), with real-server headers and paging.
import { OperationOutcomeError, allOk, badRequest, isOk, normalizeOperationOutcome } from '@medplum/core';
import { checkAccess } from './auth.mjs';
import { processBundle } from './bundles.mjs';
import { capabilityStatement } from './capability.mjs';
import { nowIso } from './clock.mjs';
import { dropAfterCommit, faultBefore, latencyMs } from './faults.mjs';
import { historyPage, instanceRows, typeRows } from './history.mjs';
import { REQUEST_ENCODINGS, acceptedEncoding, decoded, httpDate, readBody, sendJson } from './http-util.mjs';
import { getStatus, methodNotAllowed, outcome, serverError } from './outcomes.mjs';
import { checkIfMatch, checkIfNoneMatch } from './preconditions.mjs';
import { behaviour, newPageToken, pageToken } from './profiles.mjs';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const LOOPBACK_HOST = /^127\.0\.0\.1:\d{1,5}$/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Reply {
  constructor(status, body, headers = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

function fromOutcome(oo) {
  return new Reply(getStatus(oo), oo);
}

function parseCount(query, limits) {
  if (query.getAll('_summary').includes('count')) {
    return 0;
  }
  const raw = query.getAll('_count').pop();
  const cap = Math.min(limits.maxCount, behaviour('max_count') ?? limits.maxCount);
  if (raw === undefined) {
    return Math.min(limits.defaultCount, cap);
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new OperationOutcomeError(badRequest('_count must be a non-negative integer'));
  }
  return Math.min(n, cap); // silently capped, as servers with a page-size limit do
}

/** The query with `_sort` handled as the sort switch says; [query, an outcome entry or null]. */
function applySort(query) {
  if (!query.has('_sort') || behaviour('sort') === 'supported') {
    return [query, null];
  }
  if (behaviour('sort') === 'unsupported') {
    throw new OperationOutcomeError(badRequest('_sort is not supported by this server'));
  }
  // Ignored, as some servers do: results come in the server's own order (here by id), and an
  // outcome entry says so.
  const params = new URLSearchParams(query);
  params.set('_sort', '_id');
  const warning = outcome('not-supported', 'The _sort parameter was ignored', { severity: 'warning' });
  return [params, { resource: warning, search: { mode: 'outcome' } }];
}

function parseOffset(query) {
  const raw = query.getAll('_offset').pop();
  const n = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new OperationOutcomeError(badRequest('_offset must be a non-negative integer'));
  }
  return n;
}

function parseBody(buffer, { form }) {
  if (!buffer.length) {
    return form ? new URLSearchParams() : undefined;
  }
  if (form) {
    return new URLSearchParams(buffer.toString('utf8'));
  }
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    throw new OperationOutcomeError(badRequest('Request body is not valid JSON'));
  }
}

/** Create the request handler; `ctx` = {router, repo, mutex, limits, types, software, baseUrl()}. */
export function createFhirHandler(ctx) {
  const { router, repo, mutex, limits } = ctx;

  function linkUrl(subpath, params) {
    const qs = params.toString();
    return `${ctx.baseUrl()}/${subpath}${qs ? `?${qs}` : ''}`;
  }

  async function search(subpath, query, now) {
    let continued = null;
    const token = query.get('_page_token');
    if (token !== null) {
      continued = pageToken(token);
      if (!continued) {
        return fromOutcome(outcome('not-found', 'This paging link has expired; run the search again', { id: 'gone' }));
      }
      query = new URLSearchParams(continued.query);
    } else if (behaviour('paging') === 'token' && query.has('_offset')) {
      return fromOutcome(badRequest('_offset is not supported; follow the next link'));
    }
    const count = parseCount(query, limits);
    const offset = continued ? continued.offset : parseOffset(query);
    const [effective, note] = applySort(query);
    const params = new URLSearchParams(effective);
    params.set('_count', String(count));
    params.set('_offset', String(offset));
    const [oo, bundle] = await router.handleRequest(
      { method: 'GET', url: `${subpath}?${params}`, pathname: '', params: {}, query: {}, body: undefined,
        headers: {}, config: { transactions: false } },
      repo
    );
    if (!isOk(oo)) {
      return fromOutcome(oo);
    }
    const entry = bundle.entry ?? [];
    for (const item of entry) {
      item.fullUrl = `${ctx.baseUrl()}/${item.resource.resourceType}/${item.resource.id}`;
    }
    if (note) {
      entry.push(note);
    }
    const link = [{ relation: 'self', url: linkUrl(subpath, continued ? new URLSearchParams({ _page_token: token }) : query) }];
    if (count > 0 && offset + count < bundle.total) {
      if (behaviour('paging') === 'token') {
        const kept = new URLSearchParams(query);
        kept.delete('_offset');
        kept.set('_count', String(count));
        const next = newPageToken({ query: kept.toString(), offset: offset + count });
        link.push({ relation: 'next', url: linkUrl(subpath, new URLSearchParams({ _page_token: next })) });
      } else {
        const next = new URLSearchParams(query);
        next.set('_count', String(count));
        next.set('_offset', String(offset + count));
        link.push({ relation: 'next', url: linkUrl(subpath, next) });
      }
    }
    return new Reply(200, { resourceType: 'Bundle', type: 'searchset', meta: { lastUpdated: now }, total: bundle.total,
      link, ...(entry.length ? { entry } : {}) });
  }

  function history(subpath, segments, query, now) {
    if (!behaviour('history')) {
      return fromOutcome(methodNotAllowed('This server keeps no history (_history is not supported)'));
    }
    let rows;
    if (segments.length === 1) {
      rows = repo.changes.rows;
    } else if (segments.length === 2) {
      rows = typeRows(repo.changes, segments[0], query);
    } else {
      const versions = repo.versionsOf(segments[0], segments[1]);
      if (!versions?.length) {
        return fromOutcome(outcome('not-found', 'Not found', { id: 'not-found' }));
      }
      rows = instanceRows(versions);
    }
    const count = parseCount(query, limits);
    const body = historyPage({ rows, base: ctx.baseUrl(), query, count, now,
      selfUrl: (params) => linkUrl(subpath, params) });
    return new Reply(200, body);
  }

  function resourceReply(status, resource, { created, write }) {
    const headers = {};
    const vid = resource?.meta?.versionId;
    if (vid && resource.resourceType !== 'Bundle') {
      if (behaviour('etag')) {
        headers.ETag = `W/"${vid}"`;
      }
      headers['Last-Modified'] = httpDate(resource.meta.lastUpdated);
      if (created || (write && behaviour('location') === 'always')) {
        headers.Location = `${ctx.baseUrl()}/${resource.resourceType}/${resource.id}/_history/${vid}`;
      }
    }
    return new Reply(status, resource, headers);
  }

  async function dispatch(req, subpath, query, body) {
    const method = req.method;
    const segments = subpath.split('/').filter(Boolean);
    const now = nowIso();
    if (method === 'GET' && subpath === 'metadata') {
      return new Reply(200, capabilityStatement({ types: ctx.types, base: ctx.baseUrl(), software: ctx.software, limits }));
    }
    if (method === 'GET' && segments[segments.length - 1] === '_history' && segments.length <= 3) {
      return history(subpath, segments, query, now);
    }
    if (method === 'GET' && segments.length <= 1) {
      return search(subpath, query, now);
    }
    if (method === 'POST' && segments.length === 2 && segments[1] === '_search') {
      const merged = new URLSearchParams(query);
      for (const [k, v] of body instanceof URLSearchParams ? body : []) {
        merged.append(k, v);
      }
      return search(segments[0], merged, now);
    }
    if (method === 'POST' && segments.length === 0) {
      const accepted = { transaction: ['transaction', 'batch'], batch: ['batch'], none: [] }[behaviour('bundles')];
      if (body?.resourceType === 'Bundle' && !accepted.includes(body.type)) {
        return fromOutcome(methodNotAllowed(`This server does not accept ${String(body.type).slice(0, 20)} Bundles`));
      }
      if (body?.type === 'batch' && (body.entry ?? []).some((e) => e?.request?.method === 'GET')) {
        return readBatch(req, body);
      }
      const [status, result] = await processBundle({ router, repo, bundle: body, limits });
      return new Reply(status, result);
    }
    if (BODY_METHODS.has(method) && (body === undefined || body instanceof URLSearchParams)) {
      return fromOutcome(badRequest('Request body must be a JSON resource'));
    }
    let createsByPut = false;
    if (segments.length === 2 && ['PUT', 'PATCH', 'DELETE'].includes(method)) {
      checkIfMatch(repo, segments[0], segments[1], req.headers['if-match']);
      if (method === 'PUT') {
        checkIfNoneMatch(repo, segments[0], segments[1], req.headers['if-none-match']);
      }
      createsByPut = method === 'PUT' && !repo.current(segments[0], segments[1]);
    }
    const qs = query.toString();
    const [oo, resource] = await router.handleRequest(
      { method, url: qs ? `${subpath}?${qs}` : subpath, pathname: '', params: {}, query: {}, body,
        headers: req.headers, config: { transactions: false } },
      repo
    );
    if (!isOk(oo)) {
      return fromOutcome(oo);
    }
    let status = getStatus(oo);
    if (createsByPut && status === 200) {
      status = 201;
    }
    if (!resource) {
      return new Reply(status, method === 'DELETE' ? allOk : oo);
    }
    return resourceReply(status, resource, { created: status === 201, write: WRITE_METHODS.has(method) });
  }

  /**
   * A batch with reads in it: each GET entry is answered as the same GET on its own would be
   * (searches with this wrapper's paging, Bundle.meta.lastUpdated and page-size rules), the
   * other entries by processBundle, every answer at its entry's index (FHIR R4 http.html#batch:
   * the entries of a batch are independent).
   */
  async function readBatch(req, bundle) {
    const entries = bundle.entry;
    const answers = new Array(entries.length);
    const writes = [];
    for (const [i, entry] of entries.entries()) {
      if (entry?.request?.method !== 'GET') {
        writes.push(i);
        continue;
      }
      const target = new URL(String(entry.request.url ?? ''), 'http://entry/');
      const subpath = target.pathname.replace(/^\/+|\/+$/g, '');
      let reply;
      try {
        reply = await dispatch({ method: 'GET', headers: req.headers }, subpath, target.searchParams, undefined);
      } catch (err) {
        if (!(err instanceof OperationOutcomeError)) {
          throw err;
        }
        reply = fromOutcome(err.outcome);
      }
      answers[i] = reply.status < 300
        ? { resource: reply.body, response: { status: `${reply.status} OK` } }
        : { response: { status: String(reply.status), outcome: reply.body } };
    }
    if (writes.length) {
      const [status, result] = await processBundle({ router, repo, limits,
        bundle: { ...bundle, entry: writes.map((i) => entries[i]) } });
      if (status >= 300) {
        return new Reply(status, result);
      }
      writes.forEach((original, j) => {
        answers[original] = result.entry[j];
      });
    }
    return new Reply(200, { resourceType: 'Bundle', type: 'batch-response', entry: answers });
  }

  function applyPrefer(req, subpath, reply) {
    const prefer = req.headers.prefer ?? '';
    if (!WRITE_METHODS.has(req.method) || reply.status >= 300 || subpath === '') {
      return reply; // a Bundle's answer is a Bundle whatever Prefer says (per entry, bundles.mjs)
    }
    if (/return=minimal/.test(prefer) || !behaviour('return_body')) {
      reply.body = undefined;
    } else if (/return=OperationOutcome/i.test(prefer)) {
      reply.body = allOk;
    }
    return reply;
  }

  return async function handleFhir(req, res, subpath, query) {
    const method = req.method;
    const delay = latencyMs();
    if (delay) {
      await sleep(delay);
    }
    const fault = faultBefore(method, subpath);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'error') {
      sendJson(req, res, fault.status, serverError(`Injected fault: HTTP ${fault.status}`));
      return;
    }
    if (fault?.kind === 'throttle') {
      sendJson(req, res, 429, outcome('throttled', 'Injected fault: too many requests', { id: 'too-many-requests' }),
        { headers: { 'Retry-After': String(fault.retryAfter) } });
      return;
    }
    if (!(method === 'GET' && subpath === 'metadata')) {
      const access = await checkAccess(req);
      if (!access.ok) {
        sendJson(req, res, access.status, access.outcome, { headers: { 'WWW-Authenticate': access.challenge } });
        return;
      }
    }
    if (!acceptedEncoding(req)) {
      sendJson(req, res, 415, outcome('not-supported', 'Request Content-Encoding not supported; use gzip or none', { id: 'encoding' }),
        { headers: { 'Accept-Encoding': REQUEST_ENCODINGS } });
      return;
    }
    let reply;
    let readsOnly = false;  // a batch of GETs: no write, so no drop_after_commit for it
    try {
      const body = BODY_METHODS.has(method) ? parseBody(decoded(req, await readBody(req)), { form: subpath.endsWith('/_search') }) : undefined;
      readsOnly = body?.resourceType === 'Bundle' && (body.entry ?? []).every((e) => e?.request?.method === 'GET');
      reply = await mutex.run(() => {
        // Under the mutex one request at a time builds links: its own Host is the base's.
        ctx.requestHost = LOOPBACK_HOST.test(req.headers.host ?? '') ? req.headers.host : null;
        return dispatch(req, subpath, query, body);
      });
    } catch (err) {
      if (err instanceof OperationOutcomeError) {
        reply = fromOutcome(err.outcome);
      } else {
        // Log the error class and stack frames only: messages may quote request data.
        process.stderr.write(`platform: internal error ${err?.name}\n${String(err?.stack ?? '').split('\n').slice(1).join('\n')}\n`);
        reply = fromOutcome(normalizeOperationOutcome(serverError('Internal server error')));
      }
    }
    const isWrite = WRITE_METHODS.has(method) && !subpath.endsWith('_search') && !readsOnly;
    if (isWrite && reply.status < 400 && dropAfterCommit(method, subpath)) {
      req.socket.destroy();
      return;
    }
    reply = applyPrefer(req, subpath, reply);
    sendJson(req, res, reply.status, reply.body, { headers: reply.headers });
  };
}
