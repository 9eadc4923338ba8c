/**
 * Who is signed in: the access token lives in memory only, the refresh token in this tab's sessionStorage (so a
 * reload keeps the session, a closed tab ends it). Tokens are never put in a URL or localStorage.
 */
import { problemOf, type Problem } from '../api/problem';

const REFRESH_KEY = 'roster.refresh';

export interface Claims {
  sub: string;
  acct: string;
  permissions: string[];
  exp: number;
}

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

type Listener = () => void;

let accessToken: string | null = null;
let claims: Claims | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

export class SignInRefused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** Decodes a JWT's payload (base64url JSON); the signature is the services' to check, never the console's. */
export function decodeClaims(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  const parsed = JSON.parse(json) as Partial<Claims>;
  return {
    sub: String(parsed.sub ?? ''),
    acct: String(parsed.acct ?? ''),
    permissions: Array.isArray(parsed.permissions) ? parsed.permissions.map(String) : [],
    exp: Number(parsed.exp ?? 0),
  };
}

function accept(tokens: TokenResponse) {
  accessToken = tokens.accessToken;
  claims = decodeClaims(tokens.accessToken);
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  notify();
}

function forget() {
  accessToken = null;
  claims = null;
  sessionStorage.removeItem(REFRESH_KEY);
  notify();
}

function notify() {
  listeners.forEach((listener) => listener());
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify(body),
  });
}

export async function signIn(account: string, login: string, password: string): Promise<void> {
  const response = await post('/auth/sign-in', { account, login, password });
  if (!response.ok) {
    throw new SignInRefused(await problemOf(response));
  }
  accept((await response.json()) as TokenResponse);
}

/** Trades the refresh token for new tokens, once at a time however many requests ask; false when there is none or it is refused. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      return false;
    }
    try {
      const response = await post('/auth/refresh', { refreshToken });
      if (!response.ok) {
        forget();
        return false;
      }
      accept((await response.json()) as TokenResponse);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  forget();
  if (refreshToken) {
    await post('/auth/sign-out', { refreshToken }).catch(() => undefined);
  }
}

export function currentAccessToken(): string | null {
  return accessToken;
}

export function currentClaims(): Claims | null {
  return claims;
}

export function hasRefreshToken(): boolean {
  return sessionStorage.getItem(REFRESH_KEY) !== null;
}

export function can(permission: string): boolean {
  return claims?.permissions.includes(permission) ?? false;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
