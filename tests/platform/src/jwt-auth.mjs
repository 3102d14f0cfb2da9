// Access mode "jwt-dpop": the platform as a HelseID-protected API (RFC 9068 JWT access tokens,
// RFC 9449 DPoP), checking what NHN tells downstream APIs to check:
//
// - `Authorization: DPoP <jwt>`: signature by the issuer's JWKS (discovered from the issuer),
//   `typ` at+jwt, `iss` exact, `aud` contains our audience, `exp`/`nbf` with a small leeway,
//   `cnf.jkt` present (a DPoP-bound token sent as Bearer is refused), the required scope.
// - `DPoP: <proof>`: one header; `typ` dpop+jwt, asymmetric `alg`, public `jwk` in the header
//   and the signature verifies with it; its thumbprint equals `cnf.jkt`; `htm`/`htu` match this
//   request (query and fragment ignored); `iat` within the window; `ath` = SHA-256 of the token;
//   `jti` never seen before (replays are refused); `nonce` one we issued, when nonces are on.
//
// Failures are 401 with `WWW-Authenticate: DPoP error="invalid_token" | "invalid_dpop_proof" |
// "use_dpop_nonce"`; the current nonce travels in a `DPoP-Nonce` header on every FHIR response.
// Nothing from a token or proof is ever logged or echoed.
import { createHash, randomBytes } from 'node:crypto';
import { EmbeddedJWK, base64url, calculateJwkThumbprint, createRemoteJWKSet, jwtVerify } from 'jose';
import { unauthorized } from './outcomes.mjs';

const REALM = 'pleiepunkt-platform';
const ALGORITHMS = ['ES256', 'RS256', 'PS256'];

function deny(text, error) {
  const params = [`realm="${REALM}"`, error ? `error="${error}"` : null, `algs="${ALGORITHMS.join(' ')}"`]
    .filter(Boolean).join(', ');
  return { ok: false, status: 401, outcome: unauthorized(text), challenge: [`DPoP ${params}`] };
}

/** Rotating server nonces: the current one and its predecessor are accepted. */
export class NonceStore {
  constructor({ lifetimeMs = 300_000, now = Date.now } = {}) {
    this.lifetimeMs = lifetimeMs;
    this.now = now;
    this.previous = null;
    this.rotate();
  }

  rotate() {
    this.previous = this.value ?? null;
    this.value = randomBytes(16).toString('base64url');
    this.issuedAt = this.now();
  }

  current() {
    if (this.now() - this.issuedAt > this.lifetimeMs) {
      this.rotate();
    }
    return this.value;
  }

  accepts(nonce) {
    return typeof nonce === 'string' && (nonce === this.current() || nonce === this.previous);
  }
}

/** Seen proof ids until they could no longer pass the `iat` window anyway. */
class ReplayCache {
  constructor(windowMs) {
    this.windowMs = windowMs;
    this.seen = new Map();
  }

  /** True the first time `key` is offered within the window; false for a replay. */
  firstUse(key, nowMs) {
    if (this.seen.size > 10_000) {
      for (const [k, expires] of this.seen) {
        if (expires < nowMs) this.seen.delete(k);
      }
    }
    const expires = this.seen.get(key);
    if (expires !== undefined && expires >= nowMs) {
      return false;
    }
    this.seen.set(key, nowMs + 2 * this.windowMs);
    return true;
  }
}

async function discoverJwks(issuer) {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`discovery failed: HTTP ${response.status}`);
  }
  const metadata = await response.json();
  if (metadata.issuer !== issuer) {
    throw new Error('discovery answered for another issuer');
  }
  return createRemoteJWKSet(new URL(metadata.jwks_uri));
}

