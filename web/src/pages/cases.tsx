// Public failure cases (desensitized, open to visitors): search with facets, one case in full,
// and cases similar to a described situation with what matched. Submitting a case and asking for
// restricted detail need an account; visitors are told so, with a login link.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SubmitRow } from '../components/submit_row';
import { SelectField } from '../components/select_field';
import { formatNumber, kb, t } from '../i18n';
import { get, post, type Problem } from '../lib/api';
import { useSession } from '../lib/session';
import { INDUSTRIES } from './clauses';
import { ApplyForAccess } from './case_access';
import { AccountNeeded } from '../components/account_needed';
import { SubmitCase, mechanismOptions, revealElement } from './cases_submit';
import {
  equipmentLabel,
  industryLabel,
  materialLabel,
  presetLabel,
  useRegionName,
} from './cases_vocabulary';

export interface PublicCase {
  id: number;
  equipment_type?: string;
  material?: string;
  grade?: string;
  bath_preset?: string;
  medium?: string;
  temperature_c?: number;
  ph?: number | null;
  chloride_mg_per_l?: number | null;
  fluoride_mg_per_l?: number | null;
  service_time_band?: string;
  failure_mode?: string;
  mechanism_ids?: string[];
  morphology?: string;
  root_cause?: string;
  corrective_actions?: string;
  region?: string;
  industry?: string;
  scale?: string;
  period?: string;
  narrative?: string;
  language?: string;
  synthetic?: boolean;
}

interface SearchPage {
  items: PublicCase[];
  total: number;
  facets: Array<{ facet: string; value: string; count: number }>;
}

interface SimilarPage {
  items: Array<{
    case: PublicCase;
    similarity: {
      score: number;
      matched: Array<{ aspect: string; score: number; detail: string }>;
    };
  }>;
}

/** Query string of a case search; empty filters are left out. */
export function caseQuery(f: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) p.set(k, v.trim());
  return p.toString();
}

/**
 * A case in one line: failure mode, material, bath, temperature in the reader's language; a bath
 * outside the vocabulary as its submitter wrote it.
 */
export function CaseTitle({ c }: { c: PublicCase }) {
  const parts = [
    c.failure_mode ? t(`cases.mode_${c.failure_mode}`) : '',
    materialLabel(c.material),
    presetLabel(c.bath_preset),
  ].filter(Boolean);
  const temperature =
    typeof c.temperature_c === 'number' ? `${formatNumber(c.temperature_c, 1)}\u00a0°C` : '';
  return (
    <>
      {parts.join(' · ')}
      {!c.bath_preset && c.medium && (
        <>
          {' · '}
          <span translate={false} lang={c.language || 'en'} dir="auto">
            {c.medium}
          </span>
        </>
      )}
      {temperature && (
        <>
          {' · '}
          <bdi dir="ltr">{temperature}</bdi>
        </>
      )}
    </>
  );
}

