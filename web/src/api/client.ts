import { fieldErrorTexts } from './errorText.js';

// The only place that talks HTTP. Every call goes to the public API, as an integration would.

/** One field at fault (docs/api.md, "Errors"): translate `code`; `message` is the server's English. */
export interface ApiFieldError {
  field: string;
  code?: string;
  message: string;
  limit?: number;
  allowed?: string[];
  expected?: string;
  fields?: string[];
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ApiFieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  /** field → message in the user's language, for showing the API's errors next to the form fields */
  get fieldErrors(): Record<string, string> {
    return fieldErrorTexts(this.problem);
  }
}

export const API_BASE = '/api/v1';

export interface RequestOptions {
  signal?: AbortSignal;
  ifMatch?: string;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { type: 'network', title: 'Network error', status: 0 });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, problemOf(res, text));
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The problem document of a refusal; a proxy's HTML page or an empty body gives a bare one. */
export function problemOf(res: Response, text: string): Problem {
  try {
    const data = JSON.parse(text) as Problem;
    if (data && typeof data === 'object' && typeof data.type === 'string') return data;
  } catch {}
  return { type: 'about:blank', title: res.statusText, status: res.status };
}

/** Builds `?a=1&b=2` from defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
