// Admin API (not under the FHIR base, never access-checked): health, stats, reset, faults, load.
//   GET    /admin/health   -> {"status": "ok"}
//   GET    /admin/stats    -> counts per type, change-log rows, faults, memory, uptime
//   POST   /admin/reset    -> empty the repository and the change log (faults unchanged)
//   GET    /admin/faults   -> current fault switches
//   POST   /admin/faults   -> merge switches (see faults.mjs), DELETE /admin/faults clears them
//   GET    /admin/profile  -> the server-variation switches in force (see profiles.mjs)
//   POST   /admin/profile  -> {"name": "hapi", "switches": {...}}: that profile (+ overrides);
//                             DELETE /admin/profile goes back to the default
//   POST   /admin/load     -> NDJSON (Content-Type application/x-ndjson or application/fhir+ndjson)
//                             or a FHIR Bundle (JSON); answers {"loaded": n, "seconds": s}
import { performance } from 'node:perf_hooks';
import { OperationOutcomeError } from '@medplum/core';
import { clearFaults, faultState, setFaults } from './faults.mjs';
import { readBody, sendJson } from './http-util.mjs';
import { loadBundle, loadNdjson } from './loader.mjs';
import { resetClock } from './clock.mjs';
import { profile, setProfile } from './profiles.mjs';

const JSON_TYPE = 'application/json; charset=utf-8';

function reply(req, res, status, body) {
  sendJson(req, res, status, body, { contentType: JSON_TYPE });
}

async function readJson(req) {
  const buffer = await readBody(req);
  return buffer.length ? JSON.parse(buffer.toString('utf8')) : {};
}

/** Create the admin handler; `ctx` = {repo, mutex, startedAt, limits}. */
export function createAdminHandler(ctx) {
  const { repo, mutex } = ctx;

  async function load(req) {
    const started = performance.now();
    const contentType = req.headers['content-type'] ?? '';
    const loaded = /ndjson/i.test(contentType)
      ? await mutex.run(() => loadNdjson(repo, req))
      : await mutex.run(async () => loadBundle(repo, await readJson(req)));
    return { loaded, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
  }

  function stats() {
    const resources = repo.counts();
    const memory = process.memoryUsage();
    return {
      resources,
      total: Object.values(resources).reduce((a, b) => a + b, 0),
      change_log_rows: repo.changes.length,
      faults: faultState(),
      profile: profile(),
      limits: ctx.limits,
      uptime_s: Math.round((Date.now() - ctx.startedAt) / 1000),
      heap_used_mb: Math.round(memory.heapUsed / 1048576),
      rss_mb: Math.round(memory.rss / 1048576),
    };
  }

  return async function handleAdmin(req, res, subpath) {
    const route = `${req.method} ${subpath}`;
    try {
      switch (route) {
        case 'GET health':
          return reply(req, res, 200, { status: 'ok' });
        case 'GET stats':
          return reply(req, res, 200, stats());
        case 'POST reset':
          await mutex.run(async () => repo.clear());
          return reply(req, res, 200, { status: 'ok' });
        case 'GET faults':
          return reply(req, res, 200, faultState());
        case 'POST faults':
          setFaults(await readJson(req));
          return reply(req, res, 200, faultState());
        case 'DELETE faults':
          clearFaults();
          return reply(req, res, 200, faultState());
        case 'GET profile':
          return reply(req, res, 200, profile());
        case 'POST profile': {
          const body = await readJson(req);
          return reply(req, res, 200, await mutex.run(async () => {
            const result = setProfile(body.name ?? 'default', body.switches ?? {});
            resetClock(); // a new clock offset applies at once, as after a restart
            return result;
          }));
        }
        case 'DELETE profile':
          return reply(req, res, 200, await mutex.run(async () => {
            const result = setProfile('default');
            resetClock();
            return result;
          }));
        case 'POST load':
          return reply(req, res, 200, await load(req));
        default:
          return reply(req, res, 404, { error: `no admin route ${route}` });
      }
    } catch (err) {
      if (err instanceof OperationOutcomeError) {
        return reply(req, res, 400, { error: err.outcome.issue?.[0]?.details?.text ?? 'bad request', outcome: err.outcome });
      }
      return reply(req, res, 400, { error: err instanceof SyntaxError ? 'invalid JSON' : String(err.message ?? err) });
    }
  };
}
