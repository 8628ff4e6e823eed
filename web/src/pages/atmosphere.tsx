// ISO 9223 atmospheric corrosivity: first-year corrosion rates and categories per metal.
import { useState } from 'preact/hooks';
import { AnyValue } from '../components/any_value';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { atmosphere } from '../engine/adapter';
import { formatNumber, kb, t } from '../i18n';
import { fieldErrors, type Problem } from '../lib/api';

interface MetalRate {
  rate_um_per_a?: number;
  rate_g_m2_a?: number;
  category?: string;
  iso9224_loss_um?: number;
  iso9224_loss_upper_um?: number;
  iso9224_loss_g_m2?: number;
  iso9224_loss_upper_g_m2?: number;
}

// Each metal's MetalRate, keyed by metal, next to the warnings.
type AtmosphereResult = Record<string, unknown> & { warnings?: unknown };

const METALS = ['carbon_steel', 'zinc', 'copper', 'aluminium'];
const FIELDS = [
  ['temperature_c', 'atm.temperature', '25'],
  ['rh_pct', 'atm.rh', '75'],
  ['so2_mg_m2_d', 'atm.so2', '10'],
  ['cl_mg_m2_d', 'atm.cl', '20'],
  ['years', 'atm.years', '20'],
] as const;

export default function AtmospherePage() {
  const [values, setValues] = useState<Record<string, string>>({
    temperature_c: '',
    rh_pct: '',
    so2_mg_m2_d: '',
    cl_mg_m2_d: '',
    years: '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<AtmosphereResult | null>(null);
  const [years, setYears] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: Record<string, number> = {};
    for (const [k] of FIELDS) if (values[k].trim() !== '') body[k] = Number(values[k]);
    const r = await atmosphere<AtmosphereResult>(body);
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setYears(body.years ?? null);
    } else {
      setResult(null);
      setProblem(r.problem);
    }
  }

  return (
    <>
      <h1>{t('atm.title')}</h1>
      <p>{t('atm.intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <div class="grid-2">
          {FIELDS.map(([k, label, placeholder]) => (
            <Field key={k} id={`atm-${k}`} label={t(label)} error={errors[k]}>
              <input
                id={`atm-${k}`}
                type="number"
                inputMode="decimal"
                step="any"
                placeholder={t('common.example', { value: formatNumber(Number(placeholder), 1) })}
                value={values[k]}
                onInput={(ev) => setValues({ ...values, [k]: ev.currentTarget.value })}
                {...describedBy(`atm-${k}`, errors[k])}
              />
            </Field>
          ))}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('common.working') : t('atm.submit')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
      {result && (
        <section class="result-card" aria-labelledby="atm-result">
          <h2 id="atm-result">{t('atm.result')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('atm.metal')}</th>
                  <th scope="col">{t('atm.rate')}</th>
                  <th scope="col">{t('atm.category')}</th>
                  {years !== null && (
                    <th scope="col">{t('atm.loss', { years: formatNumber(years, 1) })}</th>
                  )}
                </tr>
              </thead>
              <tbody>
                {METALS.filter((m) => result[m]).map((m) => {
                  const r = result[m] as MetalRate;
                  const rate =
                    typeof r.rate_um_per_a === 'number'
                      ? `${formatNumber(r.rate_um_per_a, 2)} ${t('unit.um_per_a')}`
                      : typeof r.rate_g_m2_a === 'number'
                        ? `${formatNumber(r.rate_g_m2_a, 2)} ${t('unit.g_m2_a')}`
                        : '—';
                  const lossLow = r.iso9224_loss_um ?? r.iso9224_loss_g_m2;
                  const lossHigh = r.iso9224_loss_upper_um ?? r.iso9224_loss_upper_g_m2;
                  const lossUnit = r.iso9224_loss_um !== undefined ? t('unit.um') : t('unit.g_m2');
                  return (
                    <tr key={m}>
                      <th scope="row">{kb('metal', m)}</th>
                      <td>{rate}</td>
                      <td>
                        {r.category ? (
                          <>
                            <strong>{r.category}</strong> — {kb('category', r.category, '')}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      {years !== null && (
                        <td>
                          {typeof lossLow === 'number' && typeof lossHigh === 'number'
                            ? `${formatNumber(lossLow, 1)}–${formatNumber(lossHigh, 1)} ${lossUnit}`
                            : '—'}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {result.warnings !== undefined && (
            <>
              <h3>{t('result.warnings')}</h3>
              <AnyValue value={result.warnings} />
            </>
          )}
          {years !== null && <p class="hint">{t('atm.loss_note')}</p>}
          <p class="hint">{t('atm.source')}</p>
        </section>
      )}
    </>
  );
}
