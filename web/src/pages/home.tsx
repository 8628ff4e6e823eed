// Home: for a visitor, what Rutile offers each kind of user today (only what is shipped); for a
// signed-in user, "my work": unread messages, due and overdue maintenance, open alerts and
// reviews waiting, built from the modules' own APIs.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n';
import { get, post } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { isEnterpriseKind, useSession, type Me } from '../lib/session';
import { setUnreadCount, unreadCount, useUnreadCount } from '../lib/unread';
import { hasPlatformRole, memberOfKind, reviewer } from '../routes';
import { TaskTitle, type Task } from './equipment_maintenance';
import { noticeHref, noticeText, type Notice } from './inbox_model';

// Audiences whose features are shipped; a card appears here when its feature does.
export const AUDIENCES = ['visitor', 'enterprise', 'park', 'association', 'expert', 'regulator'];

/** One figure of "my work": a count, what it counts and the page that shows the items. */
export interface WorkItem {
  key: string;
  count: number;
  href: string;
  urgent?: boolean;
}

interface DashboardFigures {
  open_alerts?: { warning?: number; critical?: number };
  maintenance?: { open_tasks: number | null; overdue_tasks: number | null } | null;
}

/** The work figures of an enterprise organization's dashboard (null figures are left out). */
export function enterpriseWork(d: DashboardFigures): WorkItem[] {
  const out: WorkItem[] = [];
  const overdue = d.maintenance?.overdue_tasks;
  const open = d.maintenance?.open_tasks;
  if (typeof overdue === 'number')
    out.push({
      key: 'overdue',
      count: overdue,
      href: '/equipment/maintenance',
      urgent: overdue > 0,
    });
  if (typeof open === 'number' && typeof overdue === 'number')
    out.push({ key: 'due', count: Math.max(0, open - overdue), href: '/equipment/maintenance' });
  const critical = d.open_alerts?.critical ?? 0;
  const warning = d.open_alerts?.warning ?? 0;
  out.push({
    key: 'alerts_critical',
    count: critical,
    href: '/equipment/dashboard',
    urgent: critical > 0,
  });
  out.push({ key: 'alerts_warning', count: warning, href: '/equipment/dashboard' });
  return out;
}

function useWork(me: Me): WorkItem[] {
  const [items, setItems] = useState<WorkItem[]>([]);
  useEffect(() => {
    let live = true;
    const jobs: Array<Promise<WorkItem[]>> = [];
    const org = me.organizations.find((o) => isEnterpriseKind(o.kind));
    if (org)
      jobs.push(
        get<DashboardFigures>(
          `/api/v1/dashboard?org_id=${encodeURIComponent(String(org.id))}`,
        ).then((r) => (r.ok ? enterpriseWork(r.value) : [])),
      );
    if (reviewer(me))
      jobs.push(
        get<{ items: unknown[] }>('/api/v1/case-publications').then((r) =>
          r.ok ? [{ key: 'reviews', count: r.value.items.length, href: '/case-review' }] : [],
        ),
      );
    void Promise.all(jobs).then((parts) => live && setItems(parts.flat()));
    return () => {
      live = false;
    };
  }, [me]);
  return items;
}

function WorkCard({ item }: { item: WorkItem }) {
  return (
    <li class={item.urgent ? 'work-card urgent' : 'work-card'} data-testid={`work-${item.key}`}>
      <a href={item.href} onClick={onLinkClick}>
        <span class="work-count">{item.count}</span> <span>{t(`home.work.${item.key}`)}</span>
      </a>
    </li>
  );
}

/** How many messages and tasks "my work" lists by name; the rest are a link away. */
export const LISTED = 3;

/** The newest unread notices, at most `n`, newest first. */
export function latestUnread(items: Notice[], n = LISTED): Notice[] {
  return items
    .filter((i) => !i.read)
    .sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0))
    .slice(0, n);
}

