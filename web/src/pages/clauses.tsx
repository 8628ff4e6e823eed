// The clause library: full-text search with kind and grade facets, one clause in full, and
// "which clauses bind my heater" (a profile matched against the library, each clause with the
// conditions that selected it). Open to visitors.
import { SourceCite } from '../components/source_cite';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField, type Options } from '../components/select_field';
import { SubmitRow } from '../components/submit_row';
import { vocabulary } from '../engine/adapter';
import type { Vocabulary } from '../engine/types';
import i18next from 'i18next';
import { LANGUAGE_NAMES, currentLanguage, formatNumber, kb, t } from '../i18n';
import { label as vocabLabel } from '../lib/labels';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { vocabName } from './query';

type Texts = Record<string, string>;

export interface Clause {
  id: string;
  number: string;
  kind: 'mandatory' | 'recommended';
  grades: number[];
  title: Texts;
  text: Texts;
  conditions: Record<string, string[] | undefined>;
  equivalences: Array<{ ref: string; extent: string; note?: Texts; uncertain?: boolean }>;
  source?: string;
  confidence?: string;
  display_title?: string;
  matched_terms?: number;
}

interface SearchAnswer {
  items: Clause[];
  total: number;
  facets: { kind?: Record<string, number>; grade?: Record<string, number> };
}

interface MatchedClause {
  id: string;
  number: string;
  title: string;
  kind: string;
  why: MatchReason[];
}

interface MatchAnswer {
  grade: number;
  assessed: boolean;
  governing_mechanism?: string | null;
  mechanisms: string[];
  mandatory: MatchedClause[];
  recommended: MatchedClause[];
}

export const INDUSTRIES = [
  'electroplating',
  'anodizing',
  'pickling',
  'chlor_alkali',
  'seawater',
  'chemical',
  'heater_manufacturing',
  'services',
  'public_sector',
] as const;
export const EQUIPMENT_TYPES = [
  'immersion_heater',
  'coil_heater',
  'plate_heat_exchanger',
  'shell_tube_exchanger',
  'anode_basket',
] as const;
const REGION_CATEGORIES = ['I', 'II', 'III'] as const;
const SCALES = ['micro', 'small', 'medium', 'large'] as const;
const GRADES = [1, 2, 3, 4] as const;

/** A text of the clause in the current language, else English; with the language it is in. */
export function localText(texts: Texts | undefined): { text: string; lang: string } {
  const lang = currentLanguage();
  if (texts?.[lang]) return { text: texts[lang], lang };
  return { text: texts?.en ?? '', lang: 'en' };
}

/** A clause title: in the reader's language, or cited in the standard's own language when the
 *  standard has no text in the reader's. */
export function ClauseTitle({ title }: { title: { text: string; lang: string } }) {
  return title.lang === currentLanguage() ? (
    <span dir="auto">{title.text}</span>
  ) : (
    <cite lang={title.lang} dir="auto">
      {title.text}
    </cite>
  );
}

/** Query string of a clause search; empty filters are left out. */
export function searchQuery(q: string, kind: string, grade: string, lang: string): string {
  const p = new URLSearchParams();
  if (q.trim()) p.set('q', q.trim());
  if (kind) p.set('kind', kind);
  if (grade) p.set('grade', grade);
  if (lang) p.set('lang', lang);
  return p.toString();
}

function gradeLabel(g: number | string) {
  return t('std.grade_n', { n: String(g) });
}

function ClauseDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const [clause, setClause] = useState<Clause | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setClause(null);
    setProblem(null);
    void get<Clause>(`/api/v1/clauses/${encodeURIComponent(id)}`).then((r) => {
      if (r.ok) setClause(r.value);
      else setProblem(r.problem);
    });
  }, [id]);
  const title = localText(clause?.title);
  const text = localText(clause?.text);
  const conditions = Object.entries(clause?.conditions ?? {}).filter(
    ([, v]) => Array.isArray(v) && v.length > 0,
  );
  return (
    <section class="result-card" aria-labelledby="std-detail-title" data-testid="clause-detail">
      <ProblemBox problem={problem} />
      {!clause && !problem && <p>{t('common.loading')}</p>}
      {clause && (
        <>
          <h2 id="std-detail-title">
            <span dir="ltr">{clause.number}</span> <ClauseTitle title={title} />
          </h2>
          <p>
            <span class="badge">{t(`std.kind_${clause.kind}`)}</span> {t('std.grades')}:{' '}
            {clause.grades.map(gradeLabel).join(', ')}
          </p>
          <p lang={text.lang} dir="auto">
            {text.text}
          </p>
          {conditions.length > 0 && (
            <>
              <h3>{t('std.conditions')}</h3>
              <ul>
                {conditions.map(([k, v]) => (
                  <li key={k}>
                    {t(`std.cond_${k}`)}: {listedValues(k, v ?? [])}
                  </li>
                ))}
              </ul>
            </>
          )}
          {clause.equivalences.length > 0 && (
            <>
              <h3>{t('std.equivalences')}</h3>
              <ul>
                {clause.equivalences.map((e) => {
                  const note = localText(e.note);
                  return (
                    <li key={e.ref}>
                      <span dir="ltr">{e.ref}</span> — {t(`std.extent_${e.extent}`)}
                      {e.uncertain && ` (${t('std.unchecked')})`}
                      {note.text && (
                        <>
                          {': '}
                          <span lang={note.lang} dir="auto">
                            {note.text}
                          </span>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {clause.source && (
            <p class="hint">
              {t('std.source')}: <SourceCite source={clause.source} />
              {clause.confidence && ` (${kb('confidence', clause.confidence)})`}
            </p>
          )}
        </>
      )}
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('std.close')}
        </button>
      </div>
    </section>
  );
}

function Search({ onOpen }: { onOpen: (id: string) => void }) {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [grade, setGrade] = useState('');
  const [lang, setLang] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(s: { q: string; kind: string; grade: string; lang: string }) {
    setBusy(true);
    setProblem(null);
    const r = await get<SearchAnswer>(
      `/api/v1/clauses?${searchQuery(s.q, s.kind, s.grade, s.lang)}`,
    );
    setBusy(false);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setProblem(r.problem);
    }
  }
  /** Searches with the form as it stands, or with the facet just chosen in `next`. */
  const run = (next: { kind?: string; grade?: string } = {}) =>
    search({ q, kind: next.kind ?? kind, grade: next.grade ?? grade, lang });

  useEffect(() => {
    void search({ q: '', kind: '', grade: '', lang: '' });
  }, []);

  const facet = (name: 'kind' | 'grade', value: string, label: string, count: number) => {
    const active = (name === 'kind' ? kind : grade) === value;
    const toggle = () => {
      const v = active ? '' : value;
      if (name === 'kind') setKind(v);
      else setGrade(v);
      void run({ [name]: v });
    };
    return (
      <button type="button" key={`${name}-${value}`} aria-pressed={active} onClick={toggle}>
        {label} ({count})
      </button>
    );
  };

  return (
    <section aria-labelledby="std-search-h">
      <h2 id="std-search-h">{t('std.search')}</h2>
      <form
        noValidate
        role="search"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div class="grid-2">
          <Field id="std-q" label={t('std.q')}>
            <input
              id="std-q"
              type="search"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </Field>
          <Field id="std-lang" label={t('std.search_lang')}>
            <select id="std-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
              <option value="">{t('std.any_language')}</option>
              {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="std-kind" label={t('std.kind')}>
            <select id="std-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">{t('std.any')}</option>
              <option value="mandatory">{t('std.kind_mandatory')}</option>
              <option value="recommended">{t('std.kind_recommended')}</option>
            </select>
          </Field>
          <Field id="std-grade" label={t('std.grade')}>
            <select id="std-grade" value={grade} onChange={(e) => setGrade(e.currentTarget.value)}>
              <option value="">{t('std.any')}</option>
              {GRADES.map((g) => (
                <option key={g} value={String(g)}>
                  {gradeLabel(g)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <SubmitRow busy={busy} label={t('std.search_submit')} />
      </form>
      <ProblemBox problem={problem} />
      {answer && (
        <>
          <p role="status" data-testid="clause-total">
            {t('std.total', { count: answer.total })}
          </p>
          <div class="actions" role="group" aria-label={t('std.facets')}>
            {Object.entries(answer.facets.kind ?? {}).map(([k, n]) =>
              facet('kind', k, t(`std.kind_${k}`), n),
            )}
            {Object.entries(answer.facets.grade ?? {}).map(([g, n]) =>
              facet('grade', g, gradeLabel(g), n),
            )}
          </div>
          <ul class="clause-list" data-testid="clause-results">
            {answer.items.map((c) => {
              const title = localText(c.title);
              return (
                <li key={c.id}>
                  <button type="button" class="link-button" onClick={() => onOpen(c.id)}>
                    <span dir="ltr">{c.number}</span> <ClauseTitle title={title} />
                  </button>{' '}
                  <span class="badge">{t(`std.kind_${c.kind}`)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

export interface MatchForm {
  mode: 'conditions' | 'grade';
  material: string;
  preset: string;
  temperature: string;
  grade: string;
  industry: string;
  equipment: string;
  region: string;
  scale: string;
}

/** The POST /api/v1/clauses/match body of the form; unstated fields are left out. */
export function matchBody(f: MatchForm, lang: string): Record<string, unknown> {
  const body: Record<string, unknown> = { lang };
  if (f.mode === 'grade') body.grade = Number(f.grade);
  else {
    body.material = f.material;
    if (f.preset) body.preset = f.preset;
    if (f.temperature.trim() !== '') body.temperature_c = Number(f.temperature);
  }
  if (f.industry) body.industry = f.industry;
  if (f.equipment) body.equipment_type = f.equipment;
  if (f.region) body.region_category = f.region;
  if (f.scale) body.scale_class = f.scale;
  return body;
}

/** One reason the server gives for a matched clause: codes only are shown, never its English. */
export interface MatchReason {
  condition: string;
  value: string;
  detail: string;
  listed: string[];
}

/** A listed code of a clause condition as a person reads it. */
function conditionValue(condition: string, code: string): string {
  switch (condition) {
    case 'industry':
      return vocabLabel('industry', code);
    case 'equipment_type':
      return vocabLabel('equipment_type', code);
    case 'region_category':
      return t('std.region_category_n', { c: code });
    case 'scale_class':
      return vocabLabel('scale', code);
    case 'material_family':
      return i18next.exists(`std.family.${code}`)
        ? t(`std.family.${code}`)
        : vocabLabel('material', code);
    case 'grade':
      return formatNumber(Number(code), 0);
    default:
      return vocabLabel('material', code);
  }
}

/** The condition of a stored clause ("industries") as the match reasons name it ("industry"). */
const CONDITION_OF: Record<string, string> = {
  industries: 'industry',
  equipment_types: 'equipment_type',
  region_categories: 'region_category',
  scale_classes: 'scale_class',
  material_families: 'material_family',
};

/** The values a clause condition lists, as a person reads them, joined for the language. */
export function listedValues(conditionKey: string, codes: string[]): string {
  const name = (c: string) => {
    if (conditionKey === 'media') return kb('preset', c, t('labels:misc.unknown'));
    if (conditionKey === 'mechanisms') return kb('mechanism', c, t('labels:misc.unknown'));
    return conditionValue(CONDITION_OF[conditionKey] ?? conditionKey, c);
  };
  return new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(codes.map(name));
}

/** Why a clause matched, in the reader's language, from the reason's codes. */
export function whyText(w: MatchReason): string {
  const list = (condition: string, codes: string[]) =>
    new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(
      codes.map((c) => conditionValue(condition, c)),
    );
  switch (w.condition) {
    case 'grade':
      return t('std.why_grade_text', {
        grade: conditionValue('grade', w.value),
        grades: list('grade', w.listed),
      });
    case 'unstated':
      return t('std.why_unstated_text', {
        condition: t(`std.why_${w.value}`),
        listed: list(w.value, w.listed),
      });
    case 'medium':
      return t('std.why_medium_text', { bath: kb('preset', w.value, t('labels:misc.unknown')) });
    case 'mechanism':
      return t('std.why_mechanism_text', {
        mechanism: kb('mechanism', w.value, t('labels:misc.unknown')),
      });
    default:
      return t('std.why_listed_text', {
        condition: t(`std.why_${w.condition}`),
        value: conditionValue(w.condition, w.value),
      });
  }
}

function MatchedList({ items, label }: { items: MatchedClause[]; label: string }) {
  return (
    <>
      <h3>
        {label} ({items.length})
      </h3>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <strong>
              <span dir="ltr">{c.number}</span> <span dir="auto">{c.title}</span>
            </strong>
            <ul>
              {c.why.map((w, i) => (
                <li key={i}>{whyText(w)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Inputs of a match profile: the grade or the conditions deciding it, and who it is for. */
export function ProfileFields({
  form,
  set,
  errors,
}: {
  form: MatchForm;
  set: <K extends keyof MatchForm>(k: K, v: MatchForm[K]) => void;
  errors: Record<string, string>;
}) {
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  useEffect(() => {
    void vocabulary().then((r) => {
      if (r.ok) setVocab(r.value);
    });
  }, []);

  const materials = useMemo(
    () => (vocab?.materials ?? []).filter((m) => m.assessable !== false),
    [vocab],
  );
  // Once the materials are known, an empty choice becomes the first of them.
  const firstMaterial = materials[0]?.id;
  useEffect(() => {
    if (firstMaterial && !form.material) set('material', firstMaterial);
  }, [firstMaterial, form.material, set]);
  const select = (
    id: string,
    key: keyof MatchForm,
    label: string,
    options: Options,
    error?: string,
  ) => (
    <SelectField
      id={id}
      label={label}
      value={form[key]}
      onChange={(v) => set(key, v as never)}
      options={options}
      error={error}
    />
  );
  const unstated = ['', t('std.unstated')] as const;
  return (
    <>
      <fieldset>
        <legend>{t('std.match_by')}</legend>
        <label>
          <input
            type="radio"
            id="m-mode-conditions"
            name="m-mode"
            checked={form.mode === 'conditions'}
            onChange={() => set('mode', 'conditions')}
          />{' '}
          {t('std.by_conditions')}
        </label>{' '}
        <label>
          <input
            type="radio"
            id="m-mode-grade"
            name="m-mode"
            checked={form.mode === 'grade'}
            onChange={() => set('mode', 'grade')}
          />{' '}
          {t('std.by_grade')}
        </label>
      </fieldset>
      <div class="grid-2">
        {form.mode === 'conditions' ? (
          <>
            {select(
              'm-material',
              'material',
              t('query.material'),
              materials.map((m) => [m.id, kb('material', m.id, vocabName(m, m.id))] as const),
              errors.material,
            )}
            {select(
              'm-preset',
              'preset',
              t('std.bath'),
              [
                unstated,
                ...(vocab?.presets ?? []).map(
                  (p) => [p.id, kb('preset', p.id, vocabName(p, p.id))] as const,
                ),
              ],
              errors.preset,
            )}
            <Field id="m-temp" label={t('std.temperature')} error={errors.temperature_c}>
              <input
                id="m-temp"
                type="number"
                inputMode="decimal"
                step="any"
                value={form.temperature}
                onInput={(e) => set('temperature', e.currentTarget.value)}
                aria-invalid={errors.temperature_c ? true : undefined}
                aria-describedby={errors.temperature_c ? 'm-temp-error' : undefined}
              />
            </Field>
          </>
        ) : (
          select(
            'm-grade',
            'grade',
            t('std.grade'),
            GRADES.map((g) => [String(g), gradeLabel(g)] as const),
            errors.grade,
          )
        )}
        {select(
          'm-industry',
          'industry',
          t('std.industry'),
          [unstated, ...INDUSTRIES.map((i) => [i, t(`std.industry_${i}`)] as const)],
          errors.industry,
        )}
        {select(
          'm-equipment',
          'equipment',
          t('std.equipment_type'),
          [unstated, ...EQUIPMENT_TYPES.map((i) => [i, t(`std.equipment_${i}`)] as const)],
          errors.equipment_type,
        )}
        {select(
          'm-region',
          'region',
          t('std.region_category'),
          [unstated, ...REGION_CATEGORIES.map((r) => [r, r] as const)],
          errors.region_category,
        )}
        {select(
          'm-scale',
          'scale',
          t('std.scale'),
          [unstated, ...SCALES.map((s) => [s, kb('scale', s)] as const)],
          errors.scale_class,
        )}
      </div>
    </>
  );
}

export const EMPTY_PROFILE: MatchForm = {
  mode: 'conditions',
  material: '',
  preset: '',
  temperature: '',
  grade: '3',
  industry: '',
  equipment: '',
  region: '',
  scale: '',
};

function Match() {
  const [form, setForm] = useState<MatchForm>(EMPTY_PROFILE);
  const [answer, setAnswer] = useState<MatchAnswer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const set = <K extends keyof MatchForm>(k: K, v: MatchForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<MatchAnswer>('/api/v1/clauses/match', matchBody(form, currentLanguage()));
    setBusy(false);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setProblem(r.problem);
    }
  }

  return (
    <section aria-labelledby="std-match-h">
      <h2 id="std-match-h">{t('std.match')}</h2>
      <p>{t('std.match_intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <ProfileFields form={form} set={set} errors={errors} />
        <SubmitRow busy={busy} label={t('std.match_submit')} />
      </form>
      <ProblemBox problem={problem} />
      {answer && (
        <section class="result-card" aria-labelledby="std-match-result" data-testid="match-result">
          <h3 id="std-match-result">
            <span class={`grade grade-${answer.grade}`} data-testid="match-grade">
              {gradeLabel(answer.grade)}
            </span>
          </h3>
          {answer.governing_mechanism && (
            <p>
              {t('std.governing')}: {kb('mechanism', answer.governing_mechanism)}
            </p>
          )}
          <div data-testid="match-mandatory">
            <MatchedList items={answer.mandatory} label={t('std.mandatory_list')} />
          </div>
          <div data-testid="match-recommended">
            <MatchedList items={answer.recommended} label={t('std.recommended_list')} />
          </div>
        </section>
      )}
    </section>
  );
}

export default function ClausesPage() {
  const [open, setOpen] = useState<string | null>(() =>
    new URLSearchParams(location.search).get('clause'),
  );
  const show = (id: string | null) => {
    setOpen(id);
    history.replaceState(null, '', id ? `/clauses?clause=${encodeURIComponent(id)}` : '/clauses');
  };
  return (
    <>
      <h1>{t('std.title')}</h1>
      <p>{t('std.intro')}</p>
      {open && <ClauseDetail id={open} onClose={() => show(null)} />}
      <Search onOpen={(id) => show(id)} />
      <Match />
    </>
  );
}
