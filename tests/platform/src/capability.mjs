// The CapabilityStatement served at GET [base]/metadata: what this server really supports.
import { globalSchema } from '@medplum/core';
import { behaviour } from './profiles.mjs';

const SEARCHABLE_TYPES = new Set(['reference', 'string', 'uri', 'token', 'date']);
const TYPE_INTERACTIONS = [
  'read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type',
];
const HISTORY = new Set(['history-instance', 'history-type', 'history-system']);

function interactions(codes) {
  return codes.filter((code) => behaviour('history') || !HISTORY.has(code)).map((code) => ({ code }));
}

function searchParamsFor(type) {
  const params = globalSchema.types[type]?.searchParams ?? {};
  return Object.values(params)
    .filter((p) => SEARCHABLE_TYPES.has(p.type))
    .map((p) => ({ name: p.code, type: p.type, ...(p.url ? { definition: p.url } : {}) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Build the statement for `types` with the server's limits and base URL. */
export function capabilityStatement({ types, base, software, limits }) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software,
    implementation: {
      description: 'Pleiepunkt local journal platform (Medplum FHIR router, in-memory). ' +
        `Search _count default ${limits.defaultCount}, max ${limits.maxCount}; ` +
        `transactions atomic, at most ${limits.maxTransactionUpdates} update operations.`,
      url: base,
    },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    patchFormat: ['application/json-patch+json'],
    rest: [{
      mode: 'server',
      security: limits.authMode === 'none' ? undefined : {
        description: 'Access token required: Authorization: Bearer <token> or DPoP <token>.',
      },
      resource: types.map((type) => ({
        type,
        interaction: interactions(TYPE_INTERACTIONS),
        versioning: 'versioned-update',
        readHistory: behaviour('history'),
        updateCreate: behaviour('client_ids'),
        conditionalCreate: true,
        conditionalRead: 'not-supported',
        conditionalUpdate: true,
        conditionalDelete: 'single',
        searchParam: searchParamsFor(type),
      })),
      interaction: interactions([
        ...{ transaction: ['transaction', 'batch'], batch: ['batch'], none: [] }[behaviour('bundles')],
        'search-system', 'history-system',
      ]),
      searchParam: [
        { name: '_count', type: 'number' },
        ...(behaviour('paging') === 'offset' ? [{ name: '_offset', type: 'number' }] : []),
        ...(behaviour('sort') === 'unsupported' ? [] : [{ name: '_sort', type: 'string' }]),
        { name: '_elements', type: 'string' },
        { name: '_summary', type: 'token' },
      ],
    }],
  };
}
