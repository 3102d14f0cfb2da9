// OperationOutcome helpers and the HTTP status each one maps to.
import { OperationOutcomeError, badRequest, getStatus as medplumStatus } from '@medplum/core';
import { behaviour } from './profiles.mjs';

const EXTRA_STATUS = { 'method-not-allowed': 405 };

/** The HTTP status of an outcome: Medplum's mapping by id, plus 405. */
export function getStatus(oo) {
  return EXTRA_STATUS[oo?.id] ?? medplumStatus(oo);
}

/** An OperationOutcome with one issue; `id` picks the status via Medplum's getStatus. */
export function outcome(code, text, { id, severity = 'error', expression } = {}) {
  const issue = { severity, code, details: { text } };
  if (expression) {
    issue.expression = [expression];
  }
  return { resourceType: 'OperationOutcome', ...(id ? { id } : {}), issue: [issue] };
}

export const gone = (text = 'Resource deleted') => outcome('deleted', text, { id: 'gone' });
// A stale If-Match: 412 by the FHIR spec, 409 where a server (HAPI) answers so.
export const preconditionFailed = (text) => outcome('conflict', text, {
  id: behaviour('version_conflict_status') === 409 ? 'conflict' : 'precondition-failed',
});
export const methodNotAllowed = (text) => outcome('not-supported', text, { id: 'method-not-allowed' });
export const unprocessable = (issues) => ({ resourceType: 'OperationOutcome', id: 'business-rule', issue: issues });
export const unauthorized = (text) => outcome('login', text, { id: 'unauthorized' });
export const serverError = (text) => outcome('exception', text);

/** Throw a 400 Bad Request outcome. */
export function fail400(text, expression) {
  throw new OperationOutcomeError(badRequest(text, expression));
}
