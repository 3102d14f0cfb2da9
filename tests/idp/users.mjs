// Synthetic test users of the local identity provider (users.json, shared with the Python
// tests). `hpr_details` follows the shape of HelseID's `helseid://claims/hpr/hpr_details`
// claim: one approval per health-personnel category, coded with Volven 9060.
import { readFileSync } from 'node:fs';

const CATEGORY_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.1.9060';

export const USERS = JSON.parse(readFileSync(new URL('./users.json', import.meta.url), 'utf8')).users;

/** The user with subject `sub`, or undefined. */
export function userBySubject(sub) {
  return Object.values(USERS).find((user) => user.sub === sub);
}

/** Every claim the provider can release about `user`; the scope filter picks from these. */
export function claimsFor(user) {
  return {
    sub: user.sub,
    name: `${user.given_name} ${user.family_name}`,
    given_name: user.given_name,
    family_name: user.family_name,
    'helseid://claims/hpr/hpr_number': user.hpr_number,
    'helseid://claims/hpr/hpr_details': {
      hpr_number: user.hpr_number,
      approvals: user.categories.map(([code, text]) => ({
        profession: code,
        authorization: { value: '1', description: 'Autorisasjon' },
        system: CATEGORY_SYSTEM,
        description: text,
      })),
    },
  };
}
