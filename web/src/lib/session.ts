// The signed-in user, as reported by GET /api/v1/me. Null for visitors.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from './api';

/** Organization kinds that are enterprises: firms that own, make or service equipment. */
export const ENTERPRISE_KINDS = [
  'manufacturer',
  'end_user_plant',
  'maintenance_workshop',
  'contractor',
  'exporter',
  'parts_supplier',
  'service_provider',
] as const;

/** True when the organization kind is an enterprise's. */
export function isEnterpriseKind(kind: string): boolean {
  return (ENTERPRISE_KINDS as readonly string[]).includes(kind);
}

export interface Membership {
  id: string | number;
  name: string;
  kind: string;
  scale_class?: string;
  region?: string;
  park_id?: string | number | null;
  role: string;
}

export interface Me {
  user: { id: string | number; email: string; name: string; language?: string };
  organizations: Membership[];
  platform_roles: string[];
}

let me: Me | null = null;
let loaded = false;
const listeners = new Set<() => void>();

function emit(): void {
  listeners.forEach((l) => l());
}

// The session cookie is HttpOnly, so this flag remembers whether this browser signed in; visitors
// then skip the /me request (one round trip less on slow networks, and no 401 in the console).
const SIGNED_IN_KEY = 'rutile.signed_in';

function setSignedIn(value: boolean): void {
  try {
    if (value) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Without storage the app asks /me every time.
  }
}

function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
}

/** Reloads the signed-in user. `force` asks the server even when this browser never signed in. */
export async function refreshSession(force = false): Promise<Me | null> {
  if (!force && !maybeSignedIn()) {
    me = null;
  } else {
    const r = await get<Me>('/api/v1/me');
    me = r.ok && r.value && typeof r.value === 'object' ? r.value : null;
    // Keep the flag when the network failed: the session may still be valid.
    if (r.ok || !r.problem.network) setSignedIn(me !== null);
  }
  loaded = true;
  emit();
  return me;
}

export async function logout(): Promise<void> {
  await post<void>('/api/v1/auth/logout', {});
  setSignedIn(false);
  me = null;
  emit();
}

export function useSession(): { me: Me | null; loaded: boolean } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { me, loaded };
}

export function isOrgAdmin(m: Membership): boolean {
  return m.role === 'admin' || m.role === 'owner';
}
