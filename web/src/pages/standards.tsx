// Revisions of the standards: the proposals list, a new proposal (rationale and the clauses it
// amends, adds or removes), and one proposal through its lifecycle — expert review with the vote
// tally against the passing rule, public consultation with comments on clauses and their
// dispositions, release (with its ledger record) and the clause-level diff it produced.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SubmitRow } from '../components/submit_row';
import { SelectField } from '../components/select_field';
import { DocumentCodeField } from './document_code_field';
import { LANGUAGES, LANGUAGE_NAMES, currentLanguage, formatDate, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fetchDocument, fieldErrors, get, post, type Problem } from '../lib/api';
import { navigate, onLinkClick, useLocation } from '../lib/router';
import { isOrgAdmin, useSession, type Me } from '../lib/session';
import { ClauseTitle, INDUSTRIES, localText, type Clause } from './clauses';
import {
  EMPTY_CHANGE,
  changeOf,
  formFromClause,
  parseIds,
  passingThresholds,
  secondsToIso,
  tallyPasses,
  type ChangeForm,
  type ClauseDiff,
  type Disposition,
  type Proposal,
  type StandardDocument,
} from './proposals_model';

const when = (seconds: number | null | undefined) =>
  seconds ? formatDate(secondsToIso(seconds)) : '';

function StateBadge({ state }: { state: string }) {
  return (
    <span class={`badge state-${state}`} data-testid="proposal-state">
      {t(`standards:state.${state}`)}
    </span>
  );
}

