/** A small HTTP client for the CLI commands that talk to a server (`okr login`, `okrs`, `checkin`). */
import { AppError } from '../contracts/app-error.ts';

export interface ApiCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface ApiResult<T> {
  body: T;
  headers: Headers;
}

/** Calls the API; a problem response becomes an AppError carrying the server's message. */
export async function callApi<T>(server: string, call: ApiCall): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  const url = new URL(call.path, server).toString();
  try {
    response = await fetch(url, {
      method: call.method,
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new AppError('server_unreachable', `Cannot reach the server at ${server}: ${cause}`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) {
    const problem = (body ?? {}) as { detail?: string; errors?: { path: string; message: string }[] };
    throw new AppError(
      response.status === 401 ? 'unauthenticated' : response.status === 404 ? 'not_found' : 'bad_input',
      `The server said ${response.status}: ${problem.detail ?? response.statusText}`,
      problem.errors ?? [],
    );
  }
  return { body: body as T, headers: response.headers };
}
