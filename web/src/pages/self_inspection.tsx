// Compliance self-inspection of an organization: start one from a match profile (the clauses that
// bind the heater become a checklist), answer yes / no / not applicable with notes, see the
// compliance rates and the gaps, complete it, download the PDF report, and look back at earlier ones.
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SubmitRow } from '../components/submit_row';
import { SelectField } from '../components/select_field';
import { currentLanguage, formatDate, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fieldErrors, get, post, request, type Problem } from '../lib/api';
import { navigate, onLinkClick, useLocation } from '../lib/router';
import { useSession, type Me } from '../lib/session';
import { EMPTY_PROFILE, ProfileFields, matchBody, type MatchForm } from './clauses';
import { itemsOf, profileFromItem, type ProfileItem } from './profile_from_item';
import { secondsToIso } from './proposals_model';

export type Answer = 'yes' | 'no' | 'not_applicable';

export interface Rates {
  mandatory_items: number;
  mandatory_yes: number;
  mandatory_no: number;
  mandatory_not_applicable: number;
  mandatory_unanswered: number;
  items: number;
  yes: number;
  no: number;
  not_applicable: number;
  unanswered: number;
  mandatory_rate: number | null;
  overall_rate: number | null;
}

interface Summary {
  id: number;
  org_id: number;
  title: string;
  grade: number;
  lang: string;
  state: 'open' | 'completed';
  created_at: number;
  completed_at: number | null;
  rates: Rates;
}

interface Item {
  clause_id: string;
  number: string;
  kind: 'mandatory' | 'recommended';
  title: string;
  question: string;
  remediation: string;
  answer: Answer | null;
  note: string;
}

interface Inspection extends Summary {
  items: Item[];
  gaps: Array<{
    clause_id: string;
    number: string;
    kind: string;
    title: string;
    note: string;
    remediation: string;
  }>;
}

interface Draft {
  answer: Answer | null;
  note: string;
}

/** The answers that differ from what the server holds (what a save sends). */
export function changedAnswers(
  items: Array<Pick<Item, 'clause_id' | 'answer' | 'note'>>,
  drafts: Record<string, Draft>,
): Array<{ clause_id: string; answer: Answer; note?: string }> {
  const out: Array<{ clause_id: string; answer: Answer; note?: string }> = [];
  for (const item of items) {
    const d = drafts[item.clause_id];
    if (!d?.answer) continue;
    if (d.answer === item.answer && d.note === (item.note ?? '')) continue;
    out.push(
      d.note.trim()
        ? { clause_id: item.clause_id, answer: d.answer, note: d.note.trim() }
        : { clause_id: item.clause_id, answer: d.answer },
    );
  }
  return out;
}

/** A rate in [0, 1] as a percentage, or a dash when nothing counts. */
export function percent(rate: number | null | undefined): string {
  return typeof rate === 'number' ? `${formatNumber(rate * 100, 0)} %` : '—';
}

const when = (s: number | null | undefined) => (s ? formatDate(secondsToIso(s)) : '');

function RatesView({ r }: { r: Rates }) {
  return (
    <dl class="rates" data-testid="rates">
      <dt>{t('standards:si.mandatory_rate')}</dt>
      <dd data-testid="mandatory-rate">{percent(r.mandatory_rate)}</dd>
      <dt>{t('standards:si.overall_rate')}</dt>
      <dd>{percent(r.overall_rate)}</dd>
      <dt>{t('standards:si.counts')}</dt>
      <dd>
        {t('standards:si.counts_text', {
          yes: formatNumber(r.yes, 0),
          no: formatNumber(r.no, 0),
          na: formatNumber(r.not_applicable, 0),
          open: formatNumber(r.unanswered, 0),
        })}
      </dd>
    </dl>
  );
}

