// Equipment of the user's organizations: the list, registering a heater (the engine grades it
// on creation), and one item with readings entry, thickness analysis and alerts.
import i18next from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EngineConditions } from '../components/engine_conditions';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { vocabulary } from '../engine/adapter';
import type { Condition, ConditionValue, Vocabulary } from '../engine/types';
import { LOCALE_TAGS, currentLanguage, formatNumber, kb, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fieldErrors, get, post, request, type Problem } from '../lib/api';
import { formatMeasure, label } from '../lib/labels';
import { projectThickness } from '../lib/projection';
import { ItemPlan } from './equipment_plan';
import { READING_FORMS, ReadingsUpload } from './equipment_upload';
import { vocabName } from './query';

export const EQUIPMENT_KINDS = [
  'immersion_heater',
  'over_the_side_heater',
  'coil_heater',
  'tube_heater',
  'plate_exchanger',
  'shell_tube_exchanger',
  'coil_exchanger',
] as const;

interface Item {
  id: number;
  name: string;
  level?: string;
  share_with?: string | null;
  park_id?: number | null;
  type: string;
  material: string;
  bath_preset?: string | null;
  operating_temperature_c?: number;
  required_wall_mm?: number | null;
  location?: string;
  crevices?: boolean | null;
  aeration?: string | null;
  risk: {
    grade: number;
    verdict: string;
    governing_mechanism: string;
    knowledge_version: string;
    /** What the grade depends on that the item does not say; `field` is the item's field. */
    conditions?: Condition[];
  };
}

interface Analysis {
  cr_long_term_mm_per_a: number;
  cr_short_term_mm_per_a: number;
  governing_rate_mm_per_a: number;
  remaining_life_a: number | null;
  next_inspection_date: string;
  t_required_mm?: number;
  readings_used?: number;
  flags: string[];
}

interface Reading {
  id: number;
  type: string;
  value: number;
  unit: string;
  measured_at: string;
}

interface Alert {
  id: number;
  type: string;
  severity: string;
  status: string;
  code?: string;
  params?: AlertParams;
  last_value?: number;
  count?: number;
}

/** The parameters of an alert's message code. */
export interface AlertParams {
  type?: string;
  value?: number | null;
  unit?: string;
  limit?: number | null;
}

const ALERT_CODES = [
  'alert.above_critical',
  'alert.below_critical',
  'alert.above_target',
  'alert.below_target',
  'alert.outside_window',
];

/** An engine thickness flag in the reader's language; an unknown flag as "unlisted value". */
export function thicknessFlagText(flag: string): string {
  const key = `equipment:thickness_flag.${flag}`;
  return i18next.exists(key) ? t(key) : t('labels:misc.unknown');
}

/** What an alert says, in the reader's language, from its code and parameters. */
export function alertText(a: { type: string; code?: string; params?: AlertParams }): string {
  const p = a.params ?? {};
  const type = p.type ?? a.type;
  // pH has no unit beside its name ("pH 6", not "pH 6 pH").
  const unit = p.unit === 'pH' ? '' : (p.unit ?? '');
  const measure = (v: number | null | undefined) =>
    typeof v === 'number' ? formatMeasure(v, unit, 3) : '';
  const code = a.code && ALERT_CODES.includes(a.code) ? a.code : 'alert.unknown';
  return t(`equipment:${code}`, {
    type: label('reading_type', type),
    value: measure(p.value),
    limit: measure(p.limit),
  });
}

function Grade({ risk }: { risk: Item['risk'] }) {
  return (
    <span class={`grade grade-${risk.grade}`} data-testid="equipment-grade">
      {t('std.grade_n', { n: String(risk.grade) })} — {kb('verdict', risk.verdict)}
    </span>
  );
}

/** Who can see an item, in the order the form offers it: private, or shared with one circle. */
export const ITEM_LEVELS = ['private', 'park', 'association'] as const;

/** The visibility choice of an item as the API stores it. */
export function visibilityOf(item: { level?: string; share_with?: string | null }): string {
  if (item.level !== 'shared') return 'private';
  return item.share_with === 'association' ? 'association' : 'park';
}

/** The API fields for a visibility choice. */
export function levelFields(choice: string): { level: string; share_with?: string } {
  return choice === 'private' ? { level: 'private' } : { level: 'shared', share_with: choice };
}