function requestUrl(req) {
  const url = new URL(req.url, `http://${req.headers.host ?? '127.0.0.1'}`);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function normalisedHtu(htu) {
  try {
    const url = new URL(htu);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

/**
 * A checker for setAccessChecker: JWT access tokens from `issuer` for `audience`, bound by DPoP.
 *
 * Options: `scope` (required scope, optional), `proofWindowS` (accepted |now - iat|, default 60),
 * `leewayS` (exp/nbf leeway, default 5), `requireNonce` (default false), `now` (ms clock).
 */
export function jwtDpopChecker({
  issuer, audience, scope, proofWindowS = 60, leewayS = 5, requireNonce = false, now = Date.now,
}) {
  if (!issuer || !audience) {
    throw new Error('jwt-dpop mode needs an issuer and an audience');
  }
  let jwks = null;
  const nonces = requireNonce ? new NonceStore({ now }) : null;
  const replays = new ReplayCache(proofWindowS * 1000);

  const checker = async (req) => {
    const header = req.headers.authorization;
    if (!header) {
      return deny('Missing access token');
    }
    const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
    if (!match) {
      return deny('Malformed Authorization header', 'invalid_request');
    }
    const [, scheme, token] = match;

    jwks ??= await discoverJwks(issuer).catch(() => null);
    if (!jwks) {
      return { ok: false, status: 503, outcome: unauthorized('Identity provider unavailable'), challenge: [] };
    }
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        typ: 'at+jwt',
        algorithms: ALGORITHMS,
        clockTolerance: leewayS,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      const expired = error?.code === 'ERR_JWT_EXPIRED';
      return deny(expired ? 'Access token expired' : 'Access token not accepted', 'invalid_token');
    }
    const jkt = claims.cnf?.jkt;
    if (typeof jkt !== 'string') {
      return deny('Access token is not DPoP-bound', 'invalid_token');
    }
    if (scheme.toLowerCase() !== 'dpop') {
      return deny('A DPoP-bound token must be sent with the DPoP scheme', 'invalid_token');
    }
    if (scope && !String(claims.scope ?? '').split(' ').includes(scope)) {
      return deny('Access token lacks the required scope', 'insufficient_scope');
    }

    const proofs = req.headersDistinct?.dpop ?? [];
    if (proofs.length !== 1) {
      return deny('Exactly one DPoP proof is required', 'invalid_dpop_proof');
    }
    let proof;
    let proofHeader;
    try {
      ({ payload: proof, protectedHeader: proofHeader } = await jwtVerify(proofs[0], EmbeddedJWK, {
        typ: 'dpop+jwt',
        algorithms: ALGORITHMS,
        currentDate: new Date(now()),
        requiredClaims: ['iat', 'jti', 'htm', 'htu'],
      }));
    } catch {
      return deny('DPoP proof not accepted', 'invalid_dpop_proof');
    }
    if ((await calculateJwkThumbprint(proofHeader.jwk, 'sha256')) !== jkt) {
      return deny('DPoP proof key does not match the token binding', 'invalid_dpop_proof');
    }
    if (proof.htm !== req.method || normalisedHtu(proof.htu) !== requestUrl(req)) {
      return deny('DPoP proof is for another request', 'invalid_dpop_proof');
    }
    const nowMs = now();
    if (Math.abs(nowMs / 1000 - proof.iat) > proofWindowS) {
      return deny('DPoP proof is too old or from the future', 'invalid_dpop_proof');
    }
    const ath = base64url.encode(createHash('sha256').update(token, 'ascii').digest());
    if (proof.ath !== ath) {
      return deny('DPoP proof is not bound to this access token', 'invalid_dpop_proof');
    }
    if (nonces && !nonces.accepts(proof.nonce)) {
      return deny('A fresh DPoP nonce is required', 'use_dpop_nonce');
    }
    if (typeof proof.jti !== 'string' || !replays.firstUse(`${jkt}:${proof.jti}`, nowMs)) {
      return deny('DPoP proof was already used', 'invalid_dpop_proof');
    }
    return { ok: true, subject: claims.sub };
  };
  checker.responseHeaders = () => (nonces ? { 'DPoP-Nonce': nonces.current() } : {});
  return checker;
}
