// Local OpenID Connect provider for development, demo and tests, configured like HelseID.
//
//   node server.mjs [--port N] [--resource URI=SCOPE ...] [--access-token-ttl S]
//                   [--refresh-token-ttl S] [--no-dpop-nonce] [--no-stdin-watch]
//
// Issuer http://127.0.0.1:<port> (binds 127.0.0.1 only). Prints exactly one stdout line
// "IDP_READY <issuer>" once listening (port 0 picks a free port). Exits on SIGTERM/SIGINT and
// when stdin closes. Never logs tokens, passwords, codes or claims.
//
// Admin API (no access check; loopback test tool only):
//   GET  /admin/health            {"status": "ok"}
//   POST /admin/clients           {"client_id", "jwks": {"keys": [public JWK]}, "redirect_uris"?}
//                                 registers (or replaces) a client, like HelseID Selvbetjening
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { clientMetadata, providerConfiguration } from './src/config.mjs';
import { handleInteraction } from './src/interactions.mjs';

const DEFAULT_RESOURCES = [
  'urn:pleiepunkt:journal-platform=pleiepunkt:journal/fhir',
  'urn:pleiepunkt:other-api=pleiepunkt:other/api',
];
const MAX_ADMIN_BYTES = 65536;

function intOption(value, name, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer >= ${min}`);
  }
  return n;
}

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      resource: { type: 'string', multiple: true },
      'access-token-ttl': { type: 'string', default: '300' },
      'refresh-token-ttl': { type: 'string', default: '28800' },
      'no-dpop-nonce': { type: 'boolean', default: false },
      'no-stdin-watch': { type: 'boolean', default: false },
    },
  });
  const resources = {};
  for (const item of values.resource ?? DEFAULT_RESOURCES) {
    const at = item.lastIndexOf('=');
    if (at <= 0 || at === item.length - 1) {
      throw new Error(`--resource must be URI=SCOPE, got ${item}`);
    }
    resources[item.slice(0, at)] = item.slice(at + 1);
  }
  return {
    port: intOption(values.port, 'port', 0),
    resources,
    ttl: {
      accessToken: intOption(values['access-token-ttl'], 'access-token-ttl', 1),
      refreshToken: intOption(values['refresh-token-ttl'], 'refresh-token-ttl', 1),
    },
    requireNonce: !values['no-dpop-nonce'],
    watchStdin: !values['no-stdin-watch'],
  };
}

async function signingKeys() {
  const keys = [];
  for (const alg of ['ES256', 'RS256']) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(privateKey);
    keys.push({ ...jwk, alg, use: 'sig', kid: `${alg.toLowerCase()}-${Date.now().toString(36)}` });
  }
  return keys;
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_ADMIN_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

async function handleAdmin(provider, req, res, path) {
  if (req.method === 'GET' && path === 'health') {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (req.method === 'POST' && path === 'clients') {
    const body = await readJson(req);
    if (typeof body.client_id !== 'string' || !Array.isArray(body.jwks?.keys)) {
      sendJson(res, 400, { error: 'client_id and jwks.keys are required' });
      return;
    }
    const metadata = clientMetadata(body);
    await provider.Client.validate(metadata);
    await provider.Client.adapter.upsert(body.client_id, metadata);
    sendJson(res, 201, { client_id: body.client_id });
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

async function main() {
  const opts = options();
  let handler = (_req, res) => {
    res.writeHead(503);
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, providerConfiguration({
    resources: opts.resources,
    keys: await signingKeys(),
    ttl: opts.ttl,
    requireNonce: opts.requireNonce,
  }));
  // Koa would print error details (which may include request values) to stderr; report only the
  // error class so a failing test can be diagnosed without leaking anything.
  provider.silent = true;
  provider.on('server_error', (_ctx, error) => {
    process.stderr.write(`idp: server_error ${error?.name ?? 'Error'}\n`);
  });
  const providerCallback = provider.callback();

  handler = (req, res) => {
    const path = new URL(req.url, issuer).pathname;
    const fail = (error) => {
      process.stderr.write(`idp: ${error?.name ?? 'Error'} handling a request\n`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'server_error' });
      } else {
        res.destroy();
      }
    };
    if (path.startsWith('/interaction/')) {
      handleInteraction(provider, req, res, path.slice('/interaction/'.length)).catch(fail);
    } else if (path.startsWith('/admin/')) {
      handleAdmin(provider, req, res, path.slice('/admin/'.length).replace(/\/+$/, '')).catch(fail);
    } else {
      providerCallback(req, res);
    }
  };

  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (opts.watchStdin) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
  process.stdout.write(`IDP_READY ${issuer}\n`);
}

main().catch((error) => {
  process.stderr.write(`idp: failed to start: ${error?.message ?? error}\n`);
  process.exit(1);
});
