// The one place that decides where the engine runs: the server API when reachable, otherwise
// the WebAssembly build in /engine/ (precached by the service worker).
import { get, networkProblem, post, type Problem } from '../lib/api';
import type { AssessRequest, AssessResult, Vocabulary } from './types';

export type EngineSource = 'server' | 'device';
export type EngineAnswer<T> =
  | { ok: true; value: T; source: EngineSource }
  | { ok: false; problem: Problem; source: EngineSource };

interface WasmModule {
  ccall: (name: string, ret: 'string', args: string[], values: unknown[]) => string;
}

const ENGINE_URL = '/engine/rutile-engine.mjs';
const VOCABULARY_KEY = 'rutile.vocabulary';
let wasm: Promise<WasmModule> | null = null;

function loadWasm(): Promise<WasmModule> {
  if (!wasm) {
    wasm = (async () => {
      const mod = (await import(/* @vite-ignore */ ENGINE_URL)) as {
        default: (opts?: object) => Promise<WasmModule>;
      };
      return mod.default({});
    })();
    wasm.catch(() => {
      wasm = null;
    });
  }
  return wasm;
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** A field of an engine error as text: a string as written, any other JSON value as JSON. */
function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Interprets the JSON the WASM engine returns: either a result or an error object. */
export function parseWasmAnswer<T>(
  text: string,
): { ok: true; value: T } | { ok: false; problem: Problem } {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      problem: { ...networkProblem('engine returned invalid JSON'), network: false },
    };
  }
  const err = (parsed.error ?? (parsed.status && parsed.title ? parsed : null)) as
    Record<string, unknown> | string | null;
  if (err) {
    const e = typeof err === 'string' ? { detail: err } : err;
    const list = Array.isArray(e.errors)
      ? (e.errors as Array<{
          field: string;
          message: string;
          code?: string;
          params?: Record<string, string>;
        }>)
      : [];
    return {
      ok: false,
      problem: {
        title: fieldText(e.title ?? e.code ?? 'Invalid request'),
        status: Number(e.status ?? 400),
        detail:
          e.detail !== undefined
            ? fieldText(e.detail)
            : e.message !== undefined
              ? fieldText(e.message)
              : undefined,
        errors: list.map((x) => ({
          field: String(x.field),
          message: String(x.message),
          ...(typeof x.code === 'string' ? { code: x.code, params: x.params ?? {} } : {}),
        })),
        network: false,
      },
    };
  }
  return { ok: true, value: parsed as T };
}

async function runOnDevice<T>(fn: string, input?: unknown): Promise<EngineAnswer<T>> {
  try {
    const m = await loadWasm();
    const text =
      input === undefined
        ? m.ccall(fn, 'string', [], [])
        : m.ccall(fn, 'string', ['string'], [JSON.stringify(input)]);
    return { ...parseWasmAnswer<T>(text), source: 'device' };
  } catch (err) {
    return {
      ok: false,
      problem: networkProblem(
        `offline engine unavailable: ${err instanceof Error ? err.message : String(err)}`,
      ),
      source: 'device',
    };
  }
}

async function call<T>(path: string, wasmFn: string, input: unknown): Promise<EngineAnswer<T>> {
  if (!isOffline()) {
    const r = await post<T>(path, input);
    if (r.ok) return { ok: true, value: r.value, source: 'server' };
    if (!r.problem.network) return { ok: false, problem: r.problem, source: 'server' };
  }
  return runOnDevice<T>(wasmFn, input);
}

export const assess = (req: AssessRequest) =>
  call<AssessResult>('/api/v1/engine/assess', 'rutile_assess', req);
export const atmosphere = <T>(input: unknown) =>
  call<T>('/api/v1/engine/atmosphere', 'rutile_atmosphere', input);
export const thickness = <T>(input: unknown) =>
  call<T>('/api/v1/engine/thickness', 'rutile_thickness', input);

/** The engine vocabulary: API (cached by the service worker), then WASM, then the last copy seen. */
export async function vocabulary(): Promise<EngineAnswer<Vocabulary>> {
  const r = await get<Vocabulary>('/api/v1/engine/vocabulary');
  if (r.ok) {
    try {
      localStorage.setItem(VOCABULARY_KEY, JSON.stringify(r.value));
    } catch {
      // Storage full or disabled: the service worker cache still has it.
    }
    return { ok: true, value: r.value, source: 'server' };
  }
  if (!r.problem.network) return { ok: false, problem: r.problem, source: 'server' };
  const device = await runOnDevice<Vocabulary>('rutile_vocabulary');
  if (device.ok) return device;
  try {
    const stored = localStorage.getItem(VOCABULARY_KEY);
    if (stored) return { ok: true, value: JSON.parse(stored) as Vocabulary, source: 'device' };
  } catch {
    // Fall through to the error.
  }
  return { ok: false, problem: r.problem, source: 'device' };
}
