// The browser-facing sign-in pages: a login form for the synthetic users, and an automatic
// consent step (HelseID shows no consent screen; the client gets what it asked for).
//
//   GET  /interaction/:uid         login form (or, at the consent prompt, grant and continue)
//   POST /interaction/:uid/login   username + password -> continue the authorization
//   POST /interaction/:uid/abort   the user cancels -> access_denied back to the client
import { timingSafeEqual } from 'node:crypto';
import { USERS } from '../users.mjs';
import { escapeHtml } from './config.mjs';

const MAX_FORM_BYTES = 4096;

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sameText(a, b) {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// The sign-in pages load nothing and may be framed by nobody. Their forms post to this server
// only, but Chromium (and Safari) check `form-action` against every redirect that follows a
// submission too (w3c/webappsec-csp#8), and a finished sign-in ends in a redirect to the app's
// loopback `http://127.0.0.1:<port>/callback` (RFC 8252 §7.3), another origin. So a page that
// continues an authorization also admits the origin of that authorization's own redirect_uri,
// which oidc-provider checked against the client's registration when the request was pushed
// (PAR). IdentityServer, HelseID's base, admits the redirect origin the same way for its
// form_post page. Nothing else is widened: no other origin, no scripts, no styles.
function contentSecurityPolicy(redirectUri) {
  let formAction = "'self'";
  if (redirectUri) {
    try {
      const { origin, protocol } = new URL(redirectUri);
      if (protocol === 'http:' || protocol === 'https:') {
        formAction += ` ${origin}`;
      }
    } catch {
      // An unparsable redirect_uri never reaches here (PAR refuses it); admit nothing extra.
    }
  }
  return `default-src 'none'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
}

function sendHtml(res, status, body, redirectUri) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': contentSecurityPolicy(redirectUri),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function loginPage(uid, message) {
  const note = message ? `<p id="message">${escapeHtml(message)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Pleiepunkt test-innlogging</title></head>
<body><h1>Test-innlogging (syntetiske brukere)</h1>${note}
<form id="login" method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Brukernavn <input name="username" autocomplete="username"></label>
<label>Passord <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Logg inn</button></form>
<form id="abort" method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button type="submit">Avbryt</button></form></body></html>`;
}

async function grantConsent(provider, req, res, interaction) {
  const { prompt: { details }, params, session } = interaction;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) {
    grant.addOIDCScope(details.missingOIDCScope.join(' '));
  }
  if (details.missingOIDCClaims) {
    grant.addOIDCClaims(details.missingOIDCClaims);
  }
  if (details.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  const grantId = await grant.save();
  const consent = interaction.grantId ? {} : { grantId };
  await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
}

/** Handle a request under /interaction/; resolves once the response is sent. */
export async function handleInteraction(provider, req, res, path) {
  const [uid, action] = path.split('/');
  let interaction;
  try {
    interaction = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(res, 400, '<!DOCTYPE html><title>Expired</title><p id="error">Sign-in session expired.</p>');
    return;
  }
  if (interaction.uid !== uid) {
    sendHtml(res, 400, '<!DOCTYPE html><title>Mismatch</title><p id="error">Wrong interaction.</p>');
    return;
  }
  if (req.method === 'GET' && !action) {
    if (interaction.prompt.name === 'consent') {
      await grantConsent(provider, req, res, interaction);
    } else {
      sendHtml(res, 200, loginPage(uid), interaction.params.redirect_uri);
    }
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const user = USERS[form.get('username') ?? ''];
    if (!user || !sameText(form.get('password') ?? '', user.password)) {
      sendHtml(res, 200, loginPage(uid, 'Feil brukernavn eller passord.'),
        interaction.params.redirect_uri);
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } },
      { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in' },
      { mergeWithLastSubmission: false });
    return;
  }
  sendHtml(res, 404, '<!DOCTYPE html><title>Not found</title><p id="error">Not found.</p>');
}
