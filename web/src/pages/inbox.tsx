// Notification inbox: every module sends through the notifications service; this lists the
// reader's notices in their language, links each to its subject and marks them read.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { t } from '../i18n';
import { get, post, type Problem } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { setUnreadCount } from '../lib/unread';
import { noticeDate, noticeHref, noticeText, type Notice } from './inbox_model';

export { noticeText } from './inbox_model';

export default function InboxPage() {
  const [items, setItems] = useState<Notice[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    const r = await get<{ items: Notice[]; unread?: number }>('/api/v1/notifications');
    if (r.ok) {
      setItems(r.value.items ?? []);
      setUnreadCount(Number(r.value.unread ?? 0));
    } else setProblem(r.problem);
  }
  useEffect(() => {
    void load();
  }, []);

  async function markRead(id: Notice['id']) {
    const item = items?.find((i) => i.id === id);
    if (!item || item.read) return;
    const r = await post<void>(`/api/v1/notifications/${encodeURIComponent(String(id))}/read`, {});
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    const next = (items ?? []).map((i) => (i.id === id ? { ...i, read: true } : i));
    setItems(next);
    setUnreadCount(next.filter((i) => !i.read).length);
    void load();
  }

  async function markAll() {
    setBusy(true);
    const r = await post<void>('/api/v1/notifications/read-all', {});
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setItems((items ?? []).map((i) => ({ ...i, read: true })));
    setUnreadCount(0);
  }

  const unread = (items ?? []).filter((i) => !i.read).length;
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('inbox.empty')}</p>}
      {unread > 0 && (
        <p class="actions">
          <button type="button" onClick={markAll} disabled={busy} data-testid="inbox-read-all">
            {t('inbox.mark_all')}
          </button>
        </p>
      )}
      {items && items.length > 0 && (
        <ul class="cards inbox-list" data-testid="inbox-items">
          {items.map((i) => {
            const text = noticeText(i);
            const href = noticeHref(i.link);
            const date = noticeDate(i.created_at);
            return (
              <li key={i.id} class={i.read ? 'read' : 'unread'} data-testid="notice">
                <h2 class="notice-title">
                  {!i.read && <span class="badge">{t('inbox.unread')}</span>}{' '}
                  {href ? (
                    <a
                      href={href}
                      onClick={(e) => {
                        void markRead(i.id);
                        onLinkClick(e);
                      }}
                    >
                      {text.title}
                    </a>
                  ) : (
                    text.title
                  )}
                </h2>
                {date && (
                  <p class="hint" data-testid="notice-date">
                    {date}
                  </p>
                )}
                {text.subject && (
                  <p class="notice-subject" translate={false} dir="auto">
                    {text.subject}
                  </p>
                )}
                {text.body && <p class="notice-body">{text.body}</p>}
                {!i.read && (
                  <button type="button" class="link-button" onClick={() => void markRead(i.id)}>
                    {t('inbox.mark_read')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
