// How a stored notice is shown: its date (the API gives Unix seconds), the page that opens its
// subject, and its title and body in the reader's language (coded notices are a message code
// with JSON parameters; rows stored before codes keep their stored text).
import i18next from 'i18next';
import { formatDate, t } from '../i18n';
import { findPage } from '../routes';

export interface Notice {
  id: string | number;
  kind?: string;
  title: string;
  body?: string;
  link?: string;
  /** Unix seconds, as every time in the API. */
  created_at?: number;
  read?: boolean;
}

/** The notice's date in the reader's language; '' when the time is missing or not a time. */
export function noticeDate(createdAt: unknown): string {
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || createdAt <= 0) return '';
  return formatDate(new Date(createdAt * 1000).toISOString());
}

// Links written before the web app had a page per subject, mapped to the page that shows it.
const LEGACY_LINKS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^\/public-cases\/(\d+)$/, (m) => `/cases?case=${m[1]}`],
  [/^\/bulletins\/(\d+)$/, (m) => `/bulletins#bulletin-${m[1]}`],
  [/^\/proposals\/(\d+)$/, (m) => `/standards?proposal=${m[1]}`],
  [/^\/standards\/\d+$/, () => '/standards'],
  [/^\/equipment\/(\d+)$/, (m) => `/equipment?item=${m[1]}`],
  [/^\/maintenance\/tasks(\/\d+)?$/, () => '/equipment/maintenance'],
  [/^\/case-applications\/\d+$/, () => '/case-access'],
];

/** The web app path that opens the notice's subject, or null when it has none. */
export function noticeHref(link: string | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  for (const [re, to] of LEGACY_LINKS) {
    const m = re.exec(link);
    if (m) return to(m);
  }
  const path = link.split(/[?#]/)[0];
  return findPage(path) ? link : null;
}

// Notices sent by the identity module: the body's "target" picks the text.
const MEMBER_NOTICES: Record<string, string> = {
  'identity.join_requested': 'members:notice.join_requested',
  'identity.join_request_approved': 'members:notice.join_request_approved',
  'identity.join_request_rejected': 'members:notice.join_request_rejected',
  'identity.invitation_received': 'members:notice.invitation_received',
  'identity.invitation_accepted': 'members:notice.invitation_accepted',
  'identity.member_removed': 'members:notice.member_removed',
};

// Coded case review notices whose parameter is the case id.
const CASE_NOTICES: Record<string, string> = {
  'case.publication_returned': 'cases:notice.publication_returned',
  'case.publication_rejected': 'cases:notice.publication_rejected',
};

// Coded notices rendered from ui.json's inbox.notice.<kind>.title/body.
const CODED = new Set([
  'cases.published',
  'cases.bulletin',
  'cases.application',
  'cases.application_granted',
  'cases.application_refused',
  'standards.expert_assigned',
  'standards.comment_disposed',
  'standards.released',
  'standards.version_affects_equipment',
  'equipment.alert',
  'equipment.maintenance_reminder',
  'equipment.maintenance_digest',
]);

function params(body: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // not JSON: a notice stored as text
  }
  return {};
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Enum parameters replaced by their label in the reader's language. */
function labelled(kind: string, p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  if (kind === 'cases.bulletin') out.severity = t(`cases:bulletin.severity_${str(p.severity)}`);
  if (kind === 'equipment.alert') {
    out.severity = t(`equipment:eq.severity_${str(p.severity)}`);
    out.type = t(`equipment:eq.reading_${str(p.type)}`);
  }
  if (kind === 'standards.comment_disposed')
    out.disposition = t(`standards:disposition.${str(p.disposition)}`);
  if (kind === 'equipment.maintenance_reminder') {
    out.date = typeof p.due_on === 'string' ? formatDate(p.due_on) : '';
    // A rule task is named by its kind in the reader's language; a typed title travels as text.
    const taskKind = str(p.task_kind);
    if (!str(p.task_title) && taskKind && i18next.exists(`equipment:mt.kind_${taskKind}`))
      out.task_title = t(`equipment:mt.kind_${taskKind}`);
  }
  if (kind === 'equipment.maintenance_digest' && typeof p.date === 'string')
    out.date = formatDate(p.date);
  return out;
}

// User content a coded notice names (item names, task titles, standard codes), shown as entered.
const SUBJECT: Record<string, string[]> = {
  'equipment.alert': ['item_name'],
  'equipment.maintenance_reminder': ['task_title', 'item_name'],
  'standards.released': ['document_code', 'version'],
  'standards.version_affects_equipment': ['document_code', 'version', 'items'],
};

/** Title and body to show: the translated notice for a coded message, else the stored text.
 *  `subject` is user content the notice names, to be shown untranslated. */
export function noticeText(item: Notice): { title: string; body?: string; subject?: string } {
  const kind = item.kind ?? '';
  const caseKey = CASE_NOTICES[kind];
  if (caseKey) {
    const id = str(params(item.body).case_id);
    return { title: t(`${caseKey}.title`), body: t(`${caseKey}.body`, { id }) };
  }
  const memberKey = MEMBER_NOTICES[kind];
  if (memberKey) {
    const target = params(item.body).target === 'association' ? 'association' : 'park';
    return { title: t(`${memberKey}.${target}`) };
  }
  // Coded: the title is the code itself. Older rows of the same kind keep their stored text.
  if (CODED.has(kind) && item.title === kind) {
    const p = labelled(kind, params(item.body));
    let variant = '';
    if (kind === 'equipment.maintenance_reminder') {
      const days = Number(p.days) || 0;
      variant = days > 0 ? '_soon' : days === 0 ? '_today' : '_overdue';
    }
    const key = `inbox.notice.${kind}`;
    const subject = (SUBJECT[kind] ?? [])
      .map((k) => str(p[k]))
      .filter(Boolean)
      .join(' — ');
    return {
      title: t(`${key}.title${variant}`, p),
      body: t(`${key}.body`, p),
      ...(subject ? { subject } : {}),
    };
  }
  return { title: item.title, body: item.body };
}
