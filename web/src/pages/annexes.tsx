// Regional supplementary annexes: the annexes of a region (open to visitors) and one annex with its
// clauses — each adds a local clause or overrides a national one, with a justification, the
// experts' equivalence verdicts, the enterprises' reported applications and the way to the
// national library. Regional authorities and operators open annexes and add clauses; experts
// give verdicts; enterprises of the region report applying a clause. The server decides; its
// refusals are shown where the action was taken.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField } from '../components/select_field';
import { DocumentCodeField } from './document_code_field';
import { SubmitRow } from '../components/submit_row';
import { formatDate, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { label, orgLabel } from '../lib/labels';
import { navigate, onLinkClick, useLocation } from '../lib/router';
import { useSession, type Me } from '../lib/session';
import {
  EMPTY_CLAUSE_FORM,
  annexClauseBody,
  annexListPath,
  annexOwnerOrgs,
  annexPermissions,
  clauseFormErrors,
  isOperator,
  overrideForm,
  promotionProgress,
  promotionState,
  reportingOrgs,
  type Annex,
  type AnnexClause,
  type AnnexClauseForm,
  type Region,
  type Verdict,
} from './annexes_model';
import { localText, type Clause } from './clauses';
import { secondsToIso } from './proposals_model';

const PAGE = '/standards/annexes';
const when = (s: number | null | undefined) => (s ? formatDate(secondsToIso(s)) : '');

function regionName(_regions: Region[], code: string): string {
  return label('region', code);
}

function useRegions(): Region[] {
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    void get<{ regions: Region[] }>('/api/v1/regions').then((r) => {
      if (r.ok && Array.isArray(r.value?.regions)) setRegions(r.value.regions);
    });
  }, []);
  return regions;
}

