// PlatformRepository: Medplum's MemoryRepository with real-server behaviour added.
//
// - every write gets a fresh versionId and a server lastUpdated (client meta is not trusted);
// - POST ignores a client id (FHIR "SHALL ignore"); PUT creates with the client's id;
// - deletes leave a tombstone version, so reads answer 410 Gone and history shows the delete;
// - a change log records every write for type/system _history;
// - an undo journal makes transaction bundles atomic (MemoryRepository.withTransaction is a no-op);
// - optional structure validation (422 on failure), a reference index and a faster search.
//
// Errors are thrown as Medplum OperationOutcomeError; the HTTP layer maps them to status codes.
import { MemoryRepository } from '@medplum/fhir-router';
import { OperationOutcomeError, badRequest, deepClone, generateId, notFound, validateResource } from '@medplum/core';
import { ChangeLog } from './changelog.mjs';
import { nowIso } from './clock.mjs';
import { gone, preconditionFailed, unprocessable } from './outcomes.mjs';
import { behaviour, nextVersionId } from './profiles.mjs';
import { ReferenceIndex } from './refindex.mjs';
import { runSearch } from './search.mjs';

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/** Marks a deleted version in a resource's history array. */
export class Tombstone {
  constructor(resourceType, id, versionId = generateId()) {
    this.resourceType = resourceType;
    this.id = id;
    this.meta = { versionId, lastUpdated: nowIso() };
  }
}

export class PlatformRepository extends MemoryRepository {
  constructor({ validate = true } = {}) {
    super();
    // MemoryRepository's TypeScript-private maps: resources: type -> id -> current version;
    // history: type -> id -> [versions and tombstones, oldest first].
    this.validate = validate;
    this.changes = new ChangeLog();
    this.refIndex = new ReferenceIndex();
    this.journal = null;
  }

  clear() {
    super.clear();
    this.changes.clear();
    this.refIndex.clear();
    this.journal = null;
  }

  // ---- atomicity -------------------------------------------------------------------------

  /** Start recording undo information; writes until commit()/rollback() can be undone. */
  begin() {
    if (this.journal) {
      throw new Error('nested transaction');
    }
    this.journal = { logLength: this.changes.length, ops: [] };
  }

  commit() {
    this.journal = null;
  }

  /** Undo every write since begin(), newest first. */
  rollback() {
    const journal = this.journal;
    this.journal = null;
    if (!journal) {
      return;
    }
    for (let i = journal.ops.length - 1; i >= 0; i--) {
      const { type, id, previous, historyLength } = journal.ops[i];
      const current = this.resources.get(type);
      if (previous) {
        current.set(id, previous);
      } else {
        current?.delete(id);
      }
      const versions = this.history.get(type)?.get(id);
      if (versions) {
        versions.length = historyLength;
        if (!historyLength) {
          this.history.get(type).delete(id);
        }
      }
    }
    this.changes.truncate(journal.logLength);
  }

  // ---- state queries ---------------------------------------------------------------------

  current(type, id) {
    return this.resources.get(type)?.get(id);
  }

  versionsOf(type, id) {
    return this.history.get(type)?.get(id);
  }

  /** The versionId of the newest version (a deletion included), or undefined. */
  lastVersionId(type, id) {
    const versions = this.versionsOf(type, id);
    return versions?.length ? versions[versions.length - 1].meta.versionId : undefined;
  }

  isDeleted(type, id) {
    const versions = this.versionsOf(type, id);
    return Boolean(versions?.length) && versions[versions.length - 1] instanceof Tombstone;
  }

  /** Counts of current resources per type. */
  counts() {
    const out = {};
    for (const [type, map] of this.resources) {
      if (map.size) {
        out[type] = map.size;
      }
    }
    return out;
  }

  // ---- writes ----------------------------------------------------------------------------