/** The newest unread messages, each linking to its subject (opening one marks it read). */
function UnreadMessages() {
  const [items, setItems] = useState<Notice[] | null>(null);
  useEffect(() => {
    let live = true;
    void get<{ items: Notice[] }>('/api/v1/notifications').then((r) => {
      if (live && r.ok) setItems(latestUnread(r.value.items ?? []));
    });
    return () => {
      live = false;
    };
  }, []);
  if (!items || items.length === 0) return null;
  function open(id: Notice['id']) {
    void post<void>(`/api/v1/notifications/${encodeURIComponent(String(id))}/read`, {}).then(
      (r) => {
        if (r.ok) setUnreadCount(Math.max(0, unreadCount() - 1));
      },
    );
  }
  return (
    <section aria-labelledby="home-messages-h">
      <h2 id="home-messages-h">{t('home.messages_title')}</h2>
      <ul class="clause-list" data-testid="home-messages">
        {items.map((i) => {
          const text = noticeText(i);
          const href = noticeHref(i.link);
          return (
            <li key={i.id}>
              {href ? (
                <a
                  href={href}
                  onClick={(e) => {
                    open(i.id);
                    onLinkClick(e);
                  }}
                >
                  {text.title}
                </a>
              ) : (
                text.title
              )}
              {text.subject && (
                <>
                  {' — '}
                  <bdi translate={false}>{text.subject}</bdi>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        <a href="/inbox" onClick={onLinkClick}>
          {t('home.all_messages')}
        </a>
      </p>
    </section>
  );
}

/** The next open maintenance tasks of the organization (overdue first), each with its item. */
function NextTasks({ orgId }: { orgId: number | string }) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  useEffect(() => {
    let live = true;
    void get<{ items: Task[] }>(
      `/api/v1/maintenance/tasks?org_id=${encodeURIComponent(String(orgId))}&limit=${LISTED}`,
    ).then((r) => {
      if (live && r.ok) setTasks(r.value.items ?? []);
    });
    return () => {
      live = false;
    };
  }, [orgId]);
  if (!tasks || tasks.length === 0) return null;
  return (
    <section aria-labelledby="home-tasks-h">
      <h2 id="home-tasks-h">{t('home.tasks_title')}</h2>
      <ul class="clause-list" data-testid="home-tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <TaskTitle task={task} /> —{' '}
            <a href={`/equipment?item=${task.item_id}`} onClick={onLinkClick}>
              <bdi translate={false}>{task.item_name}</bdi>
            </a>
            <br />
            <span class={`badge ${task.status === 'overdue' ? 'grade-4' : 'grade-1'}`}>
              {t(`home.task_${task.status === 'overdue' ? 'overdue' : 'due'}`)}
            </span>{' '}
            {t('home.task_due_on', { date: formatDate(task.due_on) })}
          </li>
        ))}
      </ul>
      <p>
        <a href="/equipment/maintenance" onClick={onLinkClick}>
          {t('home.all_tasks')}
        </a>
      </p>
    </section>
  );
}

function MyWork({ me }: { me: Me }) {
  const unread = useUnreadCount();
  const work = useWork(me);
  const enterprise = me.organizations.find((o) => isEnterpriseKind(o.kind));
  const shortcuts: Array<[string, string]> = [['/query', 'nav.query']];
  if (me.organizations.some((o) => isEnterpriseKind(o.kind)))
    shortcuts.push(['/equipment', 'nav.equipment'], ['/self-inspection', 'nav.self_inspection']);
  if (memberOfKind('industrial_park')(me))
    shortcuts.push(['/equipment/park', 'nav.equipment_park']);
  if (hasPlatformRole('regulator_analyst')(me))
    shortcuts.push(['/equipment/regional', 'nav.equipment_regional']);
  if (reviewer(me))
    shortcuts.push(['/case-review', 'nav.case_review'], ['/bulletins', 'nav.bulletins']);
  shortcuts.push(['/cases', 'nav.cases'], ['/org', 'nav.org']);
  return (
    <>
      <h1>{t('home.work_title')}</h1>
      <ul class="work-cards" data-testid="my-work">
        <WorkCard item={{ key: 'unread', count: unread, href: '/inbox', urgent: unread > 0 }} />
        {work.map((w) => (
          <WorkCard key={w.key} item={w} />
        ))}
      </ul>
      <UnreadMessages />
      {enterprise && <NextTasks orgId={enterprise.id} />}
      <h2>{t('home.shortcuts')}</h2>
      <ul class="shortcut-list">
        {shortcuts.map(([href, key]) => (
          <li key={href}>
            <a href={href} onClick={onLinkClick}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function VisitorHome() {
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p class="actions">
        <a class="button primary" href="/query" onClick={onLinkClick}>
          {t('home.cta_query')}
        </a>
        <a class="button" href="/register" onClick={onLinkClick}>
          {t('home.cta_register')}
        </a>
      </p>
      <h2>{t('home.audiences')}</h2>
      <ul class="cards">
        {AUDIENCES.map((a) => (
          <li key={a}>
            <h3>{t(`home.audience.${a}.title`)}</h3>
            <p>{t(`home.audience.${a}.text`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.offline_title')}</h2>
      <p>{t('home.offline_text')}</p>
    </>
  );
}

export default function HomePage() {
  const { me } = useSession();
  return me ? <MyWork me={me} /> : <VisitorHome />;
}
