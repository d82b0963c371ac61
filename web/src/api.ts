import { messageFor } from './messages';

/** A field the API named in a 400 VALIDATION_FAILED (`fieldErrors`). */
export interface FieldError { field: string; message: string }

/** An answer that was not 2xx, read from the API's problem+json (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly fieldErrors: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(messageFor(code, status));
  }

  /** The API's message for one field (English, from the server) if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((f) => f.field === field)?.message;
  }
}

/**
 * The access token lives in this module's memory only (OWASP: never in web storage); the
 * refresh token is an HttpOnly cookie the API sets, which script cannot read.
 */
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const authListeners = new Set<() => void>();

export function setAccessToken(token: string | null): void {
  accessToken = token;
  authListeners.forEach((l) => l());
}
export function hasAccessToken(): boolean {
  return accessToken !== null;
}
export function onAuthChange(listener: () => void): () => void {
  authListeners.add(listener);
  return () => void authListeners.delete(listener);
}

interface TokenAnswer { accessToken: string }

/** Trades the refresh cookie for a new access token (and a rotated cookie); false when there is none. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= fetch('/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  })
    .then(async (r) => {
      if (!r.ok) {
        setAccessToken(null);
        return false;
      }
      setAccessToken(((await r.json()) as TokenAnswer).accessToken);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Anonymous call: no token, no refresh on 401 (sign-up, login, public reads). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

/** Calls the API on this origin with JSON; throws {@link ApiError} with the problem's Korean message. */
export async function api<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (!opts.anonymous && accessToken) headers.Authorization = `Bearer ${accessToken}`;
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  };
  let res = await send();
  // An access token lasts 30 minutes; the cookie gets a new one once, then the call is retried.
  if (res.status === 401 && !opts.anonymous && (await refreshAccessToken())) res = await send();
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await toError(res);
}

async function toError(res: Response): Promise<ApiError> {
  let problem: { code?: string; detail?: string; fieldErrors?: FieldError[] } = {};
  try {
    problem = await res.json();
  } catch {
    // Not problem+json (a proxy's page): the status alone says what happened.
  }
  const retry = Number(res.headers.get('Retry-After'));
  return new ApiError(res.status, problem.code, problem.detail, problem.fieldErrors ?? [], Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

/** Korean text for any error a page catches (network failures included). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof DOMException && e.name === 'AbortError') return '';
  return '네트워크 오류가 발생했습니다. 연결을 확인하고 다시 시도해 주세요.';
}
