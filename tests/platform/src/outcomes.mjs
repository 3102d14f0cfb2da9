// OperationOutcome helpers and the HTTP status each one maps to.
import { OperationOutcomeError, badRequest, getStatus } from '@medplum/core';

export { getStatus };

/** An OperationOutcome with one issue; `id` picks the status via Medplum's getStatus. */
export function outcome(code, text, { id, severity = 'error', expression } = {}) {
  const issue = { severity, code, details: { text } };
  if (expression) {
    issue.expression = [expression];
  }
  return { resourceType: 'OperationOutcome', ...(id ? { id } : {}), issue: [issue] };
}

export const gone = (text = 'Resource deleted') => outcome('deleted', text, { id: 'gone' });
export const preconditionFailed = (text) => outcome('conflict', text, { id: 'precondition-failed' });
export const unprocessable = (issues) => ({ resourceType: 'OperationOutcome', id: 'business-rule', issue: issues });
export const unauthorized = (text) => outcome('login', text, { id: 'unauthorized' });
export const serverError = (text) => outcome('exception', text);

/** Throw a 400 Bad Request outcome. */
export function fail400(text, expression) {
  throw new OperationOutcomeError(badRequest(text, expression));
}
