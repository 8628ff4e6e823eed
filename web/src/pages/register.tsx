// Registration: the person and their organization (kind, region, park, headcount and revenue,
// from which the server derives the scale class).
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { currentLanguage, kb, t } from '../i18n';
import { label } from '../lib/labels';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { navigate } from '../lib/router';
import { ENTERPRISE_KINDS, refreshSession } from '../lib/session';

export const REGISTRATION_KINDS = ENTERPRISE_KINDS;

interface Region {
  code: string;
  name: string;
  /** Names by language code, when the server has them. */
  names?: Record<string, string>;
  category?: string;
  currency?: string;
}
interface Park {
  id: string | number;
  name: string;
  region?: string;
}
interface Registered {
  organization?: { name: string; scale_class?: string };
}

export default function RegisterPage() {
  const [f, setF] = useState({
    name: '',
    email: '',
    password: '',
    orgName: '',
    kind: 'manufacturer',
    region: '',
    industry: '',
    park: '',
    headcount: '',
    revenue: '',
  });
  const [regions, setRegions] = useState<Region[]>([]);
  const [industries, setIndustries] = useState<string[]>([]);
  const [parks, setParks] = useState<Park[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Registered | null>(null);
  const errors = fieldErrors(problem);
  const err = (...names: string[]) => names.map((n) => errors[n]).find(Boolean);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));
  const currency = regions.find((r) => r.code === f.region)?.currency;
  const revenueLabel = currency ? `${t('register.revenue')} (${currency})` : t('register.revenue');

  useEffect(() => {
    void get<{ regions: Region[]; industries?: { id: string }[] }>('/api/v1/regions').then((r) => {
      if (r.ok && Array.isArray(r.value?.industries))
        setIndustries(r.value.industries.map((i) => i.id));
      if (r.ok && Array.isArray(r.value?.regions)) {
        setRegions(r.value.regions);
        if (r.value.regions.length > 0)
          setF((x) => ({ ...x, region: x.region || r.value.regions[0].code }));
      }
    });
  }, []);

  useEffect(() => {
    if (!f.region) return;
    void get<{ parks: Park[] }>(`/api/v1/parks?region=${encodeURIComponent(f.region)}`).then((r) =>
      setParks(r.ok && Array.isArray(r.value?.parks) ? r.value.parks : []),
    );
  }, [f.region]);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const organization: Record<string, unknown> = {
      name: f.orgName,
      kind: f.kind,
      region: f.region,
    };
    if (f.industry.trim()) organization.industry = f.industry.trim();
    if (f.park) organization.park_id = /^\d+$/.test(f.park) ? Number(f.park) : f.park;
    if (f.headcount.trim()) organization.headcount = Number(f.headcount);
    if (f.revenue.trim()) organization.annual_revenue = Number(f.revenue);
    const r = await post<Registered>('/api/v1/auth/register', {
      email: f.email,
      password: f.password,
      name: f.name,
      language: currentLanguage(),
      organization,
    });
    if (!r.ok) {
      setBusy(false);
      setProblem(r.problem);
      return;
    }
    await refreshSession(true);
    setBusy(false);
    setDone(r.value);
  }

  if (done) {
    return (
      <>
        <h1>{t('register.done_title')}</h1>
        <p role="status">
          {t('register.done', {
            org: done.organization?.name ?? '',
            scale: done.organization?.scale_class
              ? kb('scale', done.organization.scale_class)
              : '—',
          })}
        </p>
        <button type="button" class="primary" onClick={() => navigate('/org')}>
          {t('register.to_org')}
        </button>
      </>
    );
  }

  const text = (
    key: keyof typeof f,
    id: string,
    label: string,
    type: 'text' | 'email' | 'password' | 'number',
    error: string | undefined,
    extra: Record<string, unknown> = {},
  ) => (
    <Field id={id} label={label} error={error}>
      <input
        {...({ id, type, ...describedBy(id, error), ...extra } as Record<string, unknown>)}
        value={f[key]}
        onInput={(e) => set(key, e.currentTarget.value)}
      />
    </Field>
  );

  return (
    <>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <fieldset>
          <legend>{t('register.person')}</legend>
          {text('name', 'reg-name', t('register.name'), 'text', err('name'), {
            autoComplete: 'name',
            required: true,
          })}
          {text('email', 'reg-email', t('auth.email'), 'email', err('email'), {
            autoComplete: 'email',
            required: true,
          })}
          {text('password', 'reg-password', t('auth.password'), 'password', err('password'), {
            autoComplete: 'new-password',
            required: true,
            minLength: 10,
          })}
        </fieldset>
        <fieldset>
          <legend>{t('register.organization')}</legend>
          {text('orgName', 'reg-org', t('register.org_name'), 'text', err('organization.name'), {
            autoComplete: 'organization',
            required: true,
          })}
          <Field id="reg-kind" label={t('register.kind')} error={err('organization.kind')}>
            <select
              id="reg-kind"
              value={f.kind}
              onChange={(e) => set('kind', e.currentTarget.value)}
            >
              {REGISTRATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kb('org_kind', k)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="reg-region" label={t('register.region')} error={err('organization.region')}>
            <select
              id="reg-region"
              value={f.region}
              onChange={(e) => set('region', e.currentTarget.value)}
            >
              {regions.length === 0 && <option value="">—</option>}
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {label('region', r.code)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="reg-park"
            label={t('register.park')}
            error={err('organization.park_id')}
            hint={t('members:register.park_hint')}
          >
            <select
              id="reg-park"
              value={f.park}
              onChange={(e) => set('park', e.currentTarget.value)}
            >
              <option value="">{t('register.no_park')}</option>
              {parks.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="reg-industry"
            label={t('register.industry')}
            error={err('organization.industry')}
          >
            <select
              id="reg-industry"
              value={f.industry}
              onChange={(e) => set('industry', e.currentTarget.value)}
            >
              <option value="">—</option>
              {industries.map((i) => (
                <option key={i} value={i}>
                  {label('industry', i)}
                </option>
              ))}
            </select>
          </Field>
          <div class="grid-2">
            {text(
              'headcount',
              'reg-headcount',
              t('register.headcount'),
              'number',
              err('organization.headcount'),
              {
                min: 0,
                step: 1,
                inputMode: 'numeric',
              },
            )}
            {text(
              'revenue',
              'reg-revenue',
              revenueLabel,
              'number',
              err('organization.annual_revenue'),
              {
                min: 0,
                step: 'any',
                inputMode: 'decimal',
              },
            )}
          </div>
          <p class="hint">{t('register.scale_hint')}</p>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('register.submit')}
          </button>
        </div>
      </form>
      <ProblemBox
        problem={problem}
        fields={{
          name: t('register.name'),
          email: t('auth.email'),
          password: t('auth.password'),
          'organization.name': t('register.org_name'),
          'organization.kind': t('register.kind'),
          'organization.region': t('register.region'),
          'organization.park_id': t('register.park'),
          'organization.industry': t('register.industry'),
          'organization.headcount': t('register.headcount'),
          'organization.annual_revenue': revenueLabel,
        }}
      />
    </>
  );
}