  /** Store a new version; `resource` must be owned by the caller (it is kept, not copied). */
  store(resource, method, { validate = this.validate } = {}) {
    const created = !this.current(resource.resourceType, resource.id);
    const { resourceType: type, id } = resource;
    if (!ID_PATTERN.test(id ?? '')) {
      throw new OperationOutcomeError(badRequest(`Invalid resource id: ${String(id).slice(0, 80)}`));
    }
    if (validate) {
      this.validateOrThrow(resource);
    }
    const previous = this.current(type, id);
    const meta = { ...(resource.meta ?? {}) };
    if (behaviour('carry_source_forward') && method === 'PUT' && !meta.source && previous?.meta?.source) {
      meta.source = previous.meta.source; // a server that keeps the last writer's source
    }
    resource.meta = { ...meta, versionId: nextVersionId(this.lastVersionId(type, id)), lastUpdated: nowIso() };
    this.put(type, id, resource, method, created);
    this.refIndex.add(resource);
    return resource;
  }

  put(type, id, version, method, created) {
    let current = this.resources.get(type);
    if (!current) {
      current = new Map();
      this.resources.set(type, current);
    }
    let byId = this.history.get(type);
    if (!byId) {
      byId = new Map();
      this.history.set(type, byId);
    }
    let versions = byId.get(id);
    if (!versions) {
      versions = [];
      byId.set(id, versions);
    }
    this.journal?.ops.push({ type, id, previous: current.get(id), historyLength: versions.length });
    if (version instanceof Tombstone) {
      current.delete(id);
    } else {
      current.set(id, version);
    }
    versions.push(version);
    this.changes.append(type, id, method, version, created);
  }

  validateOrThrow(resource) {
    try {
      validateResource(resource);
    } catch (err) {
      const issues = err?.outcome?.issue ?? [{ severity: 'error', code: 'invalid', details: { text: String(err) } }];
      throw new OperationOutcomeError(unprocessable(issues));
    }
  }

  async createResource(resource, options) {
    const copy = deepClone(resource);
    if (!options?.assignedId || !copy.id) {
      copy.id = this.generateId();
    }
    if (!copy.resourceType) {
      throw new OperationOutcomeError(badRequest('Missing resourceType'));
    }
    return deepClone(this.store(copy, 'POST'));
  }

  async updateResource(resource, options) {
    if (!resource.id) {
      throw new OperationOutcomeError(badRequest('Missing id'));
    }
    const existing = this.current(resource.resourceType, resource.id);
    if (options?.ifMatch && options.ifMatch !== '*' && existing?.meta?.versionId !== options.ifMatch) {
      throw new OperationOutcomeError(preconditionFailed('If-Match does not name the current version'));
    }
    if (!existing && !behaviour('client_ids')) {
      // HAPI with client ids NOT_ALLOWED, Medplum: an update cannot create a resource.
      throw new OperationOutcomeError(badRequest(
        `${resource.resourceType}/${String(resource.id).slice(0, 64)} does not exist and this server does not ` +
        'accept client-assigned ids: create it with POST'));
    }
    const copy = deepClone(resource);
    return deepClone(this.store(copy, 'PUT'));
  }

  async deleteResource(resourceType, id) {
    if (!this.current(resourceType, id)) {
      if (this.isDeleted(resourceType, id)) {
        return; // deleting a deleted resource is idempotent
      }
      throw new OperationOutcomeError(notFound);
    }
    const tombstone = new Tombstone(resourceType, id, nextVersionId(this.lastVersionId(resourceType, id)));
    this.put(resourceType, id, tombstone, 'DELETE', false);
  }

  // ---- reads -----------------------------------------------------------------------------

  async readResource(resourceType, id) {
    const resource = this.current(resourceType, id);
    if (resource) {
      return deepClone(resource);
    }
    throw new OperationOutcomeError(this.isDeleted(resourceType, id) ? gone() : notFound);
  }

  async readVersion(resourceType, id, versionId) {
    const version = this.versionsOf(resourceType, id)?.find((v) => v.meta.versionId === versionId);
    if (!version) {
      throw new OperationOutcomeError(notFound);
    }
    if (version instanceof Tombstone) {
      throw new OperationOutcomeError(gone('This version is a deletion'));
    }
    return deepClone(version);
  }

  /** Instance history, newest first, without mutating the stored array (Medplum reverses it). */
  async readHistory(resourceType, id) {
    const versions = this.versionsOf(resourceType, id);
    if (!versions?.length) {
      throw new OperationOutcomeError(notFound);
    }
    return { resourceType: 'Bundle', type: 'history', entry: [...versions].reverse().map((v) => ({ resource: v })) };
  }

  async search(searchRequest) {
    return runSearch(this, searchRequest);
  }
}
