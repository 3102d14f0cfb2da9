// Reference index: for each resource type, maps the id part of every reference a resource holds
// to the ids of resources holding it, and the logical identifier of every Reference that carries
// one (`Reference.identifier`, as VKP and PMD refer to the patient by fødselsnummer) to the same.
// It only narrows candidates; every candidate is still checked by a matcher, so stale or extra
// entries can never change a search result.

/** Index key of a logical reference `system|value`; ids never hold "|", so keys never collide. */
export function identifierKey(system, value) {
  return `|id|${system ?? ''}|${value}`;
}

/** Index key of a logical reference's value alone (a search that names no system). */
export function identifierValueKey(value) {
  return `|idv|${value}`;
}

/** Collect the target ids of all `reference` strings, and the identifier keys of all
 *  Reference.identifier values, anywhere in a resource. */
function collectRefIds(node, out) {
  if (Array.isArray(node)) {
    for (const item of node) {
      collectRefIds(item, out);
    }
  } else if (node !== null && typeof node === 'object') {
    const identifier = node.identifier;
    if (identifier && typeof identifier === 'object' && !Array.isArray(identifier) &&
        typeof identifier.value === 'string') {
      // Reference.identifier (0..1). A few resources' own 0..1 identifiers land here too; that
      // only adds candidates, which the matcher then rejects.
      out.add(identifierKey(identifier.system, identifier.value));
      out.add(identifierValueKey(identifier.value));
    }
    for (const key in node) {
      const value = node[key];
      if (key === 'reference' && typeof value === 'string') {
        const refId = refIdOf(value);
        if (refId) {
          out.add(refId);
        }
      } else if (typeof value === 'object') {
        collectRefIds(value, out);
      }
    }
  }
}

/** The id part of a reference ("Patient/1", ".../Patient/1/_history/2" -> "1"); null if local. */
export function refIdOf(reference) {
  if (!reference || reference.startsWith('#') || reference.startsWith('urn:')) {
    return null;
  }
  const q = reference.indexOf('?');
  if (q >= 0) {
    return null;
  }
  const parts = reference.split('/');
  const h = parts.lastIndexOf('_history');
  const idPart = h > 0 ? parts[h - 1] : parts[parts.length - 1];
  return idPart || null;
}

export class ReferenceIndex {
  constructor() {
    this.byType = new Map();
  }

  clear() {
    this.byType.clear();
  }

  /** Add the references of a stored resource version. */
  add(resource) {
    const refIds = new Set();
    collectRefIds(resource, refIds);
    if (!refIds.size) {
      return;
    }
    let typeMap = this.byType.get(resource.resourceType);
    if (!typeMap) {
      typeMap = new Map();
      this.byType.set(resource.resourceType, typeMap);
    }
    for (const refId of refIds) {
      const ids = typeMap.get(refId);
      if (ids) {
        ids.push(resource.id);
      } else {
        typeMap.set(refId, [resource.id]);
      }
    }
  }

  /** Ids (may repeat, may be stale) of `type` resources referring to any of `refIds`. */
  candidates(type, refIds) {
    const typeMap = this.byType.get(type);
    const out = new Set();
    if (!typeMap) {
      return out;
    }
    for (const refId of refIds) {
      for (const id of typeMap.get(refId) ?? []) {
        out.add(id);
      }
    }
    return out;
  }
}