function Detail({ id }: { id: string }) {
  const [si, setSi] = useState<Inspection | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  function take(value: Inspection) {
    setSi(value);
    setDrafts(
      Object.fromEntries(
        value.items.map((i) => [i.clause_id, { answer: i.answer, note: i.note ?? '' }]),
      ),
    );
  }
  useEffect(() => {
    void get<Inspection>(`/api/v1/self-inspections/${encodeURIComponent(id)}`).then((r) => {
      if (r.ok) take(r.value);
      else setProblem(r.problem);
    });
  }, [id]);

  if (!si)
    return (
      <>
        <ProblemBox problem={problem} />
        {!problem && <p>{t('common.loading')}</p>}
      </>
    );

  const open = si.state === 'open';
  const changes = changedAnswers(si.items, drafts);

  async function save(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(false);
    const r = await request<Inspection>('PUT', `/api/v1/self-inspections/${si!.id}/answers`, {
      answers: changes,
    });
    setBusy(false);
    if (r.ok) {
      take(r.value);
      setSaved(true);
    } else setProblem(r.problem);
  }
  async function complete() {
    setBusy(true);
    setProblem(null);
    const r = await post<Inspection>(`/api/v1/self-inspections/${si!.id}/complete`, {});
    setBusy(false);
    if (r.ok) take(r.value);
    else setProblem(r.problem);
  }

  const lang = currentLanguage() === 'zh' ? 'zh' : 'en';
  return (
    <article aria-labelledby="si-detail-h" data-testid="si-detail">
      <p>
        <a href="/self-inspection" onClick={onLinkClick}>
          {t('standards:si.back')}
        </a>
      </p>
      <h2 id="si-detail-h">
        <span dir="auto" translate={false}>
          {si.title}
        </span>{' '}
        <span class="badge" data-testid="si-state">
          {t(`standards:si.state_${si.state}`)}
        </span>
      </h2>
      <p>
        {t('std.grade_n', { n: String(si.grade) })} · <DateText seconds={si.created_at} />
        {si.completed_at
          ? ` · ${t('standards:si.completed_on', { date: when(si.completed_at) })}`
          : ''}
      </p>
      <RatesView r={si.rates} />
      <p>
        <a
          href={`/api/v1/self-inspections/${si.id}/report.pdf?lang=${lang}`}
          download
          data-testid="si-pdf"
        >
          {t('standards:si.pdf')}
        </a>
      </p>
      <ProblemBox problem={problem} />
      {si.gaps.length > 0 && (
        <section aria-labelledby="si-gaps-h">
          <h3 id="si-gaps-h">{t('standards:si.gaps')}</h3>
          <ul data-testid="si-gaps">
            {si.gaps.map((g) => (
              <li key={g.clause_id}>
                <strong>
                  <span dir="ltr">{g.number}</span> <span dir="auto">{g.title}</span>
                </strong>{' '}
                <span class="badge">{t(`std.kind_${g.kind}`)}</span>
                {g.remediation && (
                  <p dir="auto">
                    {t('standards:si.remediation')}: {g.remediation}
                  </p>
                )}
                {g.note && (
                  <p dir="auto" translate={false}>
                    {g.note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form noValidate onSubmit={save} aria-busy={busy}>
        <h3>{t('standards:si.checklist')}</h3>
        <ol class="plain-list" data-testid="si-items">
          {si.items.map((item) => {
            const d = drafts[item.clause_id] ?? { answer: null, note: '' };
            const setD = (next: Partial<Draft>) =>
              setDrafts((all) => ({ ...all, [item.clause_id]: { ...d, ...next } }));
            const name = `si-a-${item.clause_id}`;
            return (
              <li key={item.clause_id} class="result-card">
                <fieldset disabled={!open}>
                  <legend>
                    <span dir="ltr">{item.number}</span> <span dir="auto">{item.title}</span>{' '}
                    <span class="badge">{t(`std.kind_${item.kind}`)}</span>
                  </legend>
                  <p dir="auto">{item.question}</p>
                  {(['yes', 'no', 'not_applicable'] as const).map((a) => (
                    <label key={a} class="inline">
                      <input
                        type="radio"
                        name={name}
                        value={a}
                        checked={d.answer === a}
                        onChange={() => setD({ answer: a })}
                      />{' '}
                      {t(`standards:si.answer_${a}`)}
                    </label>
                  ))}
                  <Field id={`${name}-note`} label={t('standards:si.note')}>
                    <input
                      id={`${name}-note`}
                      type="text"
                      value={d.note}
                      onInput={(e) => setD({ note: e.currentTarget.value })}
                    />
                  </Field>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {open && (
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || changes.length === 0}>
              {t('standards:si.save', { count: changes.length })}
            </button>
            <button type="button" onClick={complete} disabled={busy}>
              {t('standards:si.complete')}
            </button>
          </div>
        )}
        {saved && <p role="status">{t('standards:si.saved')}</p>}
      </form>
    </article>
  );
}

function History({ orgId }: { orgId: string }) {
  const [items, setItems] = useState<Summary[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!orgId) return;
    void get<{ items: Summary[] }>(
      `/api/v1/self-inspections?org_id=${encodeURIComponent(orgId)}`,
    ).then((r) => {
      if (r.ok) setItems(r.value.items);
      else setProblem(r.problem);
    });
  }, [orgId]);
  return (
    <section aria-labelledby="si-history-h">
      <h2 id="si-history-h">{t('standards:si.history')}</h2>
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('standards:si.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="si-history">
            <thead>
              <tr>
                <th scope="col">{t('standards:si.title')}</th>
                <th scope="col">{t('std.grade')}</th>
                <th scope="col">{t('standards:si.state')}</th>
                <th scope="col">{t('standards:si.mandatory_rate')}</th>
                <th scope="col">{t('standards:si.started')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a
                      href={`/self-inspection?id=${s.id}`}
                      onClick={onLinkClick}
                      dir="auto"
                      translate={false}
                    >
                      {s.title}
                    </a>
                  </td>
                  <td>{formatNumber(s.grade, 0)}</td>
                  <td>{t(`standards:si.state_${s.state}`)}</td>
                  <td>{percent(s.rates.mandatory_rate)}</td>
                  <td>
                    <DateText seconds={s.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Start({ orgId }: { orgId: string }) {
  const [title, setTitle] = useState('');
  const [form, setForm] = useState<MatchForm>(EMPTY_PROFILE);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // Field paths of the profile come back as profile.<name>; the inputs want the bare name.
  const profileErrors = Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k.replace(/^profile\./, ''), v]),
  );
  const set = <K extends keyof MatchForm>(k: K, v: MatchForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  // The organization's registered heaters, to fill the profile from one of them.
  const [allItems, setAllItems] = useState<ProfileItem[]>([]);
  const [itemId, setItemId] = useState('');
  useEffect(() => {
    void get<{ items: ProfileItem[] }>('/api/v1/equipment').then((r) => {
      if (r.ok) setAllItems(r.value.items);
    });
  }, []);
  const items = itemsOf(allItems, Number(orgId), currentLanguage());
  function fromItem(id: string) {
    setItemId(id);
    const item = items.find((i) => String(i.id) === id);
    if (!item) return;
    setForm((f) => profileFromItem(item, f));
    if (!title.trim()) setTitle(t('standards:si.title_for_item', { name: item.name }));
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<Inspection>('/api/v1/self-inspections', {
      org_id: Number(orgId),
      title: title.trim(),
      profile: matchBody(form, currentLanguage()),
    });
    setBusy(false);
    if (r.ok) navigate(`/self-inspection?id=${r.value.id}`);
    else setProblem(r.problem);
  }
  return (
    <section aria-labelledby="si-new-h">
      <h2 id="si-new-h">{t('standards:si.new')}</h2>
      <p>{t('standards:si.new_intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <Field id="si-title" label={t('standards:si.title')} error={errors.title}>
          <input
            id="si-title"
            type="text"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...describedBy('si-title', errors.title)}
          />
        </Field>
        {items.length > 0 && (
          <SelectField
            id="si-item"
            label={t('standards:si.from_item')}
            hint={t('standards:si.from_item_hint')}
            value={itemId}
            onChange={fromItem}
            optionsAreNames
            options={[
              ['', t('standards:si.from_item_none')],
              ...items.map((i) => [String(i.id), i.name] as const),
            ]}
          />
        )}
        <ProfileFields form={form} set={set} errors={profileErrors} />
        <SubmitRow busy={busy} label={t('standards:si.start')} />
      </form>
      <ProblemBox problem={problem} />
    </section>
  );
}

function Overview({ me }: { me: Me | null }) {
  const orgs = me?.organizations ?? [];
  const first = orgs[0];
  const [orgId, setOrgId] = useState(first ? String(first.id) : '');
  useEffect(() => {
    if (!orgId && first) setOrgId(String(first.id));
  }, [orgId, first]);
  if (orgs.length === 0) return <p>{t('standards:si.no_org')}</p>;
  return (
    <>
      {orgs.length > 1 && (
        <SelectField
          id="si-org"
          label={t('standards:p.org')}
          value={orgId}
          onChange={setOrgId}
          options={orgs.map((o) => [String(o.id), o.name] as const)}
        />
      )}
      <History orgId={orgId} />
      <Start orgId={orgId} />
    </>
  );
}

export default function SelfInspectionPage() {
  const { search } = useLocation();
  const { me } = useSession();
  const id = new URLSearchParams(search).get('id');
  return (
    <>
      <h1>{t('standards:si.page_title')}</h1>
      {id ? <Detail id={id} /> : <Overview me={me} />}
    </>
  );
}
