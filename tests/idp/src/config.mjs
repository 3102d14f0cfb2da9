// oidc-provider configuration shaped like HelseID's security profile (FAPI 2.0 with HelseID's
// deviations): authorization code + PKCE (S256) + pushed authorization requests only, client
// authentication by private_key_jwt only, DPoP-bound access tokens (with server nonces),
// refresh tokens (rotated) with revocation, RFC 8707 resource indicators giving single-audience
// JWT access tokens, and HelseID-style HPR claims. There is no consent screen (HelseID has none):
// the interaction handler grants what the client asked for.
import { randomBytes } from 'node:crypto';
import { errors } from 'oidc-provider';
import { claimsFor, userBySubject } from '../users.mjs';

export const IDENTITY_SCOPES = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name'],
  'helseid://scopes/hpr/hpr_number': [
    'helseid://claims/hpr/hpr_number',
    'helseid://claims/hpr/hpr_details',
  ],
};

/** Client metadata every registered test client gets (only `client_id` and `jwks` vary). */
export function clientMetadata({ client_id, jwks, redirect_uris }) {
  return {
    client_id,
    jwks,
    application_type: 'native',
    redirect_uris: redirect_uris ?? ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    id_token_signed_response_alg: 'ES256',
    dpop_bound_access_tokens: true,
    require_pushed_authorization_requests: true,
  };
}

async function findAccount(_ctx, sub) {
  const user = userBySubject(sub);
  if (!user) {
    return undefined;
  }
  return {
    accountId: sub,
    async claims() {
      return claimsFor(user);
    },
  };
}

/**
 * The provider configuration.
 *
 * `resources` maps resource indicator URI -> the one scope that API accepts. `keys` is the
 * provider's private JWKS. `ttl` holds accessToken/refreshToken lifetimes in seconds.
 */
export function providerConfiguration({ resources, keys, ttl, requireNonce }) {
  const resourceScopes = Object.values(resources);
  return {
    clients: [],
    jwks: { keys },
    findAccount,
    claims: IDENTITY_SCOPES,
    scopes: ['openid', 'offline_access', 'profile', 'helseid://scopes/hpr/hpr_number', ...resourceScopes],
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'RS256', 'PS256'],
      idTokenSigningAlgValues: ['ES256', 'RS256'],
      dPoPSigningAlgValues: ['ES256', 'RS256', 'PS256'],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      dPoP: {
        enabled: true,
        nonceSecret: randomBytes(32),
        requireNonce: () => requireNonce,
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const scope = resources[indicator];
          if (!scope) {
            throw new errors.InvalidTarget();
          }
          return {
            scope,
            audience: indicator,
            accessTokenTTL: ttl.accessToken,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const user = userBySubject(token.accountId);
      return user ? { 'helseid://claims/hpr/hpr_number': user.hpr_number } : undefined;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: ttl.accessToken,
      RefreshToken: ttl.refreshToken,
      IdToken: 300,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 600,
      Grant: ttl.refreshToken,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!DOCTYPE html><title>Sign-in error</title><p id="error">${escapeHtml(out.error)}</p>`;
    },
  };
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
