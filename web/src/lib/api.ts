// JSON client for the Rutile HTTP API. Errors come back as RFC 9457 problem+json and are
// turned into a Problem value; nothing here throws to the caller.
import { LOCALE_TAGS, currentLanguage } from '../i18n';
import { fieldMessage } from './messages';

/** Parameters of a message code, by name. */
export type MessageParams = Record<string, string | number>;

/** An organization as the API names it to people (OrganizationRef), next to its org_id. */
export interface OrganizationRef {
  id: number;
  name: string;
}

export interface FieldError {
  field: string;
  /** English text for API clients; people read `code` rendered in their language. */
  message: string;
  code?: string;
  params?: MessageParams;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** Message code of the problem ("problem.not_found", "ledger.no_checkpoint") and parameters. */
  code?: string;
  params?: MessageParams;
  errors: FieldError[];
  /** True when the request never reached the server (offline, DNS, refused). */
  network: boolean;
}

export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; problem: Problem };

export function networkProblem(message: string): Problem {
  return { title: message, status: 0, errors: [], network: true };
}

function paramsOf(value: unknown): MessageParams | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: MessageParams = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

async function toProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: keep the status line only.
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[])
        .filter((e): e is FieldError => typeof e === 'object' && e !== null && 'field' in e)
        .map((e) => ({
          field: String(e.field),
          message: String(e.message ?? ''),
          code: typeof e.code === 'string' ? e.code : undefined,
          params: paramsOf(e.params),
        }))
    : [];
  return {
    type: typeof body.type === 'string' ? body.type : undefined,
    title: typeof body.title === 'string' ? body.title : response.statusText || 'Error',
    status: response.status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    code: typeof body.code === 'string' ? body.code : undefined,
    params: paramsOf(body.params),
    errors,
    network: false,
  };
}

/**
 * The Accept-Language of every API request: the language the reader chose on the page, so texts
 * the server renders (maintenance task titles, problems) follow the page, not the browser.
 */
export function readerLanguage(lang = currentLanguage()): string {
  return lang === 'en' ? 'en' : `${LOCALE_TAGS[lang]}, en;q=0.5`;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json', 'Accept-Language': readerLanguage() }
          : {
              Accept: 'application/json',
              'Accept-Language': readerLanguage(),
              'Content-Type': 'application/json',
            },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, problem: networkProblem(err instanceof Error ? err.message : 'network') };
  }
  if (!response.ok) return { ok: false, problem: await toProblem(response) };
  if (response.status === 204) return { ok: true, value: undefined as T, status: 204 };
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return { ok: true, value: (await response.json()) as T, status: response.status };
    } catch {
      return { ok: false, problem: { ...networkProblem('invalid JSON'), network: false } };
    }
  }
  return { ok: true, value: (await response.text()) as T, status: response.status };
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);

/** GETs a non-JSON body and reads it with `read`; a refusal comes back as its Problem. */
async function fetchBody<T>(
  path: string,
  read: (r: Response) => Promise<T>,
): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': readerLanguage() },
    });
    if (!response.ok) return { ok: false, problem: await toProblem(response) };
    return { ok: true, value: await read(response), status: response.status };
  } catch (err) {
    return { ok: false, problem: networkProblem(err instanceof Error ? err.message : 'network') };
  }
}

/** Fetches raw bytes (ledger entries). */
export const getBytes = (path: string) =>
  fetchBody(path, async (r) => new Uint8Array(await r.arrayBuffer()));

/** Fetches a document (PDF, HTML) as a Blob. */
export const fetchDocument = (path: string) => fetchBody(path, (r) => r.blob());

/**
 * Field errors keyed by field name, for showing each next to its input, in the reader's
 * language (from each error's message code).
 */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const text = fieldMessage(e);
    out[e.field] = out[e.field] ? `${out[e.field]}; ${text}` : text;
  }
  return out;
}