/** One public case record: a heading and every stated field. */
export function CaseRecord({
  c,
  headingId,
  level = 2,
}: {
  c: PublicCase;
  headingId: string;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const regionName = useRegionName();
  // Free text (en = true) is the submitter's, in the case's language: shown as written.
  const row = (label: string, value: string | number | null | undefined, en = false) =>
    value === undefined || value === null || value === '' ? null : (
      <tr>
        <th scope="row">{label}</th>
        <td
          lang={en ? c.language || 'en' : undefined}
          translate={en ? false : undefined}
          dir="auto"
        >
          {typeof value === 'number' ? formatNumber(value, 2) : value}
        </td>
      </tr>
    );
  return (
    <>
      <Heading id={headingId} dir="auto">
        <CaseTitle c={c} />
      </Heading>
      {c.synthetic && <p class="badge">{t('cases.synthetic')}</p>}
      <table class="case-record">
        <tbody>
          {row(t('cases.equipment_type'), equipmentLabel(c.equipment_type))}
          {row(t('cases.material'), materialLabel(c.material))}
          {row(t('cases:vocabulary.grade'), c.grade, true)}
          {row(t('cases:vocabulary.bath'), presetLabel(c.bath_preset))}
          {row(t('cases.medium'), c.medium, true)}
          {row(t('cases.temperature'), c.temperature_c)}
          {row(t('cases.ph'), c.ph)}
          {row(t('cases.chloride'), c.chloride_mg_per_l)}
          {row(t('cases.fluoride'), c.fluoride_mg_per_l)}
          {row(t('cases.service_time'), c.service_time_band)}
          {row(
            t('cases.mechanisms'),
            (c.mechanism_ids ?? []).map((m) => kb('mechanism', m)).join(t('labels:misc.list_sep')),
          )}
          {row(t('cases.morphology'), c.morphology, true)}
          {row(t('cases.root_cause'), c.root_cause, true)}
          {row(t('cases.corrective_actions'), c.corrective_actions, true)}
          {row(t('cases.industry'), industryLabel(c.industry))}
          {row(t('cases.region'), regionName(c.region))}
          {row(t('cases.period'), c.period)}
        </tbody>
      </table>
      {c.narrative && (
        <p lang={c.language || 'en'} translate={false} dir="auto">
          {c.narrative}
        </p>
      )}
    </>
  );
}

function CaseDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const [c, setCase] = useState<PublicCase | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const section = useRef<HTMLElement>(null);
  const { me } = useSession();
  // On a phone the case opens above the list the reader is in: bring it into view, focused.
  useEffect(() => {
    if (c || problem) revealElement(section.current);
  }, [c, problem]);
  useEffect(() => {
    setCase(null);
    setProblem(null);
    void get<PublicCase>(`/api/v1/public-cases/${id}`).then((r) => {
      if (r.ok) setCase(r.value);
      else setProblem(r.problem);
    });
  }, [id]);
  return (
    <section
      class="result-card"
      aria-labelledby="case-detail-title"
      data-testid="case-detail"
      ref={section}
    >
      <ProblemBox problem={problem} />
      {!c && !problem && <p>{t('common.loading')}</p>}
      {c && <CaseRecord c={c} headingId="case-detail-title" />}
      {c &&
        (me ? (
          <ApplyForAccess publicCaseId={c.id} />
        ) : (
          <AccountNeeded reason="apply_access" level={3} />
        ))}
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('std.close')}
        </button>
      </div>
    </section>
  );
}

function CaseList({ items, onOpen }: { items: PublicCase[]; onOpen: (id: number) => void }) {
  return (
    <ul class="clause-list" data-testid="case-results">
      {items.map((c) => (
        <li key={c.id}>
          <button type="button" class="link-button" onClick={() => onOpen(c.id)}>
            <span dir="auto">
              <CaseTitle c={c} />
            </span>
          </button>
          {c.period && <span class="hint"> {c.period}</span>}
        </li>
      ))}
    </ul>
  );
}

const NO_FILTER = { q: '', mechanism: '', industry: '', region: '' };

function Search({ onOpen }: { onOpen: (id: number) => void }) {
  const [f, setF] = useState(NO_FILTER);
  const [answer, setAnswer] = useState<SearchPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));
  const regionName = useRegionName();
  const total = useRef<HTMLParagraphElement>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0) revealElement(total.current);
  }, [asked]);
  const facetName = (facet: string) =>
    facet === 'failure_mode' ? t('cases:submit.failure_mode') : t(`cases.${facet}`);
  const facetValue = (facet: string, value: string) => {
    if (facet === 'mechanism') return kb('mechanism', value);
    if (facet === 'material') return materialLabel(value);
    if (facet === 'industry') return industryLabel(value);
    if (facet === 'region') return regionName(value);
    if (facet === 'failure_mode') return t(`cases.mode_${value}`);
    return value;
  };

  /** Searches with `filter`; `asked` when the reader submitted it, to show them the answer. */
  async function run(filter: typeof NO_FILTER, asked: boolean) {
    setBusy(true);
    setProblem(null);
    const r = await get<SearchPage>(`/api/v1/public-cases?${caseQuery(filter)}`);
    setBusy(false);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setProblem(r.problem);
    }
    if (asked) setAsked((n) => n + 1);
  }
  useEffect(() => {
    void run(NO_FILTER, false);
  }, []);

  return (
    <section aria-labelledby="case-search-h">
      <h2 id="case-search-h">{t('cases.search')}</h2>
      <form
        noValidate
        role="search"
        aria-busy={busy}
        onSubmit={(ev) => {
          ev.preventDefault();
          void run(f, true);
        }}
      >
        <div class="grid-2">
          <Field id="case-q" label={t('std.q')}>
            <input
              id="case-q"
              type="search"
              value={f.q}
              onInput={(e) => set('q', e.currentTarget.value)}
            />
          </Field>
          <SelectField
            id="case-mechanism"
            label={t('cases.mechanism')}
            value={f.mechanism}
            onChange={(v) => set('mechanism', v)}
            options={mechanismOptions(t('std.any'))}
          />
          <SelectField
            id="case-industry"
            label={t('cases.industry')}
            value={f.industry}
            onChange={(v) => set('industry', v)}
            options={[
              ['', t('std.any')],
              ...INDUSTRIES.map((i) => [i, t(`std.industry_${i}`)] as const),
            ]}
          />
          <Field id="case-region" label={t('cases.region')}>
            <input
              id="case-region"
              value={f.region}
              onInput={(e) => set('region', e.currentTarget.value)}
            />
          </Field>
        </div>
        <SubmitRow busy={busy} label={t('std.search_submit')} />
      </form>
      <ProblemBox problem={problem} />
      {answer && (
        <>
          <p role="status" data-testid="case-total" ref={total}>
            {t('cases.total', { count: answer.total })}
          </p>
          {answer.facets.length > 0 && (
            <details>
              <summary>{t('std.facets')}</summary>
              <ul>
                {answer.facets.map((x) => (
                  <li key={`${x.facet}-${x.value}`}>
                    {facetName(x.facet)}: <bdi>{facetValue(x.facet, x.value)}</bdi> (
                    {formatNumber(x.count, 0)})
                  </li>
                ))}
              </ul>
            </details>
          )}
          <CaseList items={answer.items} onOpen={onOpen} />
        </>
      )}
    </section>
  );
}

