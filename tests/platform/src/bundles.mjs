// Transaction and batch Bundles. Medplum's BatchProcessor does the entry work (ordering,
// urn:uuid resolution, conditional create/update); this module adds what it lacks:
// atomic transactions via the repository's undo journal, If-Match (and create-only
// If-None-Match: *) checks for every entry,
// a configurable update limit, and etag/lastModified/location (with _history) on responses.
import { OperationOutcomeError, badRequest, isOk, normalizeOperationOutcome } from '@medplum/core';
import { CHANGE_ROW } from './changelog.mjs';
import { getStatus } from './outcomes.mjs';
import { checkIfMatch, checkIfNoneMatch } from './preconditions.mjs';
import { behaviour } from './profiles.mjs';

const STATUS_TEXT = { 200: 'OK', 201: 'Created', 204: 'No Content' };

function instanceTarget(entry) {
  const method = entry.request?.method;
  const url = entry.request?.url ?? '';
  if (!['PUT', 'PATCH', 'DELETE'].includes(method) || url.includes('?')) {
    return null;
  }
  const parts = url.split('/').filter(Boolean);
  return parts.length === 2 ? { type: parts[0], id: parts[1] } : null;
}

function isConditional(entry) {
  const { method, url = '', ifNoneExist } = entry.request ?? {};
  return (method === 'POST' && Boolean(ifNoneExist)) || (['PUT', 'DELETE', 'PATCH'].includes(method) && url.includes('?'));
}

/** Reject transactions a real Medplum server rejects (sizes are configurable). */
function checkTransactionLimits(entries, limits) {
  const updates = entries.filter((e) => e.request?.method === 'PUT').length;
  if (updates > limits.maxTransactionUpdates) {
    throw new OperationOutcomeError(badRequest(
      `Transaction contains ${updates} update operations; at most ${limits.maxTransactionUpdates} allowed`));
  }
  if (limits.maxConditionalEntries > 0 && entries.some(isConditional) && entries.length > limits.maxConditionalEntries) {
    throw new OperationOutcomeError(badRequest(
      `Transaction with conditional operations may have at most ${limits.maxConditionalEntries} entries`));
  }
  const seen = new Set();
  for (const entry of entries) {
    const target = instanceTarget(entry);
    const keys = [target ? `${target.type}/${target.id}` : null, entry.fullUrl ?? null].filter(Boolean);
    for (const key of keys) {
      if (seen.has(key)) {
        throw new OperationOutcomeError(badRequest(`Duplicate resource identity in transaction: ${key}`));
      }
      seen.add(key);
    }
  }
}

/** If-Match / If-None-Match outcome per entry index (only failures). */
function preconditionFailures(repo, entries) {
  const failures = new Map();
  entries.forEach((entry, i) => {
    const target = instanceTarget(entry);
    if (target && (entry.request.ifMatch || entry.request.ifNoneMatch)) {
      try {
        checkIfMatch(repo, target.type, target.id, entry.request.ifMatch);
        if (entry.request.method === 'PUT') {
          checkIfNoneMatch(repo, target.type, target.id, entry.request.ifNoneMatch);
        }
      } catch (err) {
        failures.set(i, normalizeOperationOutcome(err));
      }
    }
  });
  return failures;
}

function errorEntry(outcome) {
  const status = getStatus(outcome);
  return { response: { status: String(status), outcome } };
}

function decorate(repo, entry, firstSeq) {
  const response = entry?.response;
  if (!response) {
    return entry;
  }
  const status = parseInt(response.status, 10);
  const resource = entry.resource;
  const vid = resource?.meta?.versionId;
  if (status < 300 && vid && resource.id) {
    const version = repo.versionsOf(resource.resourceType, resource.id)?.find((v) => v.meta.versionId === vid);
    const row = version?.[CHANGE_ROW];
    const createdNow = Boolean(row?.created) && row.seq >= firstSeq;
    const code = createdNow ? 201 : status;
    response.status = `${code} ${STATUS_TEXT[code] ?? ''}`.trim();
    if (behaviour('etag')) {
      response.etag = `W/"${vid}"`;
    }
    response.lastModified = resource.meta.lastUpdated;
    response.location = `${resource.resourceType}/${resource.id}/_history/${vid}`;
    if (!behaviour('return_body')) {
      delete entry.resource;
    }
  } else if (STATUS_TEXT[status]) {
    response.status = `${status} ${STATUS_TEXT[status]}`;
  }
  return entry;
}

/**
 * Process a transaction or batch Bundle. Returns [status, body]. A transaction either commits
 * every entry or none: on the first failing entry everything is rolled back and that entry's
 * OperationOutcome is returned with its status.
 */
export async function processBundle({ router, repo, bundle, limits }) {
  if (bundle?.resourceType !== 'Bundle' || !['transaction', 'batch'].includes(bundle.type)) {
    throw new OperationOutcomeError(badRequest('POST to the base needs a transaction or batch Bundle'));
  }
  const entries = bundle.entry ?? [];
  if (!entries.length) {
    throw new OperationOutcomeError(badRequest('Bundle has no entries'));
  }
  const atomic = bundle.type === 'transaction';
  if (atomic) {
    checkTransactionLimits(entries, limits);
  }
  const failures = preconditionFailures(repo, entries);
  if (atomic && failures.size) {
    const [index, outcome] = failures.entries().next().value;
    return [getStatus(outcome), withLocation(outcome, index)];
  }
  const kept = entries.map((e, i) => (failures.has(i) ? null : i)).filter((i) => i !== null);
  const work = { ...bundle, entry: kept.map((i) => entries[i]) };

  const firstSeq = repo.changes.nextSeq;
  if (atomic) {
    repo.begin();
  }
  let result = { entry: [] };
  try {
    if (!kept.length) {
      return [200, { resourceType: 'Bundle', type: `${bundle.type}-response`,
        entry: entries.map((_e, i) => errorEntry(failures.get(i))) }];
    }
    const [outcome, body] = await router.handleRequest(
      { method: 'POST', url: '', pathname: '', params: {}, query: {}, body: work, headers: {}, config: { transactions: false } },
      repo
    );
    if (!isOk(outcome)) {
      throw new OperationOutcomeError(outcome);
    }
    result = body;
    if (atomic) {
      const failed = (result.entry ?? []).findIndex((e) => parseInt(e?.response?.status, 10) >= 400);
      if (failed >= 0) {
        const entryOutcome = result.entry[failed].response.outcome ?? badRequest('Transaction entry failed');
        repo.rollback();
        return [getStatus(entryOutcome), withLocation(entryOutcome, kept[failed])];
      }
      repo.commit();
    }
  } catch (err) {
    repo.rollback();
    throw err;
  }
  const responseEntries = new Array(entries.length);
  kept.forEach((original, j) => {
    responseEntries[original] = decorate(repo, result.entry?.[j], firstSeq);
  });
  for (const [i, outcome] of failures) {
    responseEntries[i] = errorEntry(outcome);
  }
  return [200, { resourceType: 'Bundle', type: `${bundle.type}-response`, entry: responseEntries }];
}

function withLocation(outcome, index) {
  const copy = structuredClone(outcome);
  for (const issue of copy.issue ?? []) {
    issue.expression = [...(issue.expression ?? []), `Bundle.entry[${index}]`];
  }
  return copy;
}
