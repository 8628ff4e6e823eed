// The free four-level quick query: material, bath (preset or components), conditions and
// features in; a result card with grade, governing reason, mechanisms, limits, mitigations and
// alternatives out. The query is mirrored in the URL so it can be shared and printed.
import { SourceCite } from '../components/source_cite';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AnyValue, humanize } from '../components/any_value';
import { EngineConditions } from '../components/engine_conditions';
import { EngineExplanation, isPhraseList } from '../components/engine_phrases';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { assess, vocabulary, type EngineSource } from '../engine/adapter';
import { decodeQuery, encodeQuery } from '../engine/query_url';
import {
  CONCENTRATION_UNITS,
  componentAmount,
  type AssessRequest,
  type AssessResult,
  type ConcentrationUnit,
  type ConditionValue,
  type MechanismLimit,
  type OperatingLimit,
  type SourceRef,
  type Vocabulary,
  type VocabularyNamed,
} from '../engine/types';
import { currentLanguage, formatNumber, formatUnit, hasKb, kb, kbSentence, t } from '../i18n';
import { fieldErrors, type Problem } from '../lib/api';

interface Row {
  species: string;
  unit: ConcentrationUnit;
  value: string;
}

export interface FormState {
  material: string;
  mode: 'preset' | 'custom';
  preset: string;
  rows: Row[];
  temperature: string;
  boiling: boolean;
  ph: string;
  aeration: string;
  phase: 'liquid' | 'gas';
  /** '' = not known (the answer then says what depends on it), 'true' or 'false'. */
  crevices: '' | 'true' | 'false';
  galvanic: string;
  potential: string;
  cathodic: boolean;
  anodic: string;
  stress: boolean;
  velocity: string;
}

export const EMPTY: FormState = {
  material: '',
  mode: 'preset',
  preset: '',
  rows: [],
  temperature: '',
  boiling: false,
  ph: '',
  aeration: '',
  phase: 'liquid',
  crevices: '',
  galvanic: '',
  potential: '',
  cathodic: false,
  anodic: '',
  stress: false,
  velocity: '',
};

/** The vocabulary's own name for an item in the current language (before kb translation). */
export function vocabName(item: VocabularyNamed | undefined, id: string): string {
  if (!item) return id;
  if (currentLanguage() === 'zh' && item.name_zh) return item.name_zh;
  return item.name_en ?? item.name ?? id;
}

const numOrUndef = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function buildRequest(f: FormState): AssessRequest {
  const components = f.rows
    .filter((r) => r.species.trim() !== '' && r.value.trim() !== '')
    .map((r) => ({ species: r.species.trim(), [r.unit]: Number(r.value) }));
  const req: AssessRequest = {
    material: f.material,
    medium: { components, phase: f.phase },
  };
  if (f.mode === 'preset' && f.preset) req.medium.preset = f.preset;
  const temp = numOrUndef(f.temperature);
  if (temp !== undefined) req.medium.temperature_c = temp;
  if (f.boiling) req.medium.boiling = true;
  const ph = numOrUndef(f.ph);
  if (ph !== undefined) req.medium.ph = ph;
  if (f.aeration) req.medium.aeration = f.aeration;
  const features: NonNullable<AssessRequest['features']> = {};
  if (f.crevices !== '') features.crevices = f.crevices === 'true';
  if (f.galvanic) features.galvanic_couple = f.galvanic;
  const pot = numOrUndef(f.potential);
  if (pot !== undefined) features.potential_v_sce = pot;
  if (f.cathodic) features.cathodic_protection = true;
  const an = numOrUndef(f.anodic);
  if (an !== undefined) features.anodic_polarization_v = an;
  if (f.stress) features.residual_stress = true;
  const vel = numOrUndef(f.velocity);
  if (vel !== undefined) features.velocity_m_s = vel;
  if (Object.keys(features).length > 0) req.features = features;
  return req;
}

