// Submitting a failure case (private to the submitter's organization) and asking for its
// publication: the original and the desensitized record the reviewers would publish, side by side.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SubmitRow } from '../components/submit_row';
import { SelectField } from '../components/select_field';
import { currentLanguage, formatDate, formatNumber, kb, t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import {
  BATH_FAMILIES,
  CASE_MATERIALS,
  equipmentLabel,
  familyLabel,
  industryLabel,
  materialLabel,
  presetLabel,
} from './cases_vocabulary';
import { label } from '../lib/labels';

export const FAILURE_MODES = [
  'pitting',
  'crevice',
  'hydriding',
  'fluoride_attack',
  'erosion',
  'scc',
  'galvanic',
  'general_thinning',
  'weld',
  'other',
] as const;

// The mechanism ids a case may name (CaseInput.mechanism_ids in api/fragments/cases.json).
export const MECHANISM_IDS = [
  'temperature_limit',
  'ignition',
  'fluoride_attack',
  'hydrogen_embrittlement',
  'crevice_corrosion',
  'scc_methanol',
  'alkaline_hydrogen_pickup',
  'anodic_breakdown',
  'oxidizer_subthreshold',
  'general_corrosion',
  'erosion',
] as const;

/** Mechanism choices, translated, after a first choice meaning "none chosen". */
export const mechanismOptions = (none: string) => [
  ['', none] as const,
  ...MECHANISM_IDS.map((m) => [m, kb('mechanism', m)] as const),
];

export const CASE_EQUIPMENT_TYPES = [
  'immersion_heater',
  'coil_heater',
  'plate_heat_exchanger',
  'shell_tube_exchanger',
  'anode_basket',
] as const;

export interface CaseForm {
  equipment_type: string;
  material: string;
  grade: string;
  bath_preset: string;
  medium: string;
  temperature: string;
  ph: string;
  chloride: string;
  fluoride: string;
  months: string;
  failure_mode: string;
  mechanism: string;
  morphology: string;
  root_cause: string;
  corrective_actions: string;
  occurred_on: string;
  narrative: string;
}

export const EMPTY_CASE: CaseForm = {
  equipment_type: 'immersion_heater',
  material: '',
  grade: '',
  bath_preset: '',
  medium: '',
  temperature: '',
  ph: '',
  chloride: '',
  fluoride: '',
  months: '',
  failure_mode: 'pitting',
  mechanism: '',
  morphology: '',
  root_cause: '',
  corrective_actions: '',
  occurred_on: '',
  narrative: '',
};

/** A number typed in a form: empty stays unstated, anything else goes to the server as typed. */
function num(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The POST /api/v1/cases body of the form; empty optional fields are left out. */
export function caseBody(f: CaseForm, lang: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    equipment_type: f.equipment_type,
    material: f.material.trim(),
    medium: f.medium.trim(),
    temperature_c: num(f.temperature),
    failure_mode: f.failure_mode,
    language: lang,
  };
  const optional: Array<[string, number | undefined]> = [
    ['ph', num(f.ph)],
    ['chloride_mg_per_l', num(f.chloride)],
    ['fluoride_mg_per_l', num(f.fluoride)],
    ['service_months', num(f.months)],
  ];
  for (const [k, v] of optional) if (v !== undefined) body[k] = v;
  if (f.mechanism) body.mechanism_ids = [f.mechanism];
  if (f.bath_preset) body.bath_preset = f.bath_preset;
  if (f.grade.trim()) body.grade = f.grade.trim();
  for (const k of [
    'morphology',
    'root_cause',
    'corrective_actions',
    'occurred_on',
    'narrative',
  ] as const)
    if (f[k].trim()) body[k] = f[k].trim();
  return body;
}

/** Field errors, with the vocabulary fields' problems said in the reader's language. */
export function caseFieldErrors(problem: Problem | null): Record<string, string> {
  const errors = fieldErrors(problem);
  for (const k of ['material', 'bath_preset', 'medium'] as const)
    if (errors[k]) errors[k] = t(`cases:vocabulary.error_${k}`);
  return errors;
}

/** Moves the reader to what changed: scrolled into view and focused (for screen readers too). */
export function revealElement(el: HTMLElement | null) {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'start', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

/** The form's field errors again next to its button, each linking to its field. */
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: Record<string, string>;
  labels: Record<string, [string, string]>;
}) {
  const shown = Object.keys(errors).filter((k) => labels[k]);
  if (shown.length === 0) return null;
  return (
    <div class="form-error-summary" role="alert" data-testid="form-error-summary">
      <p>{t('cases:vocabulary.errors_heading')}</p>
      <ul>
        {shown.map((k) => (
          <li key={k}>
            <a
              href={`#${labels[k][0]}`}
              onClick={(e) => {
                e.preventDefault();
                revealElement(document.getElementById(labels[k][0]));
              }}
            >
              {labels[k][1]}
            </a>
            : {errors[k]}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface PublicationPreview {
  case_id: number;
  fields: Array<{ field: string; original: string; published: string }>;
  replacements: number;
  k: number;
  generalization_level: number;
  class_size: number;
}

/** The original and the published text of every field, side by side. */
/** The fields of a publication preview, in the order the server compares them. */
export const PREVIEW_FIELDS = [
  'equipment_type',
  'material',
  'grade',
  'bath_preset',
  'medium',
  'temperature_c',
  'ph',
  'chloride_mg_per_l',
  'fluoride_mg_per_l',
  'service_months',
  'morphology',
  'root_cause',
  'corrective_actions',
  'region',
  'industry',
  'scale',
  'occurred_on',
  'narrative',
] as const;

/** Fields whose value is text the submitter wrote (shown as written, never translated). */
const WRITTEN_FIELDS = new Set([
  'grade',
  'medium',
  'morphology',
  'root_cause',
  'corrective_actions',
  'narrative',
]);

/** A service-time band of the published case ("1-3y") as a person reads it. */
export function serviceBandLabel(band: string): string {
  const key = band.replace('<', 'under_').replace('+', '_plus').replace('-', '_to_');
  return t(`cases:service_band.${key}`);
}

/** One value of the preview as a person reads it: vocabulary codes by their label. */
export function previewValue(
  field: string,
  value: string,
  side: 'original' | 'published',
  original = '',
): string {
  // An empty published value of a stated field was withheld; a field never stated stays empty.
  if (!value) return side === 'published' && original ? t('cases:withheld') : '—';
  switch (field) {
    case 'equipment_type':
      return equipmentLabel(value);
    case 'material':
      return materialLabel(value);
    case 'bath_preset':
      return presetLabel(value);
    case 'industry':
      return industryLabel(value);
    case 'region':
      return label('region', value);
    case 'scale':
      return label('scale', value);
    case 'service_months':
      return side === 'original' ? t('cases:months_n', { n: value }) : serviceBandLabel(value);
    default:
      return value;
  }
}

function PreviewCell({
  field,
  value,
  side,
  original = '',
}: {
  field: string;
  value: string;
  side: 'original' | 'published';
  original?: string;
}) {
  const text = previewValue(field, value, side, original);
  return WRITTEN_FIELDS.has(field) ? (
    <td dir="auto" translate={false}>
      {text}
    </td>
  ) : (
    <td dir="auto">{text}</td>
  );
}

export function PreviewTable({ preview }: { preview: PublicationPreview }) {
  return (
    <section class="result-card" aria-labelledby="case-preview-h" data-testid="case-preview">
      <h3 id="case-preview-h">{t('cases:submit.preview')}</h3>
      <p>
        {t('cases:submit.preview_summary', {
          replacements: formatNumber(preview.replacements, 0),
          k: formatNumber(preview.k, 0),
          size: formatNumber(preview.class_size, 0),
          level: formatNumber(preview.generalization_level, 0),
        })}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases:submit.field')}</th>
              <th scope="col">{t('cases:submit.original')}</th>
              <th scope="col">{t('cases:submit.published')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.fields.map((x) => (
              <tr key={x.field} class={x.original !== x.published ? 'changed' : undefined}>
                <th scope="row">{t(`cases:preview_field.${x.field}`)}</th>
                <PreviewCell field={x.field} value={x.original} side="original" />
                <PreviewCell
                  field={x.field}
                  value={x.published}
                  side="published"
                  original={x.original}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export interface CaseReview {
  decision: 'returned' | 'rejected' | 'approved';
  comment: string;
  decided_at: number; // Unix seconds
  reviewer: string;
}

/** The latest review decision, or null when the case was never decided. */
export function latestReview(reviews: CaseReview[] | undefined): CaseReview | null {
  if (!reviews || reviews.length === 0) return null;
  return reviews.reduce((a, b) => (b.decided_at >= a.decided_at ? b : a));
}

/** The owner's view of a case's publication state: the latest decision, its comment, next step. */
export function ReviewState({ caseId }: { caseId: number }) {
  const [state, setState] = useState<{ status: string; reviews?: CaseReview[] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    setProblem(null);
    const r = await get<{ status: string; reviews?: CaseReview[] }>(`/api/v1/cases/${caseId}`);
    if (r.ok) setState(r.value);
    else setProblem(r.problem);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  const latest = latestReview(state?.reviews);
  return (
    <section
      class="result-card"
      aria-labelledby="case-review-state-h"
      data-testid="case-review-state"
    >
      <h3 id="case-review-state-h">{t('cases:decision.state_heading')}</h3>
      <ProblemBox problem={problem} />
      {state && <p>{t(`cases:decision.status_${state.status}`)}</p>}
      {latest && (
        <>
          <p>
            {t(`cases:decision.latest_${latest.decision}`, {
              date: formatDate(new Date(latest.decided_at * 1000).toISOString()),
            })}
          </p>
          {latest.comment && (
            <blockquote class="review-comment" data-testid="case-review-comment">
              {latest.comment}
            </blockquote>
          )}
          {latest.decision !== 'approved' && state?.status === 'private' && (
            <p>
              <strong>{t('cases:decision.next_step')}</strong>
            </p>
          )}
        </>
      )}
      <div class="actions">
        <button type="button" onClick={() => void load()}>
          {t('cases:decision.refresh')}
        </button>
      </div>
    </section>
  );
}

export function SubmitCase() {
  const [f, setF] = useState<CaseForm>(EMPTY_CASE);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [caseId, setCaseId] = useState<number | null>(null);
  const [preview, setPreview] = useState<PublicationPreview | null>(null);
  const errors = caseFieldErrors(problem);
  const set = (k: keyof CaseForm, v: string) => setF((x) => ({ ...x, [k]: v }));
  const stored = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  // Set after each submit: whether the case was stored (show it) or refused (show the errors).
  const [reveal, setReveal] = useState<{ stored: boolean } | null>(null);
  useEffect(() => {
    if (!reveal) return;
    const invalid = document.querySelector<HTMLElement>('#case-submit-form [aria-invalid="true"]');
    revealElement(reveal.stored ? stored.current : (invalid ?? summary.current));
  }, [reveal]);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    setPreview(null);
    const r = await post<{ id: number }>('/api/v1/cases', caseBody(f, currentLanguage()));
    setBusy(false);
    if (r.ok) {
      setCaseId(r.value.id);
      setF(EMPTY_CASE);
    } else setProblem(r.problem);
    setReveal({ stored: r.ok });
  }

  async function requestPublication() {
    if (caseId === null) return;
    setBusy(true);
    setProblem(null);
    const r = await post<PublicationPreview>(`/api/v1/cases/${caseId}/publication`, {});
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setProblem(r.problem);
  }

  const input = (id: string, key: keyof CaseForm, label: string, field: string, number = false) => (
    <Field id={id} label={label} error={errors[field]}>
      {number ? (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step="any"
          value={f[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          {...describedBy(id, errors[field])}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={f[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          {...describedBy(id, errors[field])}
        />
      )}
    </Field>
  );
  const area = (id: string, key: keyof CaseForm, label: string) => (
    <Field id={id} label={label} error={errors[key]}>
      <textarea
        id={id}
        rows={3}
        value={f[key]}
        onInput={(e) => set(key, e.currentTarget.value)}
        {...describedBy(id, errors[key])}
      />
    </Field>
  );

  return (
    <section aria-labelledby="case-submit-h">
      <h2 id="case-submit-h">{t('cases:submit.title')}</h2>
      <p>{t('cases:submit.intro')}</p>
      <form id="case-submit-form" noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          <SelectField
            id="cs-type"
            label={t('cases.equipment_type')}
            value={f.equipment_type}
            onChange={(v) => set('equipment_type', v)}
            options={CASE_EQUIPMENT_TYPES.map((k) => [k, t(`std.equipment_${k}`)] as const)}
            error={errors.equipment_type}
          />
          <SelectField
            id="cs-material"
            label={t('cases.material')}
            value={f.material}
            onChange={(v) => set('material', v)}
            options={[
              ['', t('cases:vocabulary.choose')],
              ...CASE_MATERIALS.map((m) => [m, materialLabel(m)] as const),
            ]}
            hint={t('cases:vocabulary.material_hint')}
            error={errors.material}
          />
          {input('cs-grade', 'grade', t('cases:vocabulary.grade'), 'grade')}
          <Field id="cs-bath" label={t('cases:vocabulary.bath')} error={errors.bath_preset}>
            <select
              id="cs-bath"
              value={f.bath_preset}
              onChange={(e) => set('bath_preset', e.currentTarget.value)}
              {...describedBy('cs-bath', errors.bath_preset)}
            >
              <option value="">{t('cases:vocabulary.bath_none')}</option>
              {BATH_FAMILIES.map(([family, presets]) => (
                <optgroup key={family} label={familyLabel(family)}>
                  {presets.map((p) => (
                    <option key={p} value={p}>
                      {presetLabel(p)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          {input('cs-medium', 'medium', t('cases:vocabulary.medium_extra'), 'medium')}
          {input('cs-temp', 'temperature', t('cases.temperature'), 'temperature_c', true)}
          {input('cs-ph', 'ph', t('cases.ph'), 'ph', true)}
          {input('cs-chloride', 'chloride', t('cases.chloride'), 'chloride_mg_per_l', true)}
          {input('cs-fluoride', 'fluoride', t('cases.fluoride'), 'fluoride_mg_per_l', true)}
          {input('cs-months', 'months', t('cases:submit.months'), 'service_months', true)}
          <SelectField
            id="cs-mode"
            label={t('cases:submit.failure_mode')}
            value={f.failure_mode}
            onChange={(v) => set('failure_mode', v)}
            options={FAILURE_MODES.map((m) => [m, t(`cases.mode_${m}`)] as const)}
            error={errors.failure_mode}
          />
          <SelectField
            id="cs-mechanism"
            label={t('cases.mechanism')}
            value={f.mechanism}
            onChange={(v) => set('mechanism', v)}
            options={mechanismOptions(t('std.unstated'))}
            error={errors.mechanism_ids}
          />
          <Field id="cs-date" label={t('cases:submit.occurred_on')} error={errors.occurred_on}>
            <input
              id="cs-date"
              type="date"
              value={f.occurred_on}
              onInput={(e) => set('occurred_on', e.currentTarget.value)}
              {...describedBy('cs-date', errors.occurred_on)}
            />
          </Field>
          {input('cs-morphology', 'morphology', t('cases.morphology'), 'morphology')}
        </div>
        {area('cs-root', 'root_cause', t('cases.root_cause'))}
        {area('cs-actions', 'corrective_actions', t('cases.corrective_actions'))}
        {area('cs-narrative', 'narrative', t('cases:submit.narrative'))}
        <div ref={summary}>
          <ErrorSummary
            errors={errors}
            labels={{
              material: ['cs-material', t('cases.material')],
              grade: ['cs-grade', t('cases:vocabulary.grade')],
              bath_preset: ['cs-bath', t('cases:vocabulary.bath')],
              medium: ['cs-medium', t('cases.medium')],
              temperature_c: ['cs-temp', t('cases.temperature')],
              ph: ['cs-ph', t('cases.ph')],
              chloride_mg_per_l: ['cs-chloride', t('cases.chloride')],
              fluoride_mg_per_l: ['cs-fluoride', t('cases.fluoride')],
              service_months: ['cs-months', t('cases:submit.months')],
              occurred_on: ['cs-date', t('cases:submit.occurred_on')],
              morphology: ['cs-morphology', t('cases.morphology')],
              root_cause: ['cs-root', t('cases.root_cause')],
              corrective_actions: ['cs-actions', t('cases.corrective_actions')],
              narrative: ['cs-narrative', t('cases:submit.narrative')],
            }}
          />
        </div>
        <SubmitRow busy={busy} label={t('cases:submit.submit')} />
      </form>
      {/* Field problems are said at the fields and in the summary; others here. */}
      {Object.keys(errors).length === 0 && <ProblemBox problem={problem} />}
      {caseId !== null && (
        <div role="status" data-testid="case-submitted" ref={stored}>
          <p>{t('cases:submit.stored', { id: String(caseId) })}</p>
          <div class="actions">
            <button type="button" onClick={requestPublication} disabled={busy}>
              {t('cases:submit.request_publication')}
            </button>
          </div>
        </div>
      )}
      {preview && <PreviewTable preview={preview} />}
      {caseId !== null && <ReviewState key={preview ? 'requested' : 'stored'} caseId={caseId} />}
    </section>
  );
}
