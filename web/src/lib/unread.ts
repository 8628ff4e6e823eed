// The signed-in reader's count of unread notices, shared by the header badge and the inbox page
// so that marking a notice read clears the badge at once. Module state; single browser thread.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api';

const listeners = new Set<(count: number) => void>();
let current = 0;

export function unreadCount(): number {
  return current;
}

export function setUnreadCount(count: number): void {
  current = Math.max(0, Math.trunc(count) || 0);
  listeners.forEach((l) => l(current));
}

export function subscribeUnread(listener: (count: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the server for the count (a cheap request: one item). */
export async function refreshUnread(): Promise<void> {
  const r = await get<{ unread?: number }>('/api/v1/notifications?limit=1');
  if (r.ok) setUnreadCount(Number(r.value?.unread ?? 0));
}

/**
 * The count as a component's state, following every change. It reads the count again when it
 * subscribes, so a change made between the first render and the subscription (the badge's
 * request answering first) is not missed.
 */
export function useUnreadCount(): number {
  const [count, setCount] = useState(current);
  useEffect(() => {
    setCount(current);
    return subscribeUnread(setCount);
  }, []);
  return count;
}