export { READING_FORMS };

/** The reading the one-reading form sends: null when the value is not a number. */
export function readingFromForm(type: string, value: string, day: string) {
  const form = READING_FORMS.find((r) => r.type === type);
  const v = Number(value.trim().replace(',', '.'));
  if (!form || value.trim() === '' || !Number.isFinite(v)) return null;
  return { type, value: v, unit: form.unit, measured_at: day };
}

/** True when the item has an alert of critical severity that is not resolved yet. */
export function criticalAlertOpen(alerts: { severity: string; status: string }[]): boolean {
  return alerts.some((a) => a.severity === 'critical' && a.status !== 'resolved');
}

const today = () => new Date().toISOString().slice(0, 10);

/** Who sees an item at a level, in a sentence for the reader. */
function LevelHint({ level, id }: { level: string; id: string }) {
  return (
    <p class="hint" id={id} data-testid="level-hint">
      {t(`equipment:eq.level_hint_${level}`)} {t('equipment:eq.level_hint_macro')}
    </p>
  );
}

/** The item's data level: shown, explained and changed by the organization's members. */
function ItemLevel({ item, onChanged }: { item: Item; onChanged: (item: Item) => void }) {
  const visibility = visibilityOf(item);
  const [level, setLevel] = useState(visibility);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(problem);
  const error = errors.level ?? errors.share_with;
  // Another item, or this one saved elsewhere: show its level, dropping an unsaved choice.
  useEffect(() => setLevel(visibility), [item.id, visibility]);

  async function save(ev: Event) {
    ev.preventDefault();
    setSaved(false);
    const r = await request<Item>('PATCH', `/api/v1/equipment/${item.id}`, levelFields(level));
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    setSaved(true);
    onChanged(r.value);
  }

  return (
    <form noValidate onSubmit={save} data-testid="item-level">
      <h3>{t('equipment:eq.level')}</h3>
      <Field id="eq-item-level" label={t('equipment:eq.level_choice')} error={error}>
        <select
          id="eq-item-level"
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value)}
          {...describedBy('eq-item-level', error, 'x')}
        >
          {ITEM_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`equipment:eq.level_${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <LevelHint level={level} id="eq-item-level-hint" />
      <div class="actions">
        <button type="submit" disabled={level === visibilityOf(item)}>
          {t('equipment:eq.level_save')}
        </button>
      </div>
      <ProblemBox problem={problem} />
      {saved && <p role="status">{t('equipment:eq.level_saved')}</p>}
    </form>
  );
}

/**
 * What the item's grade depends on that it does not say (crevices, aeration), asked in place:
 * an answer is stored on the item, which the server grades again.
 */
function ItemConditions({ item, onChanged }: { item: Item; onChanged: (item: Item) => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  async function answer(field: string, value: ConditionValue | null) {
    setBusy(true);
    const r = await request<Item>('PATCH', `/api/v1/equipment/${item.id}`, { [field]: value });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    onChanged(r.value);
  }
  const answered: Array<[string, string]> = [];
  if (typeof item.crevices === 'boolean') answered.push(['crevices', String(item.crevices)]);
  if (item.aeration) answered.push(['aeration', item.aeration]);
  return (
    <>
      <EngineConditions conditions={item.risk.conditions ?? []} onAnswer={answer} busy={busy} />
      {answered.map(([field, value]) => (
        <p key={field} data-testid={`answered-${field}`}>
          {t('kb:condition.answered', { answer: kb('condition', `${field}.${value}`) })}{' '}
          <button type="button" disabled={busy} onClick={() => void answer(field, null)}>
            {t('kb:condition.change')}
          </button>
        </p>
      ))}
      <ProblemBox problem={problem} />
    </>
  );
}

/** One reading at a time: the type by its name, the value with its unit, the day. */
function ReadingForm({ base, onStored }: { base: string; onStored: (message: string) => void }) {
  const [type, setType] = useState<string>('bath_temperature_c');
  const [value, setValue] = useState('');
  const [day, setDay] = useState(today());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [valueError, setValueError] = useState<string | undefined>();
  const form = READING_FORMS.find((r) => r.type === type) ?? READING_FORMS[0];
  const errors = fieldErrors(problem);
  const error = valueError ?? errors['readings[0].value'] ?? errors['readings[0].unit'];
  const dayError = errors['readings[0].measured_at'];

  async function submit(ev: Event) {
    ev.preventDefault();
    const reading = readingFromForm(type, value, day);
    if (!reading) {
      setValueError(t('equipment:eq.value_required'));
      return;
    }
    setValueError(undefined);
    const r = await post<{ reading_ids: number[]; alert_ids: number[] }>(`${base}/readings`, {
      readings: [reading],
    });
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    setValue('');
    onStored(
      t('equipment:eq.saved', {
        readings: r.value.reading_ids.length,
        alerts: r.value.alert_ids.length,
      }),
    );
  }

  return (
    <form noValidate onSubmit={submit} data-testid="reading-form">
      <div class="grid-2">
        <Field
          id="eq-reading-type"
          label={t('equipment:eq.reading_type')}
          error={errors['readings[0].type']}
        >
          <select
            id="eq-reading-type"
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
          >
            {READING_FORMS.map((r) => (
              <option key={r.type} value={r.type}>
                {t(`equipment:eq.reading_${r.type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="eq-reading-value" label={t('equipment:eq.value')} error={error}>
          <span class="input-with-unit">
            <input
              id="eq-reading-value"
              type="number"
              inputMode="decimal"
              step="any"
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
              {...describedBy('eq-reading-value', error)}
            />
            <span class="unit" dir="ltr" data-testid="reading-unit">
              {form.shown}
            </span>
          </span>
        </Field>
        <Field id="eq-reading-day" label={t('equipment:eq.measured_at')} error={dayError}>
          <input
            id="eq-reading-day"
            type="date"
            value={day}
            max={today()}
            onInput={(e) => setDay(e.currentTarget.value)}
            {...describedBy('eq-reading-day', dayError)}
          />
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          {t('equipment:eq.save_reading')}
        </button>
      </div>
      <ProblemBox problem={problem} />
    </form>
  );
}