function formFromRequest(req: AssessRequest): FormState {
  const m = req.medium;
  const f = req.features ?? {};
  return {
    ...EMPTY,
    material: req.material,
    mode: m.preset ? 'preset' : 'custom',
    preset: m.preset ?? '',
    rows: m.components.map((c) => {
      const a = componentAmount(c);
      return { species: c.species, unit: a?.unit ?? 'wt_pct', value: a ? String(a.value) : '' };
    }),
    temperature: m.temperature_c !== undefined ? String(m.temperature_c) : '',
    boiling: !!m.boiling,
    ph: m.ph !== undefined ? String(m.ph) : '',
    aeration: m.aeration ?? '',
    phase: m.phase === 'gas' ? 'gas' : 'liquid',
    crevices: f.crevices === undefined ? '' : f.crevices ? 'true' : 'false',
    galvanic: f.galvanic_couple ?? '',
    potential: f.potential_v_sce !== undefined ? String(f.potential_v_sce) : '',
    cathodic: !!f.cathodic_protection,
    anodic: f.anodic_polarization_v !== undefined ? String(f.anodic_polarization_v) : '',
    stress: !!f.residual_stress,
    velocity: f.velocity_m_s !== undefined ? String(f.velocity_m_s) : '',
  };
}

/** Maps an API field path to the form control it belongs to. */
function errorFor(errors: Record<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    if (errors[n]) return errors[n];
    if (errors[`medium.${n}`]) return errors[`medium.${n}`];
    if (errors[`features.${n}`]) return errors[`features.${n}`];
  }
  return undefined;
}

