// Access-token checking seam. The FHIR handler calls checkAccess(req) for every FHIR request
// except GET /metadata. A checker resolves to {ok: true} or {ok: false, status, outcome,
// challenge}; it may carry a `responseHeaders()` function whose headers go on every FHIR
// response (the DPoP nonce). Modes: none, static-bearer, jwt-dpop (src/jwt-auth.mjs).
import { timingSafeEqual } from 'node:crypto';
import { jwtDpopChecker } from './jwt-auth.mjs';
import { unauthorized } from './outcomes.mjs';

const REALM = 'pleiepunkt-platform';

/** Mode "none": every request is allowed. */
export function noneChecker() {
  return async () => ({ ok: true });
}

function deny(text, error) {
  const params = `realm="${REALM}"${error ? `, error="${error}"` : ''}`;
  return {
    ok: false,
    status: 401,
    outcome: unauthorized(text),
    challenge: [`Bearer ${params}`, `DPoP ${params}, algs="ES256 RS256"`],
  };
}

function sameToken(a, b) {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Mode "static-bearer": `Authorization: Bearer <token>` or `DPoP <token>` must carry `token`. */
export function staticBearerChecker(token) {
  if (!token) {
    throw new Error('static-bearer mode needs a token');
  }
  return async (req) => {
    const header = req.headers.authorization;
    if (!header) {
      return deny('Missing access token');
    }
    const match = /^(Bearer|DPoP)\s+(\S+)$/i.exec(header.trim());
    if (!match) {
      return deny('Malformed Authorization header', 'invalid_request');
    }
    return sameToken(match[2], token) ? { ok: true } : deny('Invalid access token', 'invalid_token');
  };
}

let current = noneChecker();

/** Install the checker used by checkAccess (e.g. a future JWT/DPoP verifier). */
export function setAccessChecker(checker) {
  current = checker;
}

/**
 * Configure one of the built-in modes: "none", "static-bearer" (`token`) or "jwt-dpop" (`jwt`:
 * the options of jwtDpopChecker: issuer, audience, scope, requireNonce, ...).
 */
export function configureAuth({ mode = 'none', token, jwt } = {}) {
  if (mode === 'none') {
    setAccessChecker(noneChecker());
  } else if (mode === 'static-bearer') {
    setAccessChecker(staticBearerChecker(token));
  } else if (mode === 'jwt-dpop') {
    setAccessChecker(jwtDpopChecker(jwt ?? {}));
  } else {
    throw new Error(`unknown auth mode: ${mode}`);
  }
}

/** Headers the current checker puts on every FHIR response (e.g. `DPoP-Nonce`). */
export function accessResponseHeaders() {
  return current.responseHeaders ? current.responseHeaders() : {};
}

/** Decide whether `req` (a node IncomingMessage) may access the FHIR API. */
export function checkAccess(req) {
  return current(req);
}
