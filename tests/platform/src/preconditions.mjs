// If-Match handling for PUT, PATCH and DELETE on [type]/[id] (the router checks only PUT, and
// silently ignores unquoted values). Accepted forms: W/"<versionId>", "<versionId>", *.
// If-None-Match: * on PUT creates only (RFC 9110 §13.1.2; FHIR R5 update): 412 when a current
// version exists, so two clients creating one derived id never overwrite each other.
import { OperationOutcomeError } from '@medplum/core';
import { fail400, preconditionFailed } from './outcomes.mjs';

const ETAG = /^\s*(?:W\/)?"([^"\s]+)"\s*$/;

/** The version named by an If-Match value, '*' for any, or a 400 error if it is malformed. */
export function parseIfMatch(value) {
  if (value.trim() === '*') {
    return '*';
  }
  const m = ETAG.exec(value);
  if (!m) {
    fail400('If-Match must be W/"<versionId>", "<versionId>" or *');
  }
  return m[1];
}

/** Throw 400 (malformed) or 412 (not the current version / no current version). */
export function checkIfMatch(repo, type, id, value) {
  if (value === undefined || value === null || value === '') {
    return;
  }
  const wanted = parseIfMatch(String(value));
  const current = repo.current(type, id);
  if (!current) {
    throw new OperationOutcomeError(preconditionFailed(`If-Match given but ${type}/${id} has no current version`));
  }
  if (wanted !== '*' && current.meta.versionId !== wanted) {
    throw new OperationOutcomeError(preconditionFailed('If-Match does not name the current version'));
  }
}

/** Throw 400 (a value other than *) or 412 (If-None-Match: * and a current version exists). */
export function checkIfNoneMatch(repo, type, id, value) {
  if (value === undefined || value === null || value === '') {
    return;
  }
  if (String(value).trim() !== '*') {
    fail400('If-None-Match on a write must be *');
  }
  if (repo.current(type, id)) {
    throw new OperationOutcomeError(preconditionFailed(`If-None-Match: * given but ${type}/${id} exists`));
  }
}
