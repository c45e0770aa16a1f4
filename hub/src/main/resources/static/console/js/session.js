// Who is signed in. The token lives in this tab's sessionStorage (gone when the tab closes), never in
// localStorage or a cookie.

const KEY = 'hubConsole.session';
const PKCE_KEY = 'hubConsole.pkce';

let config = null;

export async function loadConfig() {
  const response = await fetch('/console/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The hub did not say how to sign in (HTTP ${response.status}).`);
  config = await response.json();
  return config;
}

export function signInConfig() {
  return config;
}

function claimsOf(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

function store(tokens, purpose) {
  const claims = claimsOf(tokens.access_token);
  const session = {
    token: tokens.access_token,
    refreshToken: tokens.refresh_token || null,
    idToken: tokens.id_token || null,
    expiresAt: (claims.exp || 0) * 1000,
    username: claims.preferred_username,
    name: claims.name || claims.preferred_username,
    roles: (claims.realm_access && claims.realm_access.roles || []).filter((r) => !r.startsWith('default-roles')
      && r !== 'offline_access' && r !== 'uma_authorization'),
    agency: claims.agency || null,
    boroughs: claims.boroughs || [],
    purpose: purpose || null,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** The signed-in session, or null once its token has expired and cannot be refreshed. */
export function session() {
  const text = sessionStorage.getItem(KEY);
  if (!text) return null;
  const s = JSON.parse(text);
  if (s.expiresAt < Date.now() && !s.refreshToken) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return s;
}

export function choosePurpose(purpose) {
  const s = session();
  s.purpose = purpose;
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

/** A token good for the next request: refreshed through Keycloak when it is about to expire. */
export async function accessToken() {
  const s = session();
  if (!s) return null;
  if (s.expiresAt - Date.now() > 20000 || !s.refreshToken) return s.token;
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.refreshToken, client_id: config.clientId }),
  });
  if (!response.ok) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return store(await response.json(), s.purpose).token;
}

/** Local mode: the development issuer signs a token for a demo user. */
export async function signInAsDemoUser(username) {
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ username }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error_description || `The development issuer refused (HTTP ${response.status}).`);
  return store(body);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

function redirectUri() {
  return `${window.location.origin}/console/`;
}

/** Keycloak: the authorisation code flow with PKCE (S256). The verifier stays in this tab. */
export async function startKeycloakSignIn() {
  const verifier = randomText(48);
  const state = randomText(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Back from Keycloak with ?code=...&state=...: exchanges the code for tokens. Returns true if it did. */
export async function completeKeycloakSignIn() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  if (params.has('error')) {
    throw new Error(`Keycloak did not sign you in: ${params.get('error_description') || params.get('error')}.`);
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('That sign-in was not started from this tab. Please sign in again.');
  }
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Keycloak would not exchange the sign-in code (HTTP ${response.status}). Please sign in again.`);
  store(await response.json());
  return true;
}

export function signOut() {
  const s = session();
  sessionStorage.removeItem(KEY);
  if (config && config.signIn === 'oidc' && s && s.idToken) {
    const url = new URL(config.endSessionEndpoint);
    url.search = new URLSearchParams({ client_id: config.clientId, id_token_hint: s.idToken,
      post_logout_redirect_uri: redirectUri() }).toString();
    window.location.assign(url.toString());
    return;
  }
  window.location.hash = '#/';
}