function Similar({ onOpen }: { onOpen: (id: number) => void }) {
  const [f, setF] = useState({ material: '', medium: '', temperature: '', mechanism: '' });
  const [answer, setAnswer] = useState<SimilarPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));

  async function run(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: Record<string, unknown> = { limit: 10 };
    if (f.material.trim()) body.material = f.material.trim();
    if (f.medium.trim()) body.medium = f.medium.trim();
    if (f.temperature.trim()) body.temperature_c = Number(f.temperature);
    if (f.mechanism) body.mechanism_ids = [f.mechanism];
    const r = await post<SimilarPage>('/api/v1/public-cases/similar', body);
    setBusy(false);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setProblem(r.problem);
    }
  }

  return (
    <section aria-labelledby="case-similar-h">
      <h2 id="case-similar-h">{t('cases.similar')}</h2>
      <form noValidate aria-busy={busy} onSubmit={run}>
        <div class="grid-2">
          <Field id="sim-material" label={t('cases.material')}>
            <input
              id="sim-material"
              value={f.material}
              onInput={(e) => set('material', e.currentTarget.value)}
            />
          </Field>
          <Field id="sim-medium" label={t('cases.medium')}>
            <input
              id="sim-medium"
              value={f.medium}
              onInput={(e) => set('medium', e.currentTarget.value)}
            />
          </Field>
          <Field id="sim-temp" label={t('std.temperature')}>
            <input
              id="sim-temp"
              type="number"
              inputMode="decimal"
              step="any"
              value={f.temperature}
              onInput={(e) => set('temperature', e.currentTarget.value)}
            />
          </Field>
          <SelectField
            id="sim-mechanism"
            label={t('cases.mechanism')}
            value={f.mechanism}
            onChange={(v) => set('mechanism', v)}
            options={mechanismOptions(t('std.any'))}
          />
        </div>
        <SubmitRow busy={busy} label={t('cases.similar_submit')} />
      </form>
      <ProblemBox problem={problem} />
      {answer && (
        <ul class="clause-list" data-testid="similar-results">
          {answer.items.map(({ case: c, similarity }) => (
            <li key={c.id}>
              <button type="button" class="link-button" onClick={() => onOpen(c.id)}>
                <span dir="auto">
                  <CaseTitle c={c} />
                </span>
              </button>{' '}
              <span class="badge">
                {t('cases.score', { score: formatNumber(similarity.score * 100, 0) })}
              </span>
              <ul>
                {similarity.matched.map((m) => (
                  <li key={m.aspect}>
                    {t(`cases:similar_aspect.${m.aspect}`)}:{' '}
                    {t('cases.score', { score: formatNumber(m.score * 100, 0) })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The public case named by `?case=<id>`, if any. */
export function caseFromSearch(search: string): number | null {
  const n = Number(new URLSearchParams(search).get('case'));
  return Number.isInteger(n) && n > 0 ? n : null;
}

export default function CasesPage() {
  const { me, loaded } = useSession();
  const [open, setOpen] = useState<number | null>(() => caseFromSearch(location.search));
  const show = (id: number | null) => {
    setOpen(id);
    history.replaceState(null, '', id === null ? '/cases' : `/cases?case=${id}`);
  };
  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p>{t('cases.intro')}</p>
      {open !== null && <CaseDetail id={open} onClose={() => show(null)} />}
      <Search onOpen={show} />
      <Similar onOpen={show} />
      {me ? <SubmitCase /> : loaded && <AccountNeeded reason="submit_case" />}
    </>
  );
}
