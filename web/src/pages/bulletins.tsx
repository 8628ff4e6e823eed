// Warning bulletins drawn from public failure cases: the published ones for everyone (with the Atom
// feed), and for reviewers (platform operators and experts) the drafts, composing one from cases,
// publishing (owners of matching equipment get an inbox message), withdrawing and the reach.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SubmitRow } from '../components/submit_row';
import { SelectField } from '../components/select_field';
import { currentLanguage, formatDate, formatNumber, t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { onLinkClick, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { reviewer } from '../routes';
import { parseIds, secondsToIso } from './proposals_model';

interface BulletinText {
  language: string;
  title: string;
  summary: string;
}

export interface Bulletin {
  id: number;
  state: 'draft' | 'published' | 'withdrawn';
  severity: 'advisory' | 'warning' | 'alert';
  texts: BulletinText[];
  case_ids: number[];
  published_at?: number | null;
  withdrawn_at?: number | null;
  origin?: string;
}

interface Deliveries {
  organizations: number;
  items_matched: number;
}

const SEVERITIES = ['advisory', 'warning', 'alert'] as const;

/** The text in the reader's language, else English, else the first one. */
export function pickText(texts: BulletinText[], lang: string): BulletinText | undefined {
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  return (
    texts.find((x) => base(x.language) === lang) ??
    texts.find((x) => base(x.language) === 'en') ??
    texts[0]
  );
}

/** The POST /api/v1/bulletins body; texts only when a title was typed (else generated). */
export function draftBody(
  caseIds: string,
  severity: string,
  title: string,
  summary: string,
  lang: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { case_ids: parseIds(caseIds), severity };
  if (title.trim()) body.texts = [{ language: lang, title: title.trim(), summary: summary.trim() }];
  return body;
}

const when = (s: number | null | undefined) => (s ? formatDate(secondsToIso(s)) : '');

/** The case numbers a link asks the draft to cite (`?cases=12,14`), as typed in the field. */
export function casesFromSearch(search: string): string {
  const raw = new URLSearchParams(search).get('cases') ?? '';
  return parseIds(raw)
    .filter((n) => Number.isInteger(n) && n > 0)
    .join(', ');
}

function BulletinCard({
  b,
  review,
  onChanged,
}: {
  b: Bulletin;
  review: boolean;
  onChanged: () => void;
}) {
  const text = pickText(b.texts, currentLanguage());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [reach, setReach] = useState<Deliveries | null>(null);
  const headingId = `bulletin-${b.id}-h`;

  async function act(action: 'publish' | 'withdraw') {
    setBusy(true);
    setProblem(null);
    const r = await post<Bulletin>(`/api/v1/bulletins/${b.id}/${action}`, {});
    setBusy(false);
    if (r.ok) onChanged();
    else setProblem(r.problem);
  }
  useEffect(() => {
    if (!review || b.state !== 'published') return;
    void get<Deliveries>(`/api/v1/bulletins/${b.id}/deliveries`).then((r) => {
      if (r.ok) setReach(r.value);
    });
  }, [b.id, b.state, review]);

  // The title and summary are the bulletin's own text, shown in the language it was written in
  // (as a case's narrative is), not interface text.
  return (
    <li
      class="result-card"
      id={`bulletin-${b.id}`}
      tabIndex={-1}
      data-testid="bulletin"
      data-state={b.state}
    >
      <h3 id={headingId}>
        <span class={`badge severity-${b.severity}`}>
          {t(`cases:bulletin.severity_${b.severity}`)}
        </span>{' '}
        <span dir="auto" lang={text?.language} translate={false}>
          {text?.title}
        </span>
      </h3>
      <p class="hint">
        {[
          review ? t(`cases:bulletin.state_one_${b.state}`) : '',
          b.published_at ? t('cases:bulletin.published_on', { date: when(b.published_at) }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p dir="auto" lang={text?.language} translate={false} class="prewrap">
        {text?.summary}
      </p>
      <p>
        {t('cases:bulletin.cases_label')}
        {b.case_ids.map((id, i) => (
          <span key={id}>
            {i > 0 && t('labels:misc.list_sep')}
            <a
              href={`/cases?case=${id}`}
              onClick={onLinkClick}
              aria-label={t('cases:bulletin.case_n', { n: String(id) })}
            >
              <bdi>{id}</bdi>
            </a>
          </span>
        ))}
      </p>
      {reach && (
        <p data-testid="bulletin-reach">
          {t('cases:bulletin.reach', {
            orgs: formatNumber(reach.organizations, 0),
            items: formatNumber(reach.items_matched, 0),
          })}
        </p>
      )}
      <ProblemBox problem={problem} />
      {review && b.state !== 'withdrawn' && (
        <div class="actions">
          {b.state === 'draft' && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              aria-describedby={headingId}
              onClick={() => void act('publish')}
            >
              {t('cases:bulletin.publish')}
            </button>
          )}
          {b.state === 'published' && (
            <button
              type="button"
              disabled={busy}
              aria-describedby={headingId}
              onClick={() => void act('withdraw')}
            >
              {t('cases:bulletin.withdraw')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function Compose({ onCreated }: { onCreated: (b: Bulletin) => void }) {
  const { search } = useLocation();
  const [caseIds, setCaseIds] = useState(() => casesFromSearch(search));
  const [severity, setSeverity] = useState<string>('warning');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<Bulletin>(
      '/api/v1/bulletins',
      draftBody(caseIds, severity, title, summary, currentLanguage()),
    );
    setBusy(false);
    if (r.ok) {
      setCaseIds('');
      setTitle('');
      setSummary('');
      onCreated(r.value);
    } else setProblem(r.problem);
  }
  return (
    <section aria-labelledby="b-compose-h">
      <h2 id="b-compose-h">{t('cases:bulletin.compose')}</h2>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          <Field
            id="b-cases"
            label={t('cases:bulletin.case_ids')}
            hint={t('cases:bulletin.case_ids_hint')}
            error={errors.case_ids}
          >
            <input
              id="b-cases"
              type="text"
              inputMode="numeric"
              dir="ltr"
              value={caseIds}
              onInput={(e) => setCaseIds(e.currentTarget.value)}
              {...describedBy('b-cases', errors.case_ids, 'hint')}
            />
          </Field>
          <SelectField
            id="b-severity"
            label={t('cases:bulletin.severity')}
            value={severity}
            onChange={setSeverity}
            options={SEVERITIES.map((x) => [x, t(`cases:bulletin.severity_${x}`)] as const)}
          />
        </div>
        <Field id="b-title" label={t('cases:bulletin.title_optional')}>
          <input
            id="b-title"
            type="text"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <Field id="b-summary" label={t('cases:bulletin.summary')}>
          <textarea
            id="b-summary"
            rows={3}
            value={summary}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
        </Field>
        <SubmitRow busy={busy} label={t('cases:bulletin.draft')} />
      </form>
      <ProblemBox problem={problem} />
    </section>
  );
}

export default function BulletinsPage() {
  const { me } = useSession();
  const review = reviewer(me);
  const [state, setState] = useState<string>('published');
  const [items, setItems] = useState<Bulletin[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The draft just saved: announced, then scrolled to and focused once the list shows it.
  const [saved, setSaved] = useState<number | null>(null);

  const load = useCallback(async () => {
    const q = review ? `?state=${state}` : '';
    const r = await get<{ items: Bulletin[] }>(`/api/v1/bulletins${q}`);
    if (r.ok) setItems(r.value.items);
    else setProblem(r.problem);
  }, [state, review]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (saved === null) return;
    const card = document.getElementById(`bulletin-${saved}`);
    if (!card) return;
    card.scrollIntoView({ block: 'start' });
    card.focus();
  }, [saved, items]);

  const lang = currentLanguage();
  return (
    <>
      <h1>{t('cases:bulletin.page_title')}</h1>
      <p>{t('cases:bulletin.intro')}</p>
      <p>
        <a href={`/api/v1/bulletins/feed.atom?lang=${lang}`} type="application/atom+xml">
          {t('cases:bulletin.feed')}
        </a>
      </p>
      {review && (
        <SelectField
          id="b-state"
          label={t('cases:bulletin.show')}
          value={state}
          onChange={setState}
          options={(['published', 'draft', 'withdrawn'] as const).map(
            (x) => [x, t(`cases:bulletin.state_${x}`)] as const,
          )}
        />
      )}
      <section aria-labelledby="b-list-h">
        <h2 id="b-list-h">{t('cases:bulletin.list')}</h2>
        {saved !== null && (
          <p role="status" data-testid="bulletin-saved">
            {t('cases:bulletin.draft_saved')}
          </p>
        )}
        <ProblemBox problem={problem} />
        {items && items.length === 0 && (
          <p data-testid="bulletins-empty">{t('cases:bulletin.none')}</p>
        )}
        {items && items.length > 0 && (
          <ul class="plain-list" data-testid="bulletins">
            {items.map((b) => (
              <BulletinCard key={b.id} b={b} review={review} onChanged={() => void load()} />
            ))}
          </ul>
        )}
      </section>
      {review && (
        <Compose
          onCreated={(b) => {
            setSaved(b.id);
            if (state === 'draft') void load();
            else setState('draft');
          }}
        />
      )}
    </>
  );
}