/** Parses the readings batch typed as JSON: an array of readings or {"readings": [...]}. */
export function parseReadings(text: string): unknown[] | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v)) return v as unknown[];
    if (v && typeof v === 'object' && Array.isArray((v as { readings?: unknown }).readings))
      return (v as { readings: unknown[] }).readings;
  } catch {
    // Not JSON.
  }
  return null;
}

const EXAMPLE_READINGS = JSON.stringify(
  [
    { type: 'wall_thickness_mm', value: 1.2, unit: 'mm', measured_at: '2024-01-15' },
    { type: 'wall_thickness_mm', value: 1.1, unit: 'mm', measured_at: '2025-01-15' },
  ],
  null,
  2,
);

function ItemDetail({
  item,
  onClose,
  onChanged,
}: {
  item: Item;
  onClose: () => void;
  onChanged: (item: Item) => void;
}) {
  const [readings, setReadings] = useState<Reading[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [analysisProblem, setAnalysisProblem] = useState<Problem | null>(null);
  const [batch, setBatch] = useState(EXAMPLE_READINGS);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const base = `/api/v1/equipment/${item.id}`;

  const refresh = useCallback(async () => {
    const [r, a, th] = await Promise.all([
      get<{ items: Reading[] }>(`${base}/readings`),
      get<{ items: Alert[] }>(`${base}/alerts`),
      get<Analysis>(`${base}/thickness-analysis`),
    ]);
    if (r.ok) setReadings(r.value.items ?? []);
    if (a.ok) setAlerts(a.value.items ?? []);
    if (th.ok) {
      setAnalysis(th.value);
      setAnalysisProblem(null);
    } else {
      setAnalysis(null);
      setAnalysisProblem(th.problem);
    }
  }, [base]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function submit(ev: Event) {
    ev.preventDefault();
    setSaved(null);
    const list = parseReadings(batch);
    if (!list) {
      setProblem({ title: t('equipment:eq.bad_json'), status: 0, errors: [], network: false });
      return;
    }
    const r = await post<{ reading_ids: number[]; alert_ids: number[] }>(`${base}/readings`, {
      readings: list,
    });
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    setSaved(
      t('equipment:eq.saved', {
        readings: r.value.reading_ids.length,
        alerts: r.value.alert_ids.length,
      }),
    );
    await refresh();
  }

  async function act(alert: Alert, action: 'acknowledge' | 'resolve') {
    const r = await post(`${base}/alerts/${alert.id}/${action}`, {});
    if (!r.ok) setProblem(r.problem);
    await refresh();
  }

  const lang = currentLanguage();
  const thickness = useMemo(
    () =>
      readings
        .filter((r) => r.type === 'wall_thickness_mm')
        .map((r) => ({ date: r.measured_at.slice(0, 10), thickness_mm: r.value }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    [readings],
  );
  useEffect(() => {
    if (!analysis || !chartRef.current || thickness.length < 2) return;
    const el = chartRef.current;
    const req = analysis.t_required_mm ?? item.required_wall_mm ?? undefined;
    let dispose: (() => void) | undefined;
    let live = true;
    void import('./thickness_chart').then(({ drawChart }) => {
      if (!live) return;
      dispose = drawChart(el, {
        readings: thickness,
        projection: projectThickness(thickness, analysis.governing_rate_mm_per_a, req),
        requiredMm: req,
        labels: {
          measured: t('thk.measured'),
          projected: t('thk.projected'),
          required: t('thk.required'),
          thickness: t('thk.axis_thickness'),
        },
        rtl: lang === 'ar',
        locale: LOCALE_TAGS[lang],
      });
    });
    return () => {
      live = false;
      dispose?.();
    };
  }, [analysis, thickness, lang, item.required_wall_mm]);

  const rate = (x: number) => `${formatNumber(x, 3)} ${t('unit.mm_per_a')}`;
  return (
    <section class="result-card" aria-labelledby="eq-detail-title" data-testid="equipment-detail">
      <h2 id="eq-detail-title" dir="auto" translate={false}>
        {item.name}
      </h2>
      <p>
        <Grade risk={item.risk} />
        {criticalAlertOpen(alerts) && (
          <>
            {' '}
            <span class="badge badge-critical" data-testid="critical-alert-open">
              {t('equipment:eq.critical_open')}
            </span>
          </>
        )}
      </p>
      <p>
        {t(`equipment:eq.type_${item.type}`)} · {kb('material', item.material)}
        {item.risk.governing_mechanism &&
          ` · ${t('std.governing')}: ${kb('mechanism', item.risk.governing_mechanism)}`}
      </p>

      <ItemConditions item={item} onChanged={onChanged} />
      <ItemLevel item={item} onChanged={onChanged} />

      <h3>{t('equipment:eq.readings')}</h3>
      <ReadingForm
        base={base}
        onStored={(message) => {
          setSaved(message);
          void refresh();
        }}
      />
      <details class="advanced">
        <summary>{t('equipment:eq.json_details')}</summary>
        <form noValidate onSubmit={submit} data-testid="batch-form">
          <Field id="eq-batch" label={t('equipment:eq.batch')} hint={t('equipment:eq.batch_hint')}>
            <textarea
              id="eq-batch"
              rows={8}
              dir="ltr"
              value={batch}
              onInput={(e) => setBatch(e.currentTarget.value)}
              {...describedBy('eq-batch', undefined, t('equipment:eq.batch_hint'))}
            />
          </Field>
          <div class="actions">
            <button type="submit">{t('equipment:eq.save_readings')}</button>
          </div>
        </form>
      </details>
      <ProblemBox problem={problem} />
      {saved && <p role="status">{saved}</p>}
      <ReadingsUpload itemId={item.id} onStored={() => void refresh()} />
      <ItemPlan itemId={item.id} />
      {readings.length > 0 && (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('equipment:eq.reading_type')}</th>
                <th scope="col">{t('equipment:eq.value')}</th>
                <th scope="col">{t('equipment:eq.measured_at')}</th>
              </tr>
            </thead>
            <tbody>
              {readings.slice(0, 20).map((r) => (
                <tr key={r.id}>
                  <td>{t(`equipment:eq.reading_${r.type}`)}</td>
                  <td>
                    {formatNumber(r.value, 3)}{' '}
                    {READING_FORMS.find((f) => f.type === r.type)?.shown ?? r.unit}
                  </td>
                  <td>
                    <DateText iso={r.measured_at.slice(0, 10)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t('equipment:eq.thickness')}</h3>
      {analysis ? (
        <>
          <table data-testid="thickness-analysis">
            <tbody>
              <tr>
                <th scope="row">{t('thk.cr_long')}</th>
                <td>{rate(analysis.cr_long_term_mm_per_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.cr_short')}</th>
                <td>{rate(analysis.cr_short_term_mm_per_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.cr_governing')}</th>
                <td>{rate(analysis.governing_rate_mm_per_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.remaining_life')}</th>
                <td>
                  {typeof analysis.remaining_life_a === 'number'
                    ? `${formatNumber(analysis.remaining_life_a, 1)} ${t('unit.years')}`
                    : '—'}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('thk.next_date')}</th>
                <td>
                  <DateText iso={analysis.next_inspection_date} />
                </td>
              </tr>
            </tbody>
          </table>
          {analysis.flags.length > 0 && (
            <ul class="hint" data-testid="thickness-flags">
              {analysis.flags.map((f) => (
                <li key={f}>{thicknessFlagText(f)}</li>
              ))}
            </ul>
          )}
          {thickness.length >= 2 && (
            <div class="chart" ref={chartRef} role="img" aria-label={t('thk.chart_label')} />
          )}
        </>
      ) : (
        <p class="hint" data-status={analysisProblem?.status}>
          {t('equipment:eq.no_analysis')}
        </p>
      )}

      <h3>{t('equipment:eq.alerts')}</h3>
      {alerts.length === 0 ? (
        <p>{t('equipment:eq.no_alerts')}</p>
      ) : (
        <ul class="clause-list" data-testid="equipment-alerts">
          {alerts.map((a) => (
            <li key={a.id}>
              <span class="badge">{t(`equipment:eq.severity_${a.severity}`)}</span>{' '}
              <span class="badge">{t(`equipment:eq.status_${a.status}`)}</span>{' '}
              <span data-testid="alert-text">{alertText(a)}</span>
              <div class="actions">
                {a.status === 'open' && (
                  <button type="button" onClick={() => void act(a, 'acknowledge')}>
                    {t('equipment:eq.acknowledge')}
                  </button>
                )}
                {a.status !== 'resolved' && (
                  <button type="button" onClick={() => void act(a, 'resolve')}>
                    {t('equipment:eq.resolve')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('std.close')}
        </button>
      </div>
    </section>
  );
}

const EMPTY_REGISTRATION = {
  name: '',
  type: 'immersion_heater',
  material: '',
  preset: '',
  temperature: '',
  required: '',
  crevices: '',
  level: 'private',
};

function Register({ onCreated }: { onCreated: (item: Item) => void }) {
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [f, setF] = useState(EMPTY_REGISTRATION);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    void vocabulary().then((r) => {
      if (!r.ok) return;
      setVocab(r.value);
      const first = r.value.materials.find((m) => m.assessable !== false);
      if (first) setF((x) => ({ ...x, material: x.material || first.id }));
    });
  }, []);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: Record<string, unknown> = {
      name: f.name.trim(),
      type: f.type,
      material: f.material,
      operating_temperature_c: f.temperature.trim() === '' ? undefined : Number(f.temperature),
      ...levelFields(f.level),
    };
    if (f.preset) body.bath_preset = f.preset;
    if (f.required.trim()) body.required_wall_mm = Number(f.required);
    if (f.crevices) body.crevices = f.crevices === 'true';
    const r = await post<Item>('/api/v1/equipment', body);
    setBusy(false);
    if (r.ok) {
      setF((x) => ({ ...EMPTY_REGISTRATION, material: x.material }));
      onCreated(r.value);
    } else setProblem(r.problem);
  }

  const text = (
    id: string,
    key: keyof typeof f,
    label: string,
    error: string | undefined,
    type: 'text' | 'number' = 'text',
  ) => (
    <Field id={id} label={label} error={error}>
      {type === 'number' ? (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step="any"
          value={f[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          {...describedBy(id, error)}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={f[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          {...describedBy(id, error)}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="eq-register-h">
      <h2 id="eq-register-h">{t('equipment:eq.register')}</h2>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          {text('eq-name', 'name', t('equipment:eq.name'), errors.name)}
          <Field id="eq-type" label={t('equipment:eq.type')} error={errors.type}>
            <select
              id="eq-type"
              value={f.type}
              onChange={(e) => set('type', e.currentTarget.value)}
            >
              {EQUIPMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`equipment:eq.type_${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="eq-material" label={t('query.material')} error={errors.material}>
            <select
              id="eq-material"
              value={f.material}
              onChange={(e) => set('material', e.currentTarget.value)}
            >
              {(vocab?.materials ?? [])
                .filter((m) => m.assessable !== false)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {kb('material', m.id, vocabName(m, m.id))}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="eq-preset" label={t('std.bath')} error={errors.bath_preset}>
            <select
              id="eq-preset"
              value={f.preset}
              onChange={(e) => set('preset', e.currentTarget.value)}
            >
              <option value="">{t('std.unstated')}</option>
              {(vocab?.presets ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {kb('preset', p.id, vocabName(p, p.id))}
                </option>
              ))}
            </select>
          </Field>
          {text(
            'eq-temp',
            'temperature',
            t('std.temperature'),
            errors.operating_temperature_c,
            'number',
          )}
          {text('eq-required', 'required', t('thk.t_required'), errors.required_wall_mm, 'number')}
          <Field id="eq-crevices" label={t('query.crevices')} error={errors.crevices}>
            <select
              id="eq-crevices"
              value={f.crevices}
              onChange={(e) => set('crevices', e.currentTarget.value)}
              {...describedBy('eq-crevices', errors.crevices)}
            >
              <option value="">{t('query.unknown')}</option>
              <option value="false">{kb('condition', 'crevices.false')}</option>
              <option value="true">{kb('condition', 'crevices.true')}</option>
            </select>
          </Field>
          <Field
            id="eq-level"
            label={t('equipment:eq.level')}
            error={errors.level ?? errors.share_with}
          >
            <select
              id="eq-level"
              value={f.level}
              onChange={(e) => set('level', e.currentTarget.value)}
              {...describedBy('eq-level', errors.level ?? errors.share_with, 'x')}
            >
              {ITEM_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`equipment:eq.level_${l}`)}
                </option>
              ))}
            </select>
            <LevelHint level={f.level} id="eq-level-hint" />
          </Field>
        </div>
        <ProblemBox problem={problem} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('common.working') : t('equipment:eq.register_submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export default function EquipmentPage() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [open, setOpen] = useState<Item | null>(null);

  async function load() {
    const r = await get<{ items: Item[] }>('/api/v1/equipment');
    if (r.ok) {
      setItems(r.value.items);
      // A notice links here as ?item=<id>: open that item.
      const wanted = new URLSearchParams(location.search).get('item');
      const hit = wanted ? r.value.items.find((i) => String(i.id) === wanted) : undefined;
      if (hit) setOpen(hit);
    } else setProblem(r.problem);
  }
  useEffect(() => {
    void load();
  }, []);

  return (
    <>
      <h1>{t('equipment:eq.title')}</h1>
      <p>{t('equipment:eq.intro')}</p>
      {open && (
        <ItemDetail
          item={open}
          onClose={() => setOpen(null)}
          onChanged={(item) => {
            setOpen(item);
            void load();
          }}
        />
      )}
      <section aria-labelledby="eq-list-h">
        <h2 id="eq-list-h">{t('equipment:eq.list')}</h2>
        <ProblemBox problem={problem} />
        {items && items.length === 0 && <p>{t('equipment:eq.empty')}</p>}
        {items && items.length > 0 && (
          <ul class="clause-list" data-testid="equipment-list">
            {items.map((i) => (
              <li key={i.id}>
                <button type="button" class="link-button" onClick={() => setOpen(i)}>
                  <span dir="auto" translate={false}>
                    {i.name}
                  </span>
                </button>{' '}
                <span class={`badge grade-${i.risk.grade}`}>
                  {t('std.grade_n', { n: String(i.risk.grade) })}
                </span>{' '}
                <span class="badge">{t(`equipment:eq.level_short_${visibilityOf(i)}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Register
        onCreated={(item) => {
          setOpen(item);
          void load();
          window.scrollTo(0, 0);
        }}
      />
    </>
  );
}
