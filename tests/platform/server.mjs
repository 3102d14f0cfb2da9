// Local FHIR R4 journal platform for development, demo and tests.
//
//   node server.mjs [--port N] [--auth-token T] [--max-transaction-updates N]
//                   [--max-conditional-entries N] [--default-count N] [--max-count N]
//                   [--no-validate] [--no-stdin-watch] [--profile hapi|azure|firely|medplum]
//                   [--jwt-issuer URL --jwt-audience AUD [--jwt-scope S] [--dpop-nonce]]
//
// FHIR at http://127.0.0.1:<port>/fhir/R4, admin at http://127.0.0.1:<port>/admin/...
// Prints exactly one stdout line "PLATFORM_READY <fhir base url>" once listening (port 0 picks a
// free port). Exits on SIGTERM/SIGINT and when stdin closes (so a crashed parent never leaves it).
// Never logs request or resource contents.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FhirRouter } from '@medplum/fhir-router';
import { createAdminHandler } from './src/admin.mjs';
import { accessResponseHeaders, configureAuth } from './src/auth.mjs';
import { indexDefinitions } from './src/definitions.mjs';
import { createFhirHandler } from './src/fhir.mjs';
import { Mutex, sendJson } from './src/http-util.mjs';
import { setProfile } from './src/profiles.mjs';
import { PlatformRepository } from './src/repository.mjs';

const FHIR_PREFIX = '/fhir/R4';
const ADMIN_PREFIX = '/admin/';

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
      'auth-token': { type: 'string' },
      'max-transaction-updates': { type: 'string', default: '50' },
      'max-conditional-entries': { type: 'string', default: '8' },
      'default-count': { type: 'string', default: '100' },
      'max-count': { type: 'string', default: '1000' },
      'no-validate': { type: 'boolean', default: false },
      'no-stdin-watch': { type: 'boolean', default: false },
      'jwt-issuer': { type: 'string' },
      'jwt-audience': { type: 'string' },
      'jwt-scope': { type: 'string' },
      'dpop-nonce': { type: 'boolean', default: false },
      profile: { type: 'string', default: 'default' },
    },
  });
  const jwt = values['jwt-issuer']
    ? {
      issuer: values['jwt-issuer'],
      audience: values['jwt-audience'],
      scope: values['jwt-scope'],
      requireNonce: values['dpop-nonce'],
    }
    : null;
  if (jwt && values['auth-token']) {
    throw new Error('--auth-token and --jwt-issuer are exclusive');
  }
  return {
    profile: values.profile,
    port: intOption(values.port, 'port', 0),
    authToken: values['auth-token'],
    jwt,
    validate: !values['no-validate'],
    watchStdin: !values['no-stdin-watch'],
    limits: {
      maxTransactionUpdates: intOption(values['max-transaction-updates'], 'max-transaction-updates', 1),
      maxConditionalEntries: intOption(values['max-conditional-entries'], 'max-conditional-entries', 0),
      defaultCount: intOption(values['default-count'], 'default-count', 1),
      maxCount: intOption(values['max-count'], 'max-count', 1),
      authMode: jwt ? 'jwt-dpop' : values['auth-token'] ? 'static-bearer' : 'none',
    },
  };
}

function main() {
  const opts = options();
  setProfile(opts.profile);
  if (opts.jwt) {
    configureAuth({ mode: 'jwt-dpop', jwt: opts.jwt });
  } else {
    configureAuth(opts.authToken ? { mode: 'static-bearer', token: opts.authToken } : { mode: 'none' });
  }
  const types = indexDefinitions();
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  const routerVersion = pkg.dependencies['@medplum/fhir-router'];
  const repo = new PlatformRepository({ validate: opts.validate });
  const mutex = new Mutex();
  let baseUrl = '';
  const ctx = {
    router: new FhirRouter(), repo, mutex, types, limits: opts.limits, startedAt: Date.now(),
    software: { name: 'pleiepunkt-journal-platform', version: `${pkg.version} (@medplum/fhir-router ${routerVersion})` },
    // Links and fullUrls name the address the client asked at (its Host header), as servers
    // behind a proxy do: a client that talks through a loopback proxy (tests/platform/
    // shaping.py) is sent links to the proxy. Only loopback addresses are honoured.
    requestHost: null,
    baseUrl: () => (ctx.requestHost ? `http://${ctx.requestHost}${FHIR_PREFIX}` : baseUrl),
  };
  const handleFhir = createFhirHandler(ctx);
  const handleAdmin = createAdminHandler(ctx);

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    if (path === FHIR_PREFIX || path.startsWith(`${FHIR_PREFIX}/`)) {
      const subpath = path.slice(FHIR_PREFIX.length).replace(/^\/+|\/+$/g, '');
      for (const [name, value] of Object.entries(accessResponseHeaders())) {
        res.setHeader(name, value);
      }
      handleFhir(req, res, subpath, url.searchParams).catch(() => res.destroy());
    } else if (path.startsWith(ADMIN_PREFIX)) {
      handleAdmin(req, res, path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')).catch(() => res.destroy());
    } else {
      sendJson(req, res, 404, { error: 'not found: FHIR is under /fhir/R4, admin under /admin/' },
        { contentType: 'application/json; charset=utf-8' });
    }
  });
  server.keepAliveTimeout = 5000;

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

  server.listen(opts.port, '127.0.0.1', () => {
    baseUrl = `http://127.0.0.1:${server.address().port}${FHIR_PREFIX}`;
    process.stdout.write(`PLATFORM_READY ${baseUrl}\n`);
  });
}

main();
