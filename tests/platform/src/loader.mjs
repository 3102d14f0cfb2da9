// Bulk loading for seeding: NDJSON streams (one resource per line, ids kept) and FHIR
// transaction/batch/collection Bundles (urn:uuid and conditional references resolved, ids kept
// where given). Loaded resources get a fresh version and server lastUpdated like any write,
// skip structure validation (for speed), and appear in _history as PUT/create entries.
import { createInterface } from 'node:readline';
import { OperationOutcomeError, badRequest, generateId, parseSearchRequest } from '@medplum/core';
import { outcome } from './outcomes.mjs';

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const URN = /^urn:uuid:([0-9a-fA-F-]{36})$/;

function seed(repo, resource, where) {
  if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
    throw new OperationOutcomeError(badRequest(`${where}: not a FHIR resource`));
  }
  if (!resource.id) {
    resource.id = generateId();
  }
  repo.store(resource, 'PUT', { validate: false });
}

/** Load NDJSON from a readable stream; resources before a bad line stay loaded. Returns count. */
export async function loadNdjson(repo, stream) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let count = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) {
      continue;
    }
    let resource;
    try {
      resource = JSON.parse(line);
    } catch {
      throw new OperationOutcomeError(badRequest(`NDJSON line ${lineNo} is not valid JSON (${count} loaded before it)`));
    }
    seed(repo, resource, `NDJSON line ${lineNo}`);
    count++;
  }
  return count;
}

/** Visit every Reference-like object ({reference: string}) in a resource. */
function forEachReference(node, fn) {
  if (Array.isArray(node)) {
    node.forEach((item) => forEachReference(item, fn));
  } else if (node && typeof node === 'object') {
    if (typeof node.reference === 'string') {
      fn(node);
    }
    for (const key in node) {
      if (typeof node[key] === 'object') {
        forEachReference(node[key], fn);
      }
    }
  }
}

function entryId(entry) {
  const { request, resource, fullUrl } = entry;
  if (request?.method === 'PUT' && request.url && !request.url.includes('?')) {
    const parts = request.url.split('/').filter(Boolean);
    if (parts.length === 2) {
      return parts[1];
    }
  }
  if (resource.id) {
    return resource.id;
  }
  const urn = URN.exec(fullUrl ?? '');
  return urn && ID_PATTERN.test(urn[1]) ? urn[1].toLowerCase() : generateId();
}

function findOne(repo, query, where) {
  const matches = repo.search(parseSearchRequest(query));
  return matches.then((bundle) => {
    if (bundle.total > 1) {
      throw new OperationOutcomeError(outcome('multiple-matches', `${where}: ${bundle.total} matches for a conditional reference`, { id: 'multiple-matches' }));
    }
    return bundle.entry?.[0]?.resource;
  });
}

/** Load a Bundle's resources atomically (all or nothing). Returns the number stored. */
export async function loadBundle(repo, bundle) {
  if (bundle?.resourceType !== 'Bundle') {
    throw new OperationOutcomeError(badRequest('Expected a FHIR Bundle'));
  }
  const entries = (bundle.entry ?? []).filter((e) => e.resource && (!e.request || e.request.method !== 'DELETE'));
  const placeholders = new Map();
  const toStore = [];
  for (const [i, entry] of entries.entries()) {
    const type = entry.resource.resourceType;
    if (entry.request?.ifNoneExist) {
      const existing = await findOne(repo, `${type}?${entry.request.ifNoneExist}`, `Bundle.entry[${i}]`);
      if (existing) {
        if (entry.fullUrl) {
          placeholders.set(entry.fullUrl, `${type}/${existing.id}`);
        }
        continue;
      }
    }
    const resource = structuredClone(entry.resource);
    resource.id = entryId(entry);
    if (entry.fullUrl) {
      placeholders.set(entry.fullUrl, `${type}/${resource.id}`);
    }
    toStore.push(resource);
  }
  const conditional = [];
  for (const resource of toStore) {
    forEachReference(resource, (ref) => {
      const mapped = placeholders.get(ref.reference.replaceAll('%3A', ':'));
      if (mapped) {
        ref.reference = mapped;
      } else if (/^[A-Za-z]+\?/.test(ref.reference)) {
        conditional.push({ resource, ref });
      }
    });
  }
  repo.begin();
  try {
    for (const resource of toStore) {
      repo.store(resource, 'PUT', { validate: false });
    }
    for (const { resource, ref } of conditional) {
      const target = await findOne(repo, ref.reference, 'conditional reference');
      if (!target) {
        throw new OperationOutcomeError(outcome('not-found', `Conditional reference matches nothing: ${ref.reference.split('?')[0]}?…`, { id: 'business-rule' }));
      }
      ref.reference = `${target.resourceType}/${target.id}`;
      repo.refIndex.add(resource);
    }
    repo.commit();
  } catch (err) {
    repo.rollback();
    throw err;
  }
  return toStore.length;
}
