// The signed-in user, as reported by GET /api/v1/me. Null for visitors.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from './api';

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

export async function refreshSession(): Promise<Me | null> {
  const r = await get<Me>('/api/v1/me');
  me = r.ok && r.value && typeof r.value === 'object' ? r.value : null;
  loaded = true;
  emit();
  return me;
}

export async function logout(): Promise<void> {
  await post<void>('/api/v1/auth/logout', {});
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
