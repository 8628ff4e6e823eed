// Notification inbox: every module sends through the notifications service; this lists them.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { formatDate, t } from '../i18n';
import { get, type Problem } from '../lib/api';

interface Item {
  id: string | number;
  title: string;
  body?: string;
  created_at?: string;
  read?: boolean;
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
          {items.map((i) => (
            <li key={i.id}>
              <h2 style="font-size:1.1rem;margin-top:0">
                {i.read ? '' : <span class="visually-hidden">{t('inbox.unread')}: </span>}
                {i.title}
              </h2>
              {i.created_at && <p class="hint">{formatDate(i.created_at)}</p>}
              {i.body && <p>{i.body}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
