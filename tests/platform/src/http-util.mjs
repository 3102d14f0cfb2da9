// Small HTTP helpers: body reading (gzip request bodies decoded), JSON responses (gzip when
// accepted, or br where the `brotli` switch offers it), HTTP dates, a mutex.
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

import { behaviour } from './profiles.mjs';

/**
 * The content codings accepted in request bodies, announced in every answer's Accept-Encoding
 * header as RFC 7694 section 3 describes (a client may then compress what it sends).
 */
export const REQUEST_ENCODINGS = 'gzip';

function requestEncoding(req) {
  return String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
}

/** True when the request body's coding is one this server decodes (RFC 7694: else 415). */
export function acceptedEncoding(req) {
  return ['identity', 'gzip'].includes(requestEncoding(req));
}

/** The request body with its content coding removed. */
export function decoded(req, buffer) {
  if (requestEncoding(req) !== 'gzip' || !buffer.length) {
    return buffer;
  }
  try {
    return gunzipSync(buffer, { maxOutputLength: MAX_BODY_BYTES });
  } catch {
    return Buffer.from('not gzip');  // parseBody answers 400: the body is not valid JSON
  }
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 512 * 1024 * 1024;

/** Read the whole request body as a Buffer. */
export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error('request body too large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** RFC 7231 date for an ISO instant. */
export function httpDate(iso) {
  return new Date(iso).toUTCString();
}

function accepts(req, coding) {
  return new RegExp(`\\b${coding}\\b`, 'i').test(req.headers['accept-encoding'] ?? '');
}

// Quality 5: the level servers use for answers compressed on the fly (11 is for static files).
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** Send `body` (object -> JSON, undefined -> empty) with status and headers; gzip if accepted. */
export function sendJson(req, res, status, body, { headers = {}, contentType = FHIR_JSON } = {}) {
  const out = { 'Accept-Encoding': REQUEST_ENCODINGS, ...headers };
  let payload = Buffer.alloc(0);
  if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    out['Content-Type'] = contentType;
    out.Vary = 'Accept-Encoding';
    if (behaviour('brotli') && accepts(req, 'br')) {
      payload = brotliCompressSync(payload, BROTLI);
      out['Content-Encoding'] = 'br';
    } else if (accepts(req, 'gzip')) {
      payload = gzipSync(payload);
      out['Content-Encoding'] = 'gzip';
    }
  }
  out['Content-Length'] = String(payload.length);
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Serialises async work: run(fn) waits for every earlier run to settle. */
export class Mutex {
  constructor() {
    this.tail = Promise.resolve();
  }

  run(fn) {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