function AnnexList({ region, regions }: { region: string; regions: Region[] }) {
  const [items, setItems] = useState<Annex[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setProblem(null);
    void get<{ items: Annex[] }>(annexListPath(region)).then((r) => {
      if (r.ok) setItems(r.value.items);
      else setProblem(r.problem);
    });
  }, [region]);
  const filter = (code: string) =>
    navigate(code ? `${PAGE}?${new URLSearchParams({ region: code }).toString()}` : PAGE, true);
  return (
    <section aria-labelledby="ax-list-h">
      <h2 id="ax-list-h">{t('standards:annex.list')}</h2>
      <SelectField
        id="ax-filter"
        label={t('standards:annex.filter_region')}
        value={region}
        onChange={filter}
        options={[
          ['', t('standards:annex.all_regions')],
          ...regions.map((r) => [r.code, regionName(regions, r.code)] as const),
        ]}
      />
      <ProblemBox problem={problem} />
      {items && items.length === 0 && <p>{t('standards:annex.none')}</p>}
      {items && items.length > 0 && (
        <ul class="clause-list" data-testid="annex-list">
          {items.map((a) => (
            <li key={a.id}>
              <a href={`${PAGE}?annex=${a.id}`} onClick={onLinkClick}>
                <span dir="auto" translate={false}>
                  {a.title}
                </span>
              </a>{' '}
              <span class="badge">{regionName(regions, a.region)}</span>{' '}
              {t('standards:annex.supplements', { code: a.document_code })} ·{' '}
              {t('standards:annex.clause_count', {
                n: formatNumber(a.clauses.length, 0),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OpenAnnex({ me, regions }: { me: Me | null; regions: Region[] }) {
  const orgs = annexOwnerOrgs(me);
  const operator = isOperator(me);
  const [orgId, setOrgId] = useState(orgs[0] ? String(orgs[0].id) : '');
  const [region, setRegion] = useState(orgs[0]?.region ?? '');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  // The session may load after the first render: take its first organization then.
  const first = orgs[0];
  useEffect(() => {
    if (!orgId && first) {
      setOrgId(String(first.id));
      setRegion((r) => r || first.region || '');
    }
  }, [orgId, first]);

  if (orgs.length === 0) return null;

  function pickOrg(id: string) {
    setOrgId(id);
    // A regional authority opens annexes for its own region only.
    const org = orgs.find((o) => String(o.id) === id);
    if (!operator && org?.region) setRegion(org.region);
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<Annex>('/api/v1/annexes', {
      org_id: Number(orgId),
      region,
      document_code: code,
      title: title.trim(),
    });
    setBusy(false);
    if (r.ok) navigate(`${PAGE}?annex=${r.value.id}`);
    else setProblem(r.problem);
  }

  const regionOptions = regions.length
    ? regions.map((r) => [r.code, regionName(regions, r.code)] as const)
    : ([[region, region || '—']] as const);
  return (
    <section aria-labelledby="ax-new-h">
      <h2 id="ax-new-h">{t('standards:annex.new')}</h2>
      <p>{t('standards:annex.new_intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy} data-testid="annex-new">
        <div class="grid-2">
          <SelectField
            id="ax-org"
            label={t('standards:annex.org')}
            value={orgId}
            onChange={pickOrg}
            options={orgs.map((o) => [String(o.id), o.name] as const)}
            optionsAreNames
            error={errors.org_id}
          />
          <SelectField
            id="ax-region"
            label={t('standards:annex.region')}
            value={region}
            onChange={setRegion}
            options={regionOptions}
            error={errors.region}
          />
          <DocumentCodeField
            id="ax-doc"
            label={t('standards:annex.document')}
            value={code}
            onChange={setCode}
            error={errors.document_code}
          />
        </div>
        <Field id="ax-title" label={t('standards:annex.title')} error={errors.title}>
          <input
            id="ax-title"
            type="text"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...describedBy('ax-title', errors.title)}
          />
        </Field>
        <SubmitRow busy={busy} label={t('standards:annex.open')} />
      </form>
      <ProblemBox problem={problem} />
    </section>
  );
}

/** The number people cite a national clause by (RT-1.1), looked up from its id. */
function BaseClauseNumber({ id }: { id: string }) {
  const [number, setNumber] = useState('');
  useEffect(() => {
    void get<Clause>(`/api/v1/clauses/${encodeURIComponent(id)}`).then((r) => {
      if (r.ok) setNumber(r.value.number);
    });
  }, [id]);
  return <span dir="ltr">{number || '…'}</span>;
}

function ClauseCard({
  c,
  annexOrgId,
  me,
  onChanged,
}: {
  c: AnnexClause;
  annexOrgId: number;
  me: Me | null;
  onChanged: () => Promise<void>;
}) {
  const can = annexPermissions(me, annexOrgId);
  const reporters = reportingOrgs(me, c.region);
  const [verdict, setVerdict] = useState<Verdict>('equivalent');
  const [note, setNote] = useState('');
  const [chosenOrg, setReportOrg] = useState('');
  // The session may arrive after the card: the first enterprise until one is chosen.
  const reportOrg = chosenOrg || (reporters[0] ? String(reporters[0].id) : '');
  const [reportNote, setReportNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const errors = fieldErrors(problem);
  const title = localText(c.clause.title);
  const text = localText(c.clause.text);
  const progress = promotionProgress(c);
  const state = promotionState(c);
  const promoted = state === 'promoted';
  const id = (name: string) => `axc-${c.id}-${name}`;

  async function act(path: string, body: unknown, message: string) {
    setBusy(true);
    setProblem(null);
    setDone('');
    const r = await post<unknown>(path, body);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return false;
    }
    setDone(message);
    await onChanged();
    return true;
  }

  return (
    <li class="result-card" data-testid="annex-clause">
      <h4 id={id('h')}>
        <span dir="ltr">{c.clause.number}</span>{' '}
        <span lang={title.lang} dir="auto" translate={false}>
          {title.text}
        </span>
      </h4>
      <p data-testid="annex-clause-action">
        <span class="badge">{t(`standards:annex.action_${c.action}`)}</span>{' '}
        {c.action === 'override' && c.base_clause_id && (
          <>
            {t('standards:annex.replaces')}{' '}
            <a
              href={`/clauses?clause=${encodeURIComponent(c.base_clause_id)}`}
              onClick={onLinkClick}
            >
              <BaseClauseNumber id={c.base_clause_id} />
            </a>{' '}
          </>
        )}
        <span class="badge">{t(`std.kind_${c.clause.kind}`)}</span> {t('std.grades')}:{' '}
        {c.clause.grades.map((g) => t('std.grade_n', { n: String(g) })).join(', ')}
      </p>
      <p lang={text.lang} dir="auto" class="prewrap" translate={false}>
        {text.text}
      </p>
      <p>
        <strong>{t('standards:annex.justification')}:</strong>{' '}
        <span dir="auto" class="prewrap" translate={false}>
          {c.justification}
        </span>
      </p>

      <p>
        {t('standards:annex.equivalence')}:{' '}
        <span class="badge" data-testid="annex-status">
          {t(`standards:annex.status_${c.status}`)}
        </span>
      </p>
      {c.reviews.length === 0 ? (
        <p>{t('standards:annex.no_reviews')}</p>
      ) : (
        <ul data-testid="annex-reviews">
          {c.reviews.map((v, i) => (
            <li key={v.user_id ?? `review-${i}`}>
              {v.user_id === null
                ? t('standards:annex_public.expert')
                : t('standards:annex.expert_n', { id: String(v.user_id) })}
              : <strong>{t(`standards:annex.verdict_${v.verdict}`)}</strong> ·{' '}
              <DateText seconds={v.created_at} />
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

      <p data-testid="annex-progress">
        {t('standards:annex.progress', {
          verified: formatNumber(progress.verified, 0),
          threshold: formatNumber(progress.threshold, 0),
        })}
      </p>
      <p data-testid="annex-application-count">
        {t('standards:annex_public.applications_count', {
          total: formatNumber(c.application_count, 0),
        })}
      </p>
      {!c.applications_complete && (
        <p class="hint" data-testid="annex-applications-private">
          {t('standards:annex_public.applications_private')}
        </p>
      )}
      {c.applications.length > 0 && (
        <ul data-testid="annex-applications">
          {c.applications.map((a) => (
            <li key={a.id}>
              <span dir="auto" translate={false}>
                {orgLabel(a.org?.name)}
              </span>{' '}
              · <DateText seconds={a.created_at} />{' '}
              {a.verified_by ? (
                <span class="badge">{t('standards:annex.app_verified')}</span>
              ) : (
                <>
                  <span class="badge">{t('standards:annex.app_unverified')}</span>{' '}
                  {can.verify && !promoted && (
                    <button
                      type="button"
                      disabled={busy}
                      data-action="verify"
                      onClick={() =>
                        void act(
                          `/api/v1/annex-clauses/${c.id}/applications/${a.id}/verify`,
                          {},
                          t('standards:annex.verified_done'),
                        )
                      }
                    >
                      {t('standards:annex.verify')}
                    </button>
                  )}
                </>
              )}
              {a.note && (
                <>
                  {' — '}
                  <span dir="auto" translate={false}>
                    {a.note}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p data-testid="annex-promotion">
        {t('standards:annex.promotion')}:{' '}
        {promoted ? (
          <a href={`/standards?proposal=${c.promoted_proposal_id}`} onClick={onLinkClick}>
            {t('standards:annex.promoted', { id: String(c.promoted_proposal_id) })}
          </a>
        ) : state === 'collecting' ? (
          t('standards:annex.state_collecting', {
            remaining: formatNumber(progress.remaining, 0),
          })
        ) : (
          t(`standards:annex.state_${state}`)
        )}
      </p>

      <ProblemBox problem={problem} />
      {done && <p role="status">{done}</p>}

      {can.review && !promoted && (
        <form
          noValidate
          aria-busy={busy}
          data-testid="annex-review-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              `/api/v1/annex-clauses/${c.id}/reviews`,
              note.trim() ? { verdict, note: note.trim() } : { verdict },
              t('standards:annex.reviewed_done'),
            ).then((ok) => ok && setNote(''));
          }}
        >
          <fieldset>
            <legend>{t('standards:annex.your_verdict')}</legend>
            {(['equivalent', 'not_equivalent'] as const).map((v) => (
              <label key={v} class="inline">
                <input
                  type="radio"
                  name={id('verdict')}
                  id={id(`verdict-${v}`)}
                  value={v}
                  checked={verdict === v}
                  onChange={() => setVerdict(v)}
                />{' '}
                {t(`standards:annex.verdict_${v}`)}
              </label>
            ))}
          </fieldset>
          <Field id={id('note')} label={t('standards:annex.note')} error={errors.note}>
            <textarea
              id={id('note')}
              rows={2}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
              {...describedBy(id('note'), errors.note)}
            />
          </Field>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('standards:annex.record_verdict')}
            </button>
          </div>
        </form>
      )}

      {reporters.length > 0 && !promoted && c.status !== 'rejected' && (
        <form
          noValidate
          aria-busy={busy}
          data-testid="annex-report-form"
          onSubmit={(e) => {
            e.preventDefault();
            const body = reportNote.trim()
              ? { org_id: Number(reportOrg), note: reportNote.trim() }
              : { org_id: Number(reportOrg) };
            void act(
              `/api/v1/annex-clauses/${c.id}/applications`,
              body,
              t('standards:annex.reported_done'),
            ).then((ok) => ok && setReportNote(''));
          }}
        >
          <h5>{t('standards:annex.report')}</h5>
          <div class="grid-2">
            {reporters.length > 1 && (
              <SelectField
                id={id('report-org')}
                label={t('standards:annex.report_org')}
                value={reportOrg}
                onChange={setReportOrg}
                options={reporters.map((o) => [String(o.id), o.name] as const)}
                error={errors.org_id}
              />
            )}
            <Field
              id={id('report-note')}
              label={t('standards:annex.report_note')}
              error={errors.note}
            >
              <input
                id={id('report-note')}
                type="text"
                value={reportNote}
                onInput={(e) => setReportNote(e.currentTarget.value)}
                {...describedBy(id('report-note'), errors.note)}
              />
            </Field>
          </div>
          {reporters.length === 1 && (
            <p class="hint">{t('standards:annex.report_as', { org: reporters[0].name })}</p>
          )}
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('standards:annex.report_submit')}
            </button>
          </div>
        </form>
      )}

      {can.promote && !promoted && (
        <div class="actions">
          <button
            type="button"
            class={c.promotable ? 'primary' : undefined}
            disabled={busy}
            data-action="promote"
            onClick={() =>
              void act(
                `/api/v1/annex-clauses/${c.id}/promote`,
                {},
                t('standards:annex.promoted_done'),
              )
            }
          >
            {t('standards:annex.promote')}
          </button>
        </div>
      )}
    </li>
  );
}

function AddClause({ annexId, onAdded }: { annexId: number; onAdded: () => Promise<void> }) {
  const [form, setForm] = useState<AnnexClauseForm>(EMPTY_CLAUSE_FORM);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(false);
  const errors = clauseFormErrors(fieldErrors(problem));
  const set = <K extends keyof AnnexClauseForm>(k: K, v: AnnexClauseForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));

  async function loadBase() {
    setProblem(null);
    const r = await get<Clause>(
      `/api/v1/clauses/${encodeURIComponent(form.base_clause_id.trim())}`,
    );
    if (r.ok) setForm((f) => overrideForm(f, r.value));
    else setProblem(r.problem);
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    setAdded(false);
    const r = await post<AnnexClause>(`/api/v1/annexes/${annexId}/clauses`, annexClauseBody(form));
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setForm(EMPTY_CLAUSE_FORM);
    setAdded(true);
    await onAdded();
  }

  const input = (
    name: keyof AnnexClauseForm,
    fid: string,
    label: string,
    extra: Record<string, unknown> = {},
    hint?: string,
  ) => (
    <Field id={fid} label={label} error={errors[name]} hint={hint}>
      <input
        id={fid}
        type="text"
        value={form[name] as string}
        onInput={(e) => set(name, e.currentTarget.value as never)}
        {...extra}
        {...describedBy(fid, errors[name], hint)}
      />
    </Field>
  );

  return (
    <section aria-labelledby="axn-h">
      <h3 id="axn-h">{t('standards:annex.add_clause')}</h3>
      <form noValidate onSubmit={submit} aria-busy={busy} data-testid="annex-clause-form">
        <div class="grid-2">
          <SelectField
            id="axn-action"
            label={t('standards:annex.action')}
            value={form.action}
            onChange={(v) => set('action', v as AnnexClauseForm['action'])}
            options={(['add', 'override'] as const).map(
              (a) => [a, t(`standards:annex.action_${a}`)] as const,
            )}
            error={errors.action}
          />
          {form.action === 'override' &&
            input('base_clause_id', 'axn-base', t('standards:annex.base_clause'), { dir: 'ltr' })}
        </div>
        {form.action === 'override' && (
          <div class="actions">
            <button type="button" onClick={loadBase} disabled={!form.base_clause_id.trim()}>
              {t('standards:annex.load_base')}
            </button>
          </div>
        )}
        <div class="grid-2">
          {input('clause_id', 'axn-id', t('standards:annex.clause_id'), { dir: 'ltr' })}
          {input('number', 'axn-number', t('standards:annex.number'), { dir: 'ltr' })}
          <SelectField
            id="axn-kind"
            label={t('std.kind')}
            value={form.kind}
            onChange={(v) => set('kind', v as AnnexClauseForm['kind'])}
            options={[
              ['mandatory', t('std.kind_mandatory')],
              ['recommended', t('std.kind_recommended')],
            ]}
            error={errors.kind}
          />
          {input(
            'grades',
            'axn-grades',
            t('standards:annex.grades'),
            { inputMode: 'numeric' },
            t('standards:annex.grades_hint'),
          )}
        </div>
        {input('title_en', 'axn-title', t('standards:annex.clause_title'), { lang: 'en' })}
        <Field id="axn-text" label={t('standards:annex.clause_text')} error={errors.text_en}>
          <textarea
            id="axn-text"
            rows={4}
            lang="en"
            value={form.text_en}
            onInput={(e) => set('text_en', e.currentTarget.value)}
            {...describedBy('axn-text', errors.text_en)}
          />
        </Field>
        <Field
          id="axn-just"
          label={t('standards:annex.justification')}
          error={errors.justification}
        >
          <textarea
            id="axn-just"
            rows={3}
            value={form.justification}
            onInput={(e) => set('justification', e.currentTarget.value)}
            {...describedBy('axn-just', errors.justification)}
          />
        </Field>
        <SubmitRow busy={busy} label={t('standards:annex.add_submit')} />
      </form>
      <ProblemBox problem={problem} />
      {added && <p role="status">{t('standards:annex.added_done')}</p>}
    </section>
  );
}

function AnnexDetail({ id, me, regions }: { id: string; me: Me | null; regions: Region[] }) {
  const [annex, setAnnex] = useState<Annex | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    const r = await get<Annex>(`/api/v1/annexes/${encodeURIComponent(id)}`);
    if (r.ok) {
      setAnnex(r.value);
      setProblem(null);
    } else setProblem(r.problem);
  }, [id]);
  useEffect(() => {
    setAnnex(null);
    setProblem(null);
    void load();
  }, [load]);

  if (!annex)
    return (
      <section>
        <ProblemBox problem={problem} />
        {!problem && <p>{t('common.loading')}</p>}
      </section>
    );

  const can = annexPermissions(me, annex.org_id);
  return (
    <article aria-labelledby="ax-detail-h" data-testid="annex-detail">
      <p>
        <a
          href={`${PAGE}?${new URLSearchParams({ region: annex.region }).toString()}`}
          onClick={onLinkClick}
        >
          {t('standards:annex.back')}
        </a>
      </p>
      <h2 id="ax-detail-h">
        <span dir="auto" translate={false}>
          {annex.title}
        </span>
      </h2>
      <p>
        <span class="badge">{regionName(regions, annex.region)}</span>{' '}
        {annex.region_category &&
          `${t('standards:annex.category', { category: annex.region_category })} · `}
        {t('standards:annex.supplements', { code: annex.document_code })} ·{' '}
        {t('standards:annex.opened_on', { date: when(annex.created_at) })}
      </p>
      <ProblemBox problem={problem} />
      <section aria-labelledby="ax-clauses-h">
        <h3 id="ax-clauses-h">{t('standards:annex.clauses')}</h3>
        {annex.clauses.length === 0 ? (
          <p>{t('standards:annex.no_clauses')}</p>
        ) : (
          <ul class="plain-list" data-testid="annex-clauses">
            {annex.clauses.map((c) => (
              <ClauseCard key={c.id} c={c} annexOrgId={annex.org_id} me={me} onChanged={load} />
            ))}
          </ul>
        )}
      </section>
      {can.addClause && <AddClause annexId={annex.id} onAdded={load} />}
    </article>
  );
}

export default function AnnexesPage() {
  const { search } = useLocation();
  const { me } = useSession();
  const regions = useRegions();
  const params = new URLSearchParams(search);
  const id = params.get('annex');
  return (
    <>
      <h1>{t('standards:annex.page_title')}</h1>
      {id ? (
        <AnnexDetail id={id} me={me} regions={regions} />
      ) : (
        <>
          <p>{t('standards:annex.intro')}</p>
          <AnnexList region={params.get('region') ?? ''} regions={regions} />
          <OpenAnnex me={me} regions={regions} />
        </>
      )}
    </>
  );
}