export default function QueryPage() {
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [vocabProblem, setVocabProblem] = useState<Problem | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [presetFilter, setPresetFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<{ value: AssessResult; source: EngineSource } | null>(null);
  // null: not tried; true: copied; false: the clipboard is unavailable, so show the link.
  const [copied, setCopied] = useState<boolean | null>(null);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function run(f: FormState) {
    setBusy(true);
    setProblem(null);
    setCopied(null);
    const req = buildRequest(f);
    history.replaceState(null, '', `/query?${encodeQuery(req)}`);
    const answer = await assess(req);
    setBusy(false);
    if (answer.ok) {
      setResult({ value: answer.value, source: answer.source });
    } else {
      setResult(null);
      setProblem(answer.problem);
    }
  }

  useEffect(() => {
    void vocabulary().then((r) => {
      if (r.ok) setVocab(r.value);
      else setVocabProblem(r.problem);
      const restored = decodeQuery(location.search);
      if (restored) {
        const f = formFromRequest(restored);
        setForm(f);
        void run(f);
      } else if (r.ok && r.value.materials.length > 0) {
        const first = r.value.materials.find((m) => m.assessable !== false) ?? r.value.materials[0];
        setForm((f) => ({ ...f, material: f.material || first.id }));
      }
    });
  }, []);

  const presets = useMemo(() => {
    const list = vocab?.presets ?? [];
    const q = presetFilter.trim().toLowerCase();
    if (!q) return list;
    // The chosen bath stays in the list so the select never shows a bath that is not chosen.
    return list.filter(
      (p) =>
        p.id === form.preset ||
        [
          kb('preset', p.id, vocabName(p, p.id)),
          p.name_en ?? '',
          p.name_zh ?? '',
          p.name ?? '',
          p.id,
          ...(p.aliases ?? []),
        ].some((s) => s.toLowerCase().includes(q)),
    );
  }, [vocab, presetFilter, form]);

  function choosePreset(id: string) {
    const p = vocab?.presets.find((x) => x.id === id);
    setForm((f) => ({
      ...f,
      preset: id,
      rows: p
        ? p.components.map((c) => {
            const a = componentAmount(c);
            return {
              species: c.species,
              unit: a?.unit ?? 'wt_pct',
              value: a ? String(a.value) : '',
            };
          })
        : f.rows,
      temperature: presetNumber(p, 'temperature_c', 'typical_temperature_c') || f.temperature,
      ph: presetNumber(p, 'ph') || f.ph,
      // The engine rejects a phase that contradicts the preset (wet and dry chlorine are gases).
      phase: p?.phase === 'gas' ? 'gas' : p ? 'liquid' : f.phase,
    }));
  }

  const errors = fieldErrors(problem);
  const materialName = (id: string) =>
    kb(
      'material',
      id,
      vocabName(
        vocab?.materials.find((m) => m.id === id),
        id,
      ),
    );
  const speciesName = (id: string) =>
    kb(
      'species',
      id,
      vocabName(
        vocab?.species.find((s) => s.id === id),
        id,
      ),
    );
  const assessable = (vocab?.materials ?? []).filter((m) => m.assessable !== false);

  const e = {
    material: errorFor(errors, 'material'),
    preset: errorFor(errors, 'preset'),
    components: errorFor(errors, 'components'),
    temperature: errorFor(errors, 'temperature_c'),
    ph: errorFor(errors, 'ph'),
    aeration: errorFor(errors, 'aeration'),
    galvanic: errorFor(errors, 'galvanic_couple'),
    potential: errorFor(errors, 'potential_v_sce'),
    anodic: errorFor(errors, 'anodic_polarization_v'),
    velocity: errorFor(errors, 'velocity_m_s'),
  };

  return (
    <>
      <h1>{t('query.title')}</h1>
      <p class="no-print">{t('query.intro')}</p>
      <ProblemBox problem={vocabProblem} />
      <form
        noValidate
        aria-busy={busy}
        onSubmit={(ev) => {
          ev.preventDefault();
          void run(form);
        }}
      >
        <Field id="q-material" label={t('query.material')} error={e.material}>
          <select
            id="q-material"
            value={form.material}
            onChange={(ev) => set('material', ev.currentTarget.value)}
            {...describedBy('q-material', e.material)}
          >
            {!vocab && form.material && <option value={form.material}>{form.material}</option>}
            {assessable.map((m) => (
              <option key={m.id} value={m.id}>
                {materialName(m.id)}
              </option>
            ))}
          </select>
        </Field>

        <fieldset>
          <legend>{t('query.bath')}</legend>
          <div class="check">
            <input
              type="radio"
              id="q-mode-preset"
              name="mode"
              checked={form.mode === 'preset'}
              onChange={() => set('mode', 'preset')}
            />
            <label for="q-mode-preset">{t('query.mode_preset')}</label>
          </div>
          <div class="check">
            <input
              type="radio"
              id="q-mode-custom"
              name="mode"
              checked={form.mode === 'custom'}
              onChange={() => set('mode', 'custom')}
            />
            <label for="q-mode-custom">{t('query.mode_custom')}</label>
          </div>
          {form.mode === 'preset' && (
            <>
              <Field id="q-preset-filter" label={t('query.preset_search')}>
                <input
                  id="q-preset-filter"
                  type="search"
                  value={presetFilter}
                  onInput={(ev) => setPresetFilter(ev.currentTarget.value)}
                />
              </Field>
              <Field id="q-preset" label={t('query.preset')} error={e.preset}>
                <select
                  id="q-preset"
                  value={form.preset}
                  onChange={(ev) => choosePreset(ev.currentTarget.value)}
                  {...describedBy('q-preset', e.preset)}
                >
                  <option value="">{t('query.preset_none')}</option>
                  {presets.map((p) => (
                    <option key={p.id} value={p.id}>
                      {kb('preset', p.id, vocabName(p, p.id))}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <div role="group" aria-labelledby="q-components-label">
            <p id="q-components-label">
              <strong>{t('query.components')}</strong>
            </p>
            {e.components && (
              <p class="field-error" role="alert">
                {e.components}
              </p>
            )}
            <datalist id="species-list">
              {vocab?.species.map((s) => (
                <option key={s.id} value={s.id}>
                  {[speciesName(s.id), ...(s.aliases ?? [])].join(', ')}
                </option>
              ))}
            </datalist>
            {form.rows.map((row, i) => {
              const rowError =
                errors[`medium.components[${i}].species`] ??
                errors[`medium.components[${i}]`] ??
                errors[`components[${i}].species`];
              const amountError = ['concentration', ...CONCENTRATION_UNITS]
                .map((k) => errors[`medium.components[${i}].${k}`])
                .find(Boolean);
              const update = (patch: Partial<Row>) =>
                setForm((f) => ({
                  ...f,
                  rows: f.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)),
                }));
              return (
                <div class="component-row" key={i}>
                  <Field id={`q-species-${i}`} label={t('query.species')} error={rowError}>
                    <input
                      id={`q-species-${i}`}
                      list="species-list"
                      value={row.species}
                      autoComplete="off"
                      onInput={(ev) => update({ species: ev.currentTarget.value })}
                      {...describedBy(`q-species-${i}`, rowError)}
                    />
                  </Field>
                  <Field id={`q-amount-${i}`} label={t('query.amount')} error={amountError}>
                    <input
                      id={`q-amount-${i}`}
                      type="number"
                      inputMode="decimal"
                      step="any"
                      min="0"
                      value={row.value}
                      onInput={(ev) => update({ value: ev.currentTarget.value })}
                    />
                  </Field>
                  <Field id={`q-unit-${i}`} label={t('query.unit')}>
                    <select
                      id={`q-unit-${i}`}
                      value={row.unit}
                      onChange={(ev) =>
                        update({ unit: ev.currentTarget.value as ConcentrationUnit })
                      }
                    >
                      {CONCENTRATION_UNITS.map((u) => (
                        <option key={u} value={u}>
                          {t(`unit.${u}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <button
                    type="button"
                    onClick={() =>
                      setForm((f) => ({ ...f, rows: f.rows.filter((_, j) => j !== i) }))
                    }
                    aria-label={t('query.remove_component', { n: i + 1 })}
                  >
                    {t('query.remove')}
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              onClick={() =>
                setForm((f) => ({
                  ...f,
                  rows: [...f.rows, { species: '', unit: 'wt_pct', value: '' }],
                }))
              }
            >
              {t('query.add_component')}
            </button>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('query.conditions')}</legend>
          <div class="grid-2">
            <Field id="q-temp" label={t('query.temperature')} error={e.temperature}>
              <input
                id="q-temp"
                type="number"
                inputMode="decimal"
                step="any"
                required
                value={form.temperature}
                onInput={(ev) => set('temperature', ev.currentTarget.value)}
                {...describedBy('q-temp', e.temperature)}
              />
            </Field>
            <Field id="q-ph" label={t('query.ph')} error={e.ph}>
              <input
                id="q-ph"
                type="number"
                inputMode="decimal"
                step="any"
                min="-2"
                max="16"
                value={form.ph}
                onInput={(ev) => set('ph', ev.currentTarget.value)}
                {...describedBy('q-ph', e.ph)}
              />
            </Field>
            <Field id="q-aeration" label={t('query.aeration')} error={e.aeration}>
              <select
                id="q-aeration"
                value={form.aeration}
                onChange={(ev) => set('aeration', ev.currentTarget.value)}
              >
                <option value="">{t('query.unknown')}</option>
                <option value="aerated">{t('query.aerated')}</option>
                <option value="deaerated">{t('query.deaerated')}</option>
              </select>
            </Field>
            <Field id="q-phase" label={t('query.phase')}>
              <select
                id="q-phase"
                value={form.phase}
                onChange={(ev) => set('phase', ev.currentTarget.value as 'liquid' | 'gas')}
              >
                <option value="liquid">{t('query.liquid')}</option>
                <option value="gas">{t('query.gas')}</option>
              </select>
            </Field>
          </div>
          <div class="check">
            <input
              id="q-boiling"
              type="checkbox"
              checked={form.boiling}
              onChange={(ev) => set('boiling', ev.currentTarget.checked)}
            />
            <label for="q-boiling">{t('query.boiling')}</label>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('query.features')}</legend>
          <Field id="q-crevices" label={t('query.crevices')}>
            <select
              id="q-crevices"
              value={form.crevices}
              onChange={(ev) => set('crevices', ev.currentTarget.value as FormState['crevices'])}
            >
              <option value="">{t('query.unknown')}</option>
              <option value="false">{kb('condition', 'crevices.false')}</option>
              <option value="true">{kb('condition', 'crevices.true')}</option>
            </select>
          </Field>
          {(
            [
              ['cathodic', 'q-cathodic'],
              ['stress', 'q-stress'],
            ] as const
          ).map(([key, id]) => (
            <div class="check" key={key}>
              <input
                id={id}
                type="checkbox"
                checked={form[key]}
                onChange={(ev) => set(key, ev.currentTarget.checked)}
              />
              <label for={id}>{t(`query.${key}`)}</label>
            </div>
          ))}
          <div class="grid-2">
            <Field id="q-galvanic" label={t('query.galvanic')} error={e.galvanic}>
              <select
                id="q-galvanic"
                value={form.galvanic}
                onChange={(ev) => set('galvanic', ev.currentTarget.value)}
              >
                <option value="">{t('query.none')}</option>
                {vocab?.materials.map((m) => (
                  <option key={m.id} value={m.id}>
                    {materialName(m.id)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="q-velocity" label={t('query.velocity')} error={e.velocity}>
              <input
                id="q-velocity"
                type="number"
                inputMode="decimal"
                step="any"
                min="0"
                value={form.velocity}
                onInput={(ev) => set('velocity', ev.currentTarget.value)}
                {...describedBy('q-velocity', e.velocity)}
              />
            </Field>
            <Field id="q-potential" label={t('query.potential')} error={e.potential}>
              <input
                id="q-potential"
                type="number"
                inputMode="decimal"
                step="any"
                value={form.potential}
                onInput={(ev) => set('potential', ev.currentTarget.value)}
                {...describedBy('q-potential', e.potential)}
              />
            </Field>
            <Field id="q-anodic" label={t('query.anodic')} error={e.anodic}>
              <input
                id="q-anodic"
                type="number"
                inputMode="decimal"
                step="any"
                value={form.anodic}
                onInput={(ev) => set('anodic', ev.currentTarget.value)}
                {...describedBy('q-anodic', e.anodic)}
              />
            </Field>
          </div>
        </fieldset>

        <div class="actions">
          <button type="submit" class="primary" disabled={busy || !form.material}>
            {busy ? t('common.working') : t('query.submit')}
          </button>
        </div>
      </form>

      <ProblemBox problem={problem} />
      {result && (
        <ResultCard
          result={result.value}
          source={result.source}
          materialName={materialName}
          copied={copied}
          onAnswer={(field, value) => {
            const answered = answerCondition(form, field, value);
            setForm(answered);
            void run(answered);
          }}
          onCopy={async () => {
            try {
              await navigator.clipboard.writeText(location.href);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        />
      )}
    </>
  );
}

function gradeClass(grade: number): string {
  return `grade-${Math.min(4, Math.max(1, Math.round(grade)))}`;
}

/** The engine's warnings, each from its phrase when the catalogue has it. */
function Warnings(props: { warnings: unknown; phrases: unknown }) {
  const { warnings, phrases } = props;
  if (!Array.isArray(warnings)) return <AnyValue value={warnings} />;
  const coded = isPhraseList(phrases) && phrases.length === warnings.length ? phrases : [];
  return (
    <ul data-testid="warnings">
      {(warnings as unknown[]).map((w, i) => (
        <li key={i}>
          <EngineExplanation phrases={coded[i] ? [coded[i]] : undefined} english={w} />
        </li>
      ))}
    </ul>
  );
}

/** The form after answering a condition: the request field it names, set to the answer. */
export function answerCondition(f: FormState, field: string, value: ConditionValue): FormState {
  if (field === 'features.crevices') return { ...f, crevices: value ? 'true' : 'false' };
  if (field === 'medium.aeration') return { ...f, aeration: String(value) };
  return f;
}

function ResultCard(props: {
  result: AssessResult;
  source: EngineSource;
  materialName: (id: string) => string;
  copied: boolean | null;
  onCopy: () => void;
  onAnswer: (field: string, value: ConditionValue) => void;
}) {
  const { result, source, materialName } = props;
  const mechanisms = [...(result.mechanisms ?? [])].sort((a, b) => b.grade - a.grade);
  const byGoverning = mechanisms.filter((m) => m.id === result.governing_mechanism);
  const governing =
    byGoverning.length > 0 ? byGoverning : mechanisms.filter((m) => m.grade === result.grade);
  const verdictWord = kb('verdict', result.verdict, humanize(result.verdict));
  return (
    <section class="result-card" aria-labelledby="result-title" aria-live="polite">
      <h2 id="result-title">{t('result.title')}</h2>
      {source === 'device' && (
        <p class="offline-notice" data-testid="offline-notice">
          {t('result.offline')}
        </p>
      )}
      <div class={`grade ${gradeClass(result.grade)}`} data-testid="grade">
        <span class="grade-number">{result.grade}</span>
        <span>
          {t('result.grade_of', { grade: result.grade })} —{' '}
          <span data-testid="verdict">{verdictWord}</span>
        </span>
      </div>
      <p class="hint">{t(`result.grade_help.${Math.min(4, Math.max(1, result.grade))}`)}</p>
      <EngineConditions conditions={result.conditions ?? []} onAnswer={props.onAnswer} />

      {governing.length > 0 && (
        <>
          <h3>{t('result.governing')}</h3>
          {governing.map((m) => (
            <p key={m.id} data-testid="governing">
              <strong>{kb('mechanism', m.id, humanize(m.id))}</strong>
              {m.reason !== undefined && m.reason !== null && (
                <>
                  {t('result.reason_separator')}
                  <EngineExplanation phrases={m.reason_phrases} english={m.reason} />
                </>
              )}
            </p>
          ))}
        </>
      )}

      {typeof result.general_rate_mm_per_y === 'number' && (
        <p>
          {t('result.general_rate')}:{' '}
          <strong>{formatUnit(result.general_rate_mm_per_y, 'millimeter-per-year', 3)}</strong>
        </p>
      )}

      <h3>{t('result.mechanisms')}</h3>
      <ul class="mechanisms">
        {mechanisms.map((m) => (
          <li key={m.id} class={`g${Math.min(4, Math.max(1, m.grade))}`}>
            <strong>{kb('mechanism', m.id, humanize(m.id))}</strong>{' '}
            <span class={`pill ${gradeClass(m.grade)}`}>
              {t('result.grade_short', { grade: m.grade })}
            </span>
            {m.reason !== undefined && m.reason !== null && (
              <div>
                <EngineExplanation phrases={m.reason_phrases} english={m.reason} />
              </div>
            )}
            {hasContent(m.limits) && (
              <div>
                <em>{t('result.limits')}:</em>{' '}
                {isLimitList(m.limits) ? (
                  <ul>
                    {m.limits.map((l, i) => (
                      <li key={i}>
                        <LimitText limit={l} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <AnyValue value={m.limits} />
                )}
              </div>
            )}
            {hasContent(m.sources) && (
              <details>
                <summary>{t('result.sources')}</summary>
                <Sources value={m.sources} />
              </details>
            )}
          </li>
        ))}
      </ul>

      {hasContent(result.operating_limits) && (
        <>
          <h3>{t('result.operating_limits')}</h3>
          {isOperatingLimitList(result.operating_limits) ? (
            <ul data-testid="operating-limits">
              {result.operating_limits.map((l, i) => (
                <li key={i}>
                  <strong>
                    {parameterName(l.parameter)} {l.bound === 'min' ? '≥' : '≤'}{' '}
                    {formatNumber(l.value, 3)}
                  </strong>
                  {l.mechanism && <> — {kb('mechanism', l.mechanism, humanize(l.mechanism))}</>}
                  {l.source && (
                    <span class="hint">
                      {' '}
                      (<SourceCite source={l.source} />
                      {l.confidence ? `, ${kb('confidence', l.confidence, l.confidence)}` : ''})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <AnyValue value={result.operating_limits} />
          )}
        </>
      )}
      {hasContent(result.mitigations) && (
        <>
          <h3>{t('result.mitigations')}</h3>
          {Array.isArray(result.mitigations) ? (
            <ul data-testid="mitigations">
              {(result.mitigations as unknown[]).map((m, i) => (
                <li key={i}>
                  {typeof m === 'string' && kbSentence('mitigation', m) !== undefined ? (
                    kbSentence('mitigation', m)
                  ) : (
                    <AnyValue value={m} />
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <AnyValue value={result.mitigations} />
          )}
        </>
      )}
      {result.alternatives && result.alternatives.length > 0 && (
        <>
          <h3>{t('result.alternatives')}</h3>
          <ul>
            {result.alternatives.map((a) => (
              <li key={a.material}>
                {materialName(a.material)} —{' '}
                <span class={`pill ${gradeClass(a.grade)}`}>
                  {t('result.grade_short', { grade: a.grade })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {hasContent(result.warnings) && (
        <>
          <h3>{t('result.warnings')}</h3>
          <Warnings warnings={result.warnings} phrases={result.warning_phrases} />
        </>
      )}
      {result.knowledge_version && (
        <p class="hint">
          {/* The version is a content hash, an identifier rather than words: kept as it is. */}
          {t('result.knowledge_version', { version: '\u0000' })
            .split('\u0000')
            .map((part, i) => (
              <span key={i}>
                {i > 0 && <bdi translate={false}>{result.knowledge_version}</bdi>}
                {part}
              </span>
            ))}
        </p>
      )}
      <p class="hint">{t('result.disclaimer')}</p>
      <div class="actions no-print">
        <button type="button" onClick={props.onCopy}>
          {t('result.copy_link')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('result.print')}
        </button>
        <span aria-live="polite">{props.copied === true ? t('result.copied') : ''}</span>
      </div>
      {props.copied === false && (
        <p class="no-print">
          <label for="share-link">{t('result.link_label')}</label>
          <input
            id="share-link"
            readOnly
            value={location.href}
            onFocus={(e) => e.currentTarget.select()}
          />
        </p>
      )}
    </section>
  );
}

function hasContent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return v !== '';
}

function presetNumber(p: Record<string, unknown> | undefined, ...keys: string[]): string {
  for (const k of keys) {
    const v = p?.[k];
    if (typeof v === 'number') return String(v);
  }
  return '';
}

function parameterName(id: string): string {
  return hasKb('parameter', id) ? kb('parameter', id) : humanize(id);
}

function isLimitList(v: unknown): v is MechanismLimit[] {
  return (
    Array.isArray(v) &&
    v.every((x) => x && typeof x === 'object' && 'parameter' in x && 'limit' in x)
  );
}

function isOperatingLimitList(v: unknown): v is OperatingLimit[] {
  return (
    Array.isArray(v) &&
    v.every((x) => x && typeof x === 'object' && 'parameter' in x && 'bound' in x)
  );
}

/** "Temperature (°C): 80 > 70" — the observed value, the comparison that triggered, the limit. */
function LimitText({ limit }: { limit: MechanismLimit }) {
  return (
    <>
      {parameterName(limit.parameter)}:{' '}
      {/* A formula: one left-to-right run, so "80 > 70" reads the same inside Arabic text. */}
      <bdi dir="ltr" data-testid="limit-formula">
        {formatNumber(limit.observed, 3)} {limit.comparison} {formatNumber(limit.limit, 3)}
      </bdi>
    </>
  );
}

function Sources({ value }: { value: unknown }) {
  if (!Array.isArray(value)) return <AnyValue value={value} />;
  return (
    <ul>
      {(value as Array<SourceRef | string>).map((s, i) =>
        typeof s === 'string' ? (
          <li key={i}>
            <SourceCite source={s} />
          </li>
        ) : (
          <li key={i}>
            <SourceCite source={s.source} />
            {s.confidence ? ` (${kb('confidence', s.confidence, s.confidence)})` : ''}
          </li>
        ),
      )}
    </ul>
  );
}
