// Notification inbox: every module sends through the notifications service; this lists them.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { formatDate, t } from '../i18n';
import { get, type Problem } from '../lib/api';

interface Item {
  id: string | number;
  kind?: string;
  title: string;
  body?: string;
  created_at?: string;
  read?: boolean;
}

// Notices sent as a message code with parameters (the body is their JSON); rendered here in the
// reader's language instead of showing the code.
const CODED: Record<string, string> = {
  'identity.join_requested': 'members:notice.join_requested',
  'identity.join_request_approved': 'members:notice.join_request_approved',
  'identity.join_request_rejected': 'members:notice.join_request_rejected',
  'identity.invitation_received': 'members:notice.invitation_received',
  'identity.invitation_accepted': 'members:notice.invitation_accepted',
  'identity.member_removed': 'members:notice.member_removed',
};

// Coded case notices whose parameters are the case id.
const CASE_CODED: Record<string, string> = {
  'case.publication_returned': 'cases:notice.publication_returned',
  'case.publication_rejected': 'cases:notice.publication_rejected',
};

/** Title and body to show: the translated notice for a coded message, else the stored text. */
export function noticeText(item: Item): { title: string; body?: string } {
  const caseKey = item.kind ? CASE_CODED[item.kind] : undefined;
  if (caseKey) {
    let id = '';
    try {
      const parsed: unknown = JSON.parse(item.body ?? '{}');
      if (parsed && typeof parsed === 'object') {
        const v = (parsed as Record<string, unknown>).case_id;
        if (typeof v === 'number' || typeof v === 'string') id = String(v);
      }
    } catch {
      id = '';
    }
    return { title: t(`${caseKey}.title`), body: t(`${caseKey}.body`, { id }) };
  }
  const key = item.kind ? CODED[item.kind] : undefined;
  if (!key) return { title: item.title, body: item.body };
  let params: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(item.body ?? '{}');
    if (parsed && typeof parsed === 'object') params = parsed as Record<string, unknown>;
  } catch {
    params = {};
  }
  const target = params.target === 'association' ? 'association' : 'park';
  return { title: t(`${key}.${target}`) };
}

export default function InboxPage() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void get<{ items: Item[] }>('/api/v1/notifications').then((r) => {
      if (r.ok) setItems(r.value.items ?? []);
      else setProblem(r.problem);
    });
  }, []);
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('inbox.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="cards">
          {items.map((i) => {
            const text = noticeText(i);
            return (
              <li key={i.id}>
                <h2 style="font-size:1.1rem;margin-top:0">
                  {i.read ? '' : <span class="visually-hidden">{t('inbox.unread')}: </span>}
                  {text.title}
                </h2>
                {i.created_at && <p class="hint">{formatDate(i.created_at)}</p>}
                {text.body && <p>{text.body}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
