// Thickness / remaining-life calculator (API 510 vessels, API 570 piping) with a chart of
// thickness over time and its projection.
import { useEffect, useRef, useState } from 'preact/hooks';
import { AnyValue } from '../components/any_value';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { thickness } from '../engine/adapter';
import { LOCALE_TAGS, currentLanguage, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fieldErrors, type Problem } from '../lib/api';
import { projectThickness, type Reading } from '../lib/projection';

interface ThicknessResult {
  cr_long_term_mm_per_a?: number;
  cr_short_term_mm_per_a?: number;
  governing_rate_mm_per_a?: number;
  remaining_life_a?: number;
  next_inspection_interval_a?: number;
  next_inspection_date?: string;
  t_required_mm?: number;
  flags?: unknown;
}

const today = () => new Date().toISOString().slice(0, 10);

export default function ThicknessPage() {
  const [kind, setKind] = useState<'vessel' | 'piping'>('vessel');
  const [pipingClass, setPipingClass] = useState('2');
  const [rows, setRows] = useState([
    { date: '', thickness: '' },
    { date: '', thickness: '' },
  ]);
  const [required, setRequired] = useState('');
  const [asOf, setAsOf] = useState(today());
  const [problem, setProblem] = useState<Problem | null>(null);
  // The answer with the readings and the required thickness it was asked with.
  const [result, setResult] = useState<{
    value: ThicknessResult;
    readings: Reading[];
    requiredMm?: number;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const chartRef = useRef<HTMLDivElement>(null);
  const errors = fieldErrors(problem);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const readings = rows
      .filter((r) => r.date && r.thickness.trim() !== '')
      .map((r) => ({ date: r.date, thickness_mm: Number(r.thickness) }));
    const body: Record<string, unknown> = { kind, readings, as_of: asOf };
    if (kind === 'piping') body.piping_class = Number(pipingClass);
    if (required.trim() !== '') body.t_required_mm = Number(required);
    const r = await thickness<ThicknessResult>(body);
    setBusy(false);
    if (r.ok)
      setResult({ value: r.value, readings, requiredMm: required ? Number(required) : undefined });
    else {
      setResult(null);
      setProblem(r.problem);
    }
  }

  const lang = currentLanguage();
  useEffect(() => {
    if (!result || !chartRef.current) return;
    const el = chartRef.current;
    const req = result.value.t_required_mm ?? result.requiredMm;
    let dispose: (() => void) | undefined;
    let live = true;
    void import('./thickness_chart').then(({ drawChart }) => {
      if (!live) return;
      dispose = drawChart(el, {
        readings: result.readings,
        projection: projectThickness(result.readings, result.value.governing_rate_mm_per_a, req),
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
  }, [result, lang]);

  const v = result?.value;
  const rate = (x?: number) =>
    typeof x === 'number' ? `${formatNumber(x, 3)} ${t('unit.mm_per_a')}` : '—';
  const years = (x?: number) =>
    typeof x === 'number' ? `${formatNumber(x, 1)} ${t('unit.years')}` : '—';

  return (
    <>
      <h1>{t('thk.title')}</h1>
      <p>{t('thk.intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          <Field id="thk-kind" label={t('thk.kind')} error={errors.kind}>
            <select
              id="thk-kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as 'vessel' | 'piping')}
            >
              <option value="vessel">{t('thk.vessel')}</option>
              <option value="piping">{t('thk.piping')}</option>
            </select>
          </Field>
          {kind === 'piping' && (
            <Field id="thk-class" label={t('thk.piping_class')} error={errors.piping_class}>
              <select
                id="thk-class"
                value={pipingClass}
                onChange={(e) => setPipingClass(e.currentTarget.value)}
              >
                {['1', '2', '3', '4'].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="thk-required" label={t('thk.t_required')} error={errors.t_required_mm}>
            <input
              id="thk-required"
              type="number"
              inputMode="decimal"
              step="any"
              min="0"
              value={required}
              onInput={(e) => setRequired(e.currentTarget.value)}
              {...describedBy('thk-required', errors.t_required_mm)}
            />
          </Field>
          <Field id="thk-asof" label={t('thk.as_of')} error={errors.as_of}>
            <input
              id="thk-asof"
              type="date"
              value={asOf}
              onInput={(e) => setAsOf(e.currentTarget.value)}
            />
          </Field>
        </div>
        <fieldset>
          <legend>{t('thk.readings')}</legend>
          {errors.readings && (
            <p class="field-error" role="alert">
              {errors.readings}
            </p>
          )}
          {rows.map((r, i) => (
            <div class="grid-2" key={i}>
              <Field
                id={`thk-date-${i}`}
                label={t('thk.date', { n: i + 1 })}
                error={errors[`readings[${i}].date`]}
              >
                <input
                  id={`thk-date-${i}`}
                  type="date"
                  value={r.date}
                  onInput={(e) =>
                    setRows(
                      rows.map((x, j) => (j === i ? { ...x, date: e.currentTarget.value } : x)),
                    )
                  }
                />
              </Field>
              <Field
                id={`thk-value-${i}`}
                label={t('thk.thickness', { n: i + 1 })}
                error={errors[`readings[${i}].thickness_mm`]}
              >
                <input
                  id={`thk-value-${i}`}
                  type="number"
                  inputMode="decimal"
                  step="any"
                  min="0"
                  value={r.thickness}
                  onInput={(e) =>
                    setRows(
                      rows.map((x, j) =>
                        j === i ? { ...x, thickness: e.currentTarget.value } : x,
                      ),
                    )
                  }
                />
              </Field>
            </div>
          ))}
          <div class="actions">
            <button type="button" onClick={() => setRows([...rows, { date: '', thickness: '' }])}>
              {t('thk.add_reading')}
            </button>
            {rows.length > 2 && (
              <button type="button" onClick={() => setRows(rows.slice(0, -1))}>
                {t('thk.remove_reading')}
              </button>
            )}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('common.working') : t('thk.submit')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
      {v && (
        <section class="result-card" aria-labelledby="thk-result">
          <h2 id="thk-result">{t('thk.result')}</h2>
          <table>
            <tbody>
              <tr>
                <th scope="row">{t('thk.cr_long')}</th>
                <td>{rate(v.cr_long_term_mm_per_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.cr_short')}</th>
                <td>{rate(v.cr_short_term_mm_per_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.cr_governing')}</th>
                <td>
                  <strong>{rate(v.governing_rate_mm_per_a)}</strong>
                </td>
              </tr>
              <tr>
                <th scope="row">{t('thk.t_required')}</th>
                <td>
                  {typeof v.t_required_mm === 'number'
                    ? `${formatNumber(v.t_required_mm, 2)} ${t('unit.mm')}`
                    : '—'}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('thk.remaining_life')}</th>
                <td>
                  <strong>{years(v.remaining_life_a)}</strong>
                </td>
              </tr>
              <tr>
                <th scope="row">{t('thk.interval')}</th>
                <td>{years(v.next_inspection_interval_a)}</td>
              </tr>
              <tr>
                <th scope="row">{t('thk.next_date')}</th>
                <td>{v.next_inspection_date ? <DateText iso={v.next_inspection_date} /> : '—'}</td>
              </tr>
            </tbody>
          </table>
          {v.flags !== undefined &&
            v.flags !== null &&
            !(Array.isArray(v.flags) && v.flags.length === 0) && (
              <>
                <h3>{t('thk.flags')}</h3>
                <AnyValue value={v.flags} />
              </>
            )}
          <h3>{t('thk.chart')}</h3>
          <div class="chart" ref={chartRef} role="img" aria-label={t('thk.chart_label')} />
          <p class="hint">{t('thk.source')}</p>
        </section>
      )}
    </>
  );
}