function ProposalList() {
  const [items, setItems] = useState<Proposal[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void get<{ items: Proposal[] }>('/api/v1/proposals').then((r) => {
      if (r.ok) setItems(r.value.items);
      else setProblem(r.problem);
    });
  }, []);
  return (
    <section aria-labelledby="p-list-h">
      <h2 id="p-list-h">{t('standards:p.list')}</h2>
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('standards:p.none')}</p>}
      {items && items.length > 0 && (
        <ul class="clause-list" data-testid="proposal-list">
          {items.map((p) => (
            <li key={p.id}>
              <a href={`/standards?proposal=${p.id}`} onClick={onLinkClick}>
                <span dir="ltr">
                  {p.document_code} {p.base_version}
                </span>{' '}
                —{' '}
                <span dir="auto" translate={false}>
                  {p.title}
                </span>
              </a>{' '}
              <StateBadge state={p.state} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangeEditor({
  index,
  value,
  onChange,
  onRemove,
}: {
  index: number;
  value: ChangeForm;
  onChange: (c: ChangeForm) => void;
  onRemove: () => void;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = (name: string) => `pc-${index}-${name}`;
  const set = <K extends keyof ChangeForm>(k: K, v: ChangeForm[K]) =>
    onChange({ ...value, [k]: v });

  async function loadCurrent() {
    setProblem(null);
    const r = await get<Clause>(`/api/v1/clauses/${encodeURIComponent(value.clause_id.trim())}`);
    if (r.ok) onChange(formFromClause(r.value));
    else setProblem(r.problem);
  }

  return (
    <fieldset class="change" data-testid="change">
      <legend>{t('standards:p.change_n', { n: String(index + 1) })}</legend>
      <div class="grid-2">
        <Field id={id('action')} label={t('standards:p.action')}>
          <select
            id={id('action')}
            value={value.action}
            onChange={(e) => set('action', e.currentTarget.value as ChangeForm['action'])}
          >
            {(['amend', 'add', 'remove'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`standards:action.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={id('clause')}
          label={t('standards:p.clause_id')}
          hint={t('standards:p.clause_hint')}
        >
          <input
            id={id('clause')}
            type="text"
            dir="ltr"
            list="pc-clauses"
            autoComplete="off"
            value={value.clause_id}
            onInput={(e) => set('clause_id', e.currentTarget.value)}
            {...describedBy(id('clause'), undefined, t('standards:p.clause_hint'))}
          />
        </Field>
      </div>
      {value.action === 'amend' && (
        <div class="actions">
          <button type="button" onClick={loadCurrent} disabled={!value.clause_id.trim()}>
            {t('standards:p.load_current')}
          </button>
        </div>
      )}
      <ProblemBox problem={problem} />
      {value.action !== 'remove' && (
        <>
          <div class="grid-2">
            <Field id={id('number')} label={t('standards:p.number')}>
              <input
                id={id('number')}
                type="text"
                dir="ltr"
                value={value.number}
                onInput={(e) => set('number', e.currentTarget.value)}
              />
            </Field>
            <Field id={id('kind')} label={t('std.kind')}>
              <select
                id={id('kind')}
                value={value.kind}
                onChange={(e) => set('kind', e.currentTarget.value as ChangeForm['kind'])}
              >
                <option value="mandatory">{t('std.kind_mandatory')}</option>
                <option value="recommended">{t('std.kind_recommended')}</option>
              </select>
            </Field>
            <Field
              id={id('grades')}
              label={t('standards:p.grades')}
              hint={t('standards:p.grades_hint')}
            >
              <input
                id={id('grades')}
                type="text"
                inputMode="numeric"
                value={value.grades}
                onInput={(e) => set('grades', e.currentTarget.value)}
                {...describedBy(id('grades'), undefined, 'hint')}
              />
            </Field>
            <Field id={id('title')} label={t('standards:p.clause_title')}>
              <input
                id={id('title')}
                type="text"
                lang="en"
                value={value.title_en}
                onInput={(e) => set('title_en', e.currentTarget.value)}
              />
            </Field>
          </div>
          <Field id={id('text')} label={t('standards:p.clause_text')}>
            <textarea
              id={id('text')}
              rows={4}
              lang="en"
              value={value.text_en}
              onInput={(e) => set('text_en', e.currentTarget.value)}
            />
          </Field>
        </>
      )}
      <div class="actions">
        <button type="button" onClick={onRemove}>
          {t('standards:p.remove_change')}
        </button>
      </div>
    </fieldset>
  );
}

/** Organizations the signed-in user administers (proposals are made in an organization's name). */
function administered(me: Me | null) {
  return (me?.organizations ?? []).filter(isOrgAdmin);
}

function CreateProposal({ me }: { me: Me | null }) {
  const orgs = administered(me);
  const [chosenOrgId, setOrgId] = useState('');
  // The signed-in user's organizations may arrive after the first render: until one is chosen,
  // the first administered organization is the proposal's.
  const orgId = chosenOrgId || (orgs[0] ? String(orgs[0].id) : '');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [rationale, setRationale] = useState('');
  const [changes, setChanges] = useState<ChangeForm[]>([{ ...EMPTY_CHANGE }]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // The released clauses, offered as suggestions in every change's clause field.
  const [clauses, setClauses] = useState<Clause[]>([]);
  useEffect(() => {
    const q = new URLSearchParams({ limit: '200', lang: currentLanguage() });
    void get<{ items: Clause[] }>(`/api/v1/clauses?${q}`).then((r) => {
      if (r.ok) setClauses(r.value.items);
    });
  }, []);

  if (orgs.length === 0) return null;

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<Proposal>('/api/v1/proposals', {
      org_id: Number(orgId),
      document_code: code,
      title: title.trim(),
      rationale: rationale.trim(),
      changes: changes.map(changeOf),
    });
    setBusy(false);
    if (r.ok) navigate(`/standards?proposal=${r.value.id}`);
    else setProblem(r.problem);
  }

  return (
    <section aria-labelledby="p-new-h">
      <h2 id="p-new-h">{t('standards:p.new')}</h2>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          <SelectField
            id="p-org"
            label={t('standards:p.org')}
            value={orgId}
            onChange={setOrgId}
            options={orgs.map((o) => [String(o.id), o.name] as const)}
            optionsAreNames
            error={errors.org_id}
          />
          <DocumentCodeField
            id="p-doc"
            label={t('standards:p.document')}
            value={code}
            onChange={setCode}
            error={errors.document_code}
          />
        </div>
        <Field id="p-title" label={t('standards:p.title')} error={errors.title}>
          <input
            id="p-title"
            type="text"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...describedBy('p-title', errors.title)}
          />
        </Field>
        <Field id="p-rationale" label={t('standards:p.rationale')} error={errors.rationale}>
          <textarea
            id="p-rationale"
            rows={4}
            value={rationale}
            onInput={(e) => setRationale(e.currentTarget.value)}
            {...describedBy('p-rationale', errors.rationale)}
          />
        </Field>
        <h3>{t('standards:p.affected')}</h3>
        <datalist id="pc-clauses">
          {clauses.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.number} ${localText(c.title).text}`}
            </option>
          ))}
        </datalist>
        {changes.map((c, i) => (
          <ChangeEditor
            key={i}
            index={i}
            value={c}
            onChange={(next) => setChanges((all) => all.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setChanges((all) => all.filter((_, j) => j !== i))}
          />
        ))}
        <SubmitRow busy={busy} label={t('standards:p.create')}>
          <button type="button" onClick={() => setChanges((all) => [...all, { ...EMPTY_CHANGE }])}>
            {t('standards:p.add_change')}
          </button>
        </SubmitRow>
      </form>
      <ProblemBox problem={problem} />
    </section>
  );
}

function Tally({ p }: { p: Proposal }) {
  const need = passingThresholds(p.tally.assigned);
  const passes = tallyPasses(p.tally);
  return (
    <div data-testid="tally">
      <p>
        {t('standards:review.tally', {
          approve: formatNumber(p.tally.approve, 0),
          reject: formatNumber(p.tally.reject, 0),
          abstain: formatNumber(p.tally.abstain, 0),
          assigned: formatNumber(p.tally.assigned, 0),
        })}
      </p>
      <p>
        {t('standards:review.rule', {
          approvals: formatNumber(need.approvals, 0),
          rejections: formatNumber(need.rejections, 0),
        })}{' '}
        <strong data-testid="tally-outcome" class={passes ? 'ok' : 'bad'}>
          {passes ? t('standards:review.passes') : t('standards:review.not_yet')}
        </strong>
      </p>
    </div>
  );
}

/** One button per lifecycle action that needs no input; the server decides who may take it. */
const SIMPLE_ACTIONS: Record<string, string> = {
  submit: 'submit',
  open_consultation: 'consultation',
  release: 'release',
  withdraw: 'withdraw',
};

function DiffView({ docId, from, to }: { docId: number; from: string; to: string }) {
  const [items, setItems] = useState<ClauseDiff[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ from, to }).toString();
    void get<{ items: ClauseDiff[] }>(`/api/v1/standards/${docId}/diff?${q}`).then((r) => {
      if (r.ok) setItems(r.value.items);
      else setProblem(r.problem);
    });
  }, [docId, from, to]);
  return (
    <>
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('standards:diff.none')}</p>}
      {items && items.length > 0 && (
        <ul data-testid="diff">
          {items.map((d) => (
            <li key={d.clause_id}>
              <a href={`/clauses?clause=${encodeURIComponent(d.clause_id)}`} onClick={onLinkClick}>
                <span dir="ltr">{d.number || d.clause_id}</span>
              </a>{' '}
              <span class="badge">{t(`standards:diff.${d.change}`)}</span>
              {d.fields.length > 0 && (
                <span> ({d.fields.map((f) => t(`standards:diff.fields.${f}`)).join(', ')})</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Query string of the simplified manual. */
export function manualQuery(industry: string, grade: string, lang: string, format: string): string {
  return new URLSearchParams({ industry, grade, lang, format }).toString();
}

function Manual() {
  const [industry, setIndustry] = useState<string>(INDUSTRIES[0]);
  const [grade, setGrade] = useState('3');
  const [lang, setLang] = useState<string>(currentLanguage());
  const [format, setFormat] = useState('pdf');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  // Fetched first so that a refusal is shown as a message rather than as a raw error page.
  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await fetchDocument(
      `/api/v1/manuals/simplified?${manualQuery(industry, grade, lang, format)}`,
    );
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    const href = URL.createObjectURL(r.value);
    const a = document.createElement('a');
    a.href = href;
    if (format === 'pdf') a.download = `rutile-manual-${industry}-grade${grade}-${lang}.pdf`;
    else a.target = '_blank';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  return (
    <section aria-labelledby="manual-h">
      <h2 id="manual-h">{t('standards:manual.title')}</h2>
      <p>{t('standards:manual.intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          <SelectField
            id="man-industry"
            label={t('std.industry')}
            value={industry}
            onChange={setIndustry}
            options={INDUSTRIES.map((i) => [i, t(`std.industry_${i}`)] as const)}
          />
          <SelectField
            id="man-grade"
            label={t('std.grade')}
            value={grade}
            onChange={setGrade}
            options={[1, 2, 3, 4].map(
              (g) => [String(g), t('std.grade_n', { n: String(g) })] as const,
            )}
          />
          <SelectField
            id="man-lang"
            label={t('standards:manual.lang')}
            hint={t('standards:manual.fallback')}
            value={lang}
            onChange={setLang}
            options={LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]] as const)}
          />
          <SelectField
            id="man-format"
            label={t('standards:manual.format')}
            value={format}
            onChange={setFormat}
            options={[
              ['pdf', t('standards:manual.format_pdf')],
              ['html', t('standards:manual.format_html')],
            ]}
          />
        </div>
        <SubmitRow busy={busy} label={t('standards:manual.get')} />
      </form>
      <ProblemBox problem={problem} />
    </section>
  );
}

function Documents() {
  const [docs, setDocs] = useState<StandardDocument[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [docId, setDocId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [shown, setShown] = useState<{ docId: number; from: string; to: string } | null>(null);
  useEffect(() => {
    void get<{ items: StandardDocument[] }>('/api/v1/standards').then((r) => {
      if (!r.ok) return setProblem(r.problem);
      setDocs(r.value.items);
      const first = r.value.items[0];
      if (first) {
        setDocId(String(first.id));
        setFrom(first.versions[0]?.version ?? '');
        setTo(first.versions[first.versions.length - 1]?.version ?? '');
      }
    });
  }, []);
  const doc = docs?.find((d) => String(d.id) === docId);
  const versionOptions = (doc?.versions ?? []).map((v) => [v.version, v.version] as const);
  const lang = currentLanguage();
  return (
    <section aria-labelledby="docs-h">
      <h2 id="docs-h">{t('standards:docs.title')}</h2>
      <ProblemBox problem={problem} />
      {docs?.map((d) => (
        <div key={d.id} data-testid="standard-document">
          <h3>
            <span dir="ltr">{d.code}</span>{' '}
            {d.title[lang] ? (
              <span dir="auto">{d.title[lang]}</span>
            ) : (
              // A document without a title in the reader's language is cited by its own title.
              <cite lang="en" dir="ltr">
                {d.title.en}
              </cite>
            )}
          </h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('standards:docs.version')}</th>
                  <th scope="col">{t('standards:docs.status')}</th>
                  <th scope="col">{t('standards:docs.released_at')}</th>
                  <th scope="col">{t('standards:docs.clauses')}</th>
                </tr>
              </thead>
              <tbody>
                {d.versions.map((v) => (
                  <tr key={v.id}>
                    <td dir="ltr">{v.version}</td>
                    <td>{t(`standards:docs.status_${v.status}`)}</td>
                    <td>
                      <DateText seconds={v.released_at} />
                    </td>
                    <td>{formatNumber(v.clause_count, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      {docs && docs.length > 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (doc) setShown({ docId: doc.id, from, to });
          }}
        >
          <h3>{t('standards:diff.compare')}</h3>
          <div class="grid-2">
            <SelectField
              id="d-doc"
              label={t('standards:p.document')}
              value={docId}
              onChange={setDocId}
              options={docs.map((d) => [String(d.id), d.code] as const)}
            />
            <SelectField
              id="d-from"
              label={t('standards:diff.from')}
              value={from}
              onChange={setFrom}
              options={versionOptions}
            />
            <SelectField
              id="d-to"
              label={t('standards:diff.to')}
              value={to}
              onChange={setTo}
              options={versionOptions}
            />
          </div>
          <div class="actions">
            <button type="submit">{t('standards:diff.show')}</button>
          </div>
        </form>
      )}
      {shown && <DiffView docId={shown.docId} from={shown.from} to={shown.to} />}
    </section>
  );
}

function ProposalDetail({ id, me }: { id: string; me: Me | null }) {
  const [p, setP] = useState<Proposal | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [experts, setExperts] = useState('');
  const [vote, setVote] = useState('approve');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [commentClause, setCommentClause] = useState('');
  const [commentBody, setCommentBody] = useState('');
  const [dispositions, setDispositions] = useState<
    Record<number, { disposition: Disposition; reason: string }>
  >({});
  const errors = fieldErrors(problem);

  const load = useCallback(async () => {
    const r = await get<Proposal>(`/api/v1/proposals/${encodeURIComponent(id)}`);
    if (r.ok) {
      setP(r.value);
      setCommentClause((c) => c || r.value.changes[0]?.clause_id || '');
    } else setProblem(r.problem);
  }, [id]);
  useEffect(() => {
    setP(null);
    setProblem(null);
    void load();
  }, [load]);

  async function act(path: string, body: unknown = {}) {
    setBusy(true);
    setProblem(null);
    const r = await post<unknown>(`/api/v1/proposals/${encodeURIComponent(id)}/${path}`, body);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return false;
    }
    await load();
    return true;
  }

  if (!p)
    return (
      <section>
        <ProblemBox problem={problem} />
        {!problem && <p>{t('common.loading')}</p>}
      </section>
    );

  const can = (a: string) => p.allowed_actions.includes(a);
  const myId = me ? Number(me.user.id) : undefined;
  const isExpert = myId !== undefined && p.experts.includes(myId);
  const isOperator = me?.platform_roles.includes('operator') ?? false;
  const myVote = p.votes.find((v) => v.user_id === myId);
  const closes = p.consultation_closes_at;
  /** A clause by the number people know it by; a clause the proposal adds may have none yet. */
  const clauseNumber = (id: string) =>
    p.changes.find((c) => c.clause_id === id)?.clause?.number ?? id;

  return (
    <article aria-labelledby="p-detail-h" data-testid="proposal-detail">
      <p>
        <a href="/standards" onClick={onLinkClick}>
          {t('standards:p.back')}
        </a>
      </p>
      <h2 id="p-detail-h">
        <span dir="auto" translate={false}>
          {p.title}
        </span>{' '}
        <StateBadge state={p.state} />
      </h2>
      <p>
        {t('standards:p.against', { code: p.document_code, version: p.base_version })} ·{' '}
        {t('standards:p.created', { date: when(p.created_at) })}
      </p>
      <h3>{t('standards:p.rationale')}</h3>
      <p dir="auto" class="prewrap" translate={false}>
        {p.rationale}
      </p>
      {p.decision_reason && (
        <p>
          {t('standards:p.decision_reason')}:{' '}
          <span dir="auto" translate={false}>
            {p.decision_reason}
          </span>
        </p>
      )}
      <h3>{t('standards:p.affected')}</h3>
      <ul data-testid="proposal-changes">
        {p.changes.map((c) => (
          <li key={`${c.action}-${c.clause_id}`}>
            <span class="badge">{t(`standards:action.${c.action}`)}</span>{' '}
            <a href={`/clauses?clause=${encodeURIComponent(c.clause_id)}`} onClick={onLinkClick}>
              <span dir="ltr">{c.clause?.number ?? c.clause_id}</span>
            </a>
            {c.clause && (
              <>
                {' '}
                <ClauseTitle title={localText(c.clause.title)} />
              </>
            )}
          </li>
        ))}
      </ul>

      <ProblemBox problem={problem} />

      <section aria-labelledby="p-review-h">
        <h3 id="p-review-h">{t('standards:review.title')}</h3>
        <p>
          {t('standards:review.experts')}:{' '}
          <span dir="ltr">{p.experts.length ? p.experts.join(', ') : '—'}</span>
        </p>
        <Tally p={p} />
        {p.votes.length > 0 && (
          <ul data-testid="votes">
            {p.votes.map((v) => (
              <li key={v.user_id}>
                {t('standards:review.expert_n', { id: String(v.user_id) })}:{' '}
                {t(`standards:vote.${v.vote}`)}
                {v.note && (
                  <>
                    {' — '}
                    <span dir="auto" translate={false}>
                      {v.note}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {can('assign_experts') && isOperator && (
          <form
            noValidate
            aria-busy={busy}
            onSubmit={(e) => {
              e.preventDefault();
              void act('experts', { expert_user_ids: parseIds(experts) }).then(
                (ok) => ok && setExperts(''),
              );
            }}
          >
            <Field
              id="p-experts"
              label={t('standards:review.assign')}
              hint={t('standards:review.assign_hint')}
              error={errors.expert_user_ids}
            >
              <input
                id="p-experts"
                type="text"
                inputMode="numeric"
                dir="ltr"
                value={experts}
                onInput={(e) => setExperts(e.currentTarget.value)}
                {...describedBy('p-experts', errors.expert_user_ids, 'hint')}
              />
            </Field>
            <div class="actions">
              <button type="submit" disabled={busy}>
                {t('standards:review.assign_submit')}
              </button>
            </div>
          </form>
        )}
        {can('vote') && isExpert && (
          <form
            noValidate
            aria-busy={busy}
            data-testid="vote-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('votes', note.trim() ? { vote, note: note.trim() } : { vote });
            }}
          >
            <fieldset>
              <legend>
                {myVote
                  ? t('standards:review.change_vote', { vote: t(`standards:vote.${myVote.vote}`) })
                  : t('standards:review.your_vote')}
              </legend>
              {(['approve', 'reject', 'abstain'] as const).map((v) => (
                <label key={v} class="inline">
                  <input
                    type="radio"
                    name="p-vote"
                    id={`p-vote-${v}`}
                    checked={vote === v}
                    onChange={() => setVote(v)}
                  />{' '}
                  {t(`standards:vote.${v}`)}
                </label>
              ))}
            </fieldset>
            <Field id="p-note" label={t('standards:review.note')}>
              <textarea
                id="p-note"
                rows={2}
                value={note}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            </Field>
            <div class="actions">
              <button type="submit" class="primary" disabled={busy}>
                {t('standards:review.cast')}
              </button>
            </div>
          </form>
        )}
      </section>

      {(p.state === 'public_consultation' || p.comments.length > 0 || closes) && (
        <section aria-labelledby="p-consult-h">
          <h3 id="p-consult-h">{t('standards:consult.title')}</h3>
          {closes && (
            <p data-testid="consultation-window">
              {closes * 1000 > Date.now()
                ? t('standards:consult.open_until', { date: when(closes) })
                : t('standards:consult.closed_on', { date: when(closes) })}
            </p>
          )}
          {p.comments.length === 0 && <p>{t('standards:consult.no_comments')}</p>}
          {p.comments.length > 0 && (
            <ul class="plain-list" data-testid="comments">
              {p.comments.map((c) => {
                const d = dispositions[c.id] ?? { disposition: 'accepted', reason: '' };
                const setD = (next: Partial<typeof d>) =>
                  setDispositions((all) => ({ ...all, [c.id]: { ...d, ...next } }));
                return (
                  <li key={c.id} class="result-card">
                    <p>
                      <span dir="ltr">{clauseNumber(c.clause_id)}</span> ·{' '}
                      {t('standards:review.expert_n', { id: String(c.user_id) })} ·{' '}
                      <DateText seconds={c.created_at} />
                    </p>
                    <p dir="auto" class="prewrap" translate={false}>
                      {c.body}
                    </p>
                    {c.disposition ? (
                      <p data-testid="disposition">
                        <span class="badge">{t(`standards:disposition.${c.disposition}`)}</span>
                        {c.disposition_reason && (
                          <>
                            {' '}
                            <span dir="auto" translate={false}>
                              {c.disposition_reason}
                            </span>
                          </>
                        )}
                      </p>
                    ) : (
                      can('dispose_comment') &&
                      isOperator && (
                        <form
                          noValidate
                          aria-busy={busy}
                          onSubmit={(e) => {
                            e.preventDefault();
                            const body = d.reason.trim()
                              ? { disposition: d.disposition, reason: d.reason.trim() }
                              : { disposition: d.disposition };
                            void act(`comments/${c.id}/disposition`, body);
                          }}
                        >
                          <div class="grid-2">
                            <Field id={`p-disp-${c.id}`} label={t('standards:consult.disposition')}>
                              <select
                                id={`p-disp-${c.id}`}
                                value={d.disposition}
                                onChange={(e) =>
                                  setD({ disposition: e.currentTarget.value as Disposition })
                                }
                              >
                                {(['accepted', 'partly_accepted', 'rejected'] as const).map((x) => (
                                  <option key={x} value={x}>
                                    {t(`standards:disposition.${x}`)}
                                  </option>
                                ))}
                              </select>
                            </Field>
                            <Field id={`p-reason-${c.id}`} label={t('standards:consult.reason')}>
                              <input
                                id={`p-reason-${c.id}`}
                                type="text"
                                value={d.reason}
                                onInput={(e) => setD({ reason: e.currentTarget.value })}
                              />
                            </Field>
                          </div>
                          <div class="actions">
                            <button type="submit" disabled={busy}>
                              {t('standards:consult.dispose')}
                            </button>
                          </div>
                        </form>
                      )
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {can('comment') && me && (
            <form
              noValidate
              aria-busy={busy}
              data-testid="comment-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act('comments', { clause_id: commentClause, body: commentBody.trim() }).then(
                  (ok) => ok && setCommentBody(''),
                );
              }}
            >
              <div class="grid-2">
                <Field
                  id="p-c-clause"
                  label={t('standards:consult.on_clause')}
                  error={errors.clause_id}
                >
                  <select
                    id="p-c-clause"
                    value={commentClause}
                    onChange={(e) => setCommentClause(e.currentTarget.value)}
                  >
                    {p.changes.map((c) => (
                      <option key={c.clause_id} value={c.clause_id}>
                        {c.clause?.number ?? c.clause_id}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <Field id="p-c-body" label={t('standards:consult.comment')} error={errors.body}>
                <textarea
                  id="p-c-body"
                  rows={3}
                  value={commentBody}
                  onInput={(e) => setCommentBody(e.currentTarget.value)}
                  {...describedBy('p-c-body', errors.body)}
                />
              </Field>
              <div class="actions">
                <button type="submit" disabled={busy}>
                  {t('standards:consult.send')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}

      {p.state === 'released' && p.released_version && (
        <section aria-labelledby="p-release-h" data-testid="release">
          <h3 id="p-release-h">{t('standards:release.title')}</h3>
          <p>
            {t('standards:release.version', { code: p.document_code, version: p.released_version })}
          </p>
          <p>
            {t('standards:release.ledger', {
              record: `${p.document_code}@${p.released_version}`,
            })}{' '}
            <a href="/ledger" onClick={onLinkClick}>
              {t('standards:release.ledger_link')}
            </a>
          </p>
          <h4>{t('standards:diff.title', { from: p.base_version, to: p.released_version })}</h4>
          <DiffView docId={p.document_id} from={p.base_version} to={p.released_version} />
        </section>
      )}

      {p.allowed_actions.length > 0 && me && (
        <section aria-labelledby="p-actions-h">
          <h3 id="p-actions-h">{t('standards:p.actions')}</h3>
          <div class="actions">
            {Object.entries(SIMPLE_ACTIONS)
              .filter(([a]) => can(a))
              .map(([a, path]) => (
                <button
                  key={a}
                  type="button"
                  class={a === 'withdraw' ? undefined : 'primary'}
                  disabled={busy}
                  data-action={a}
                  onClick={() => void act(path)}
                >
                  {t(`standards:do.${a}`)}
                </button>
              ))}
          </div>
          {can('reject') && isOperator && (
            <form
              noValidate
              aria-busy={busy}
              onSubmit={(e) => {
                e.preventDefault();
                void act('reject', { reason: reason.trim() });
              }}
            >
              <Field id="p-reject" label={t('standards:p.reject_reason')} error={errors.reason}>
                <input
                  id="p-reject"
                  type="text"
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                  {...describedBy('p-reject', errors.reason)}
                />
              </Field>
              <div class="actions">
                <button type="submit" disabled={busy}>
                  {t('standards:do.reject')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </article>
  );
}

export default function StandardsPage() {
  const { search } = useLocation();
  const { me } = useSession();
  const id = new URLSearchParams(search).get('proposal');
  return (
    <>
      <h1>{t('standards:p.page_title')}</h1>
      {id ? (
        <ProposalDetail id={id} me={me} />
      ) : (
        <>
          <p>{t('standards:p.intro')}</p>
          <p>
            <a href="/standards/annexes" onClick={onLinkClick} data-testid="annexes-link">
              {t('standards:annex.link')}
            </a>
          </p>
          <Documents />
          <Manual />
          {me && <ProposalList />}
          <CreateProposal me={me} />
        </>
      )}
    </>
  );
}
