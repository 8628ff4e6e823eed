// Restricted detail of published cases: applying (from the case), the applications the caller made
// (and the released detail once granted), the applications to the caller's organization's cases
// (grant or refuse with a reason) and who read a released detail (the access log).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField } from '../components/select_field';
import { formatDate, t } from '../i18n';
import { DateText } from '../components/date_text';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { secondsToIso } from './proposals_model';

export const RELEASABLE_FIELDS = [
  'temperature_c',
  'ph',
  'chloride_mg_per_l',
  'fluoride_mg_per_l',
  'components',
  'service_months',
  'occurred_on',
  'medium',
  'morphology',
  'root_cause',
  'corrective_actions',
  'narrative',
] as const;

interface Application {
  id: number;
  public_case_id: number;
  purpose?: string;
  requested_fields?: string[];
  status: 'pending' | 'granted' | 'refused' | 'expired';
  created_at?: number;
  decided_at?: number | null;
  reason?: string;
  expires_at?: number | null;
  applicant?: { user_id: number; name: string; organization: string };
  allowed_actions: Array<'grant' | 'refuse' | 'detail'>;
}

interface Detail {
  fields: Record<string, unknown>;
  expires_at?: number;
}

const when = (s: number | null | undefined) => (s ? formatDate(secondsToIso(s)) : '');

/** A released field's value as text (components are a list of species and concentrations). */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value))
    return value
      .map((c) =>
        typeof c === 'object' && c
          ? Object.values(c as Record<string, unknown>).join(' ')
          : String(c),
      )
      .join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The application form shown under a public case. */
export function ApplyForAccess({ publicCaseId }: { publicCaseId: number }) {
  const [purpose, setPurpose] = useState('');
  const [fields, setFields] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const id = `apply-${publicCaseId}`;

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: Record<string, unknown> = { purpose: purpose.trim() };
    if (fields.length) body.requested_fields = fields;
    const r = await post<Application>(`/api/v1/public-cases/${publicCaseId}/applications`, body);
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setProblem(r.problem);
  }

  if (done)
    return (
      <p role="status" data-testid="apply-done">
        {t('cases:access.applied', { id: String(done.id) })}{' '}
        <a href="/case-access">{t('cases:access.follow')}</a>
      </p>
    );
  return (
    <details data-testid="apply">
      <summary>{t('cases:access.apply')}</summary>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <Field id={`${id}-purpose`} label={t('cases:access.purpose')} error={errors.purpose}>
          <textarea
            id={`${id}-purpose`}
            rows={3}
            value={purpose}
            onInput={(e) => setPurpose(e.currentTarget.value)}
            {...describedBy(`${id}-purpose`, errors.purpose)}
          />
        </Field>
        <fieldset>
          <legend>{t('cases:access.fields')}</legend>
          {RELEASABLE_FIELDS.map((f) => (
            <label key={f} class="inline">
              <input
                type="checkbox"
                checked={fields.includes(f)}
                onChange={(e) =>
                  setFields((all) =>
                    e.currentTarget.checked ? [...all, f] : all.filter((x) => x !== f),
                  )
                }
              />{' '}
              {t(`cases:access.field_${f}`)}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('cases:access.send')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
    </details>
  );
}

function ApplicationCard({
  a,
  owner,
  onChanged,
}: {
  a: Application;
  owner: boolean;
  onChanged: () => void;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reason, setReason] = useState('');
  const [detail, setDetail] = useState<Detail | null>(null);
  const [log, setLog] = useState<Array<{
    user_name?: string;
    user_id: number;
    at: number;
    fields: string[];
  }> | null>(null);
  const [busy, setBusy] = useState(false);
  const can = (x: 'grant' | 'refuse' | 'detail') => a.allowed_actions.includes(x);
  const head = `app-${a.id}`;

  async function decide(action: 'grant' | 'refuse') {
    setBusy(true);
    setProblem(null);
    const body = reason.trim() ? { reason: reason.trim() } : {};
    const r = await post<Application>(`/api/v1/case-applications/${a.id}/${action}`, body);
    setBusy(false);
    if (r.ok) onChanged();
    else setProblem(r.problem);
  }
  async function showDetail() {
    const r = await get<Detail>(`/api/v1/case-applications/${a.id}/detail`);
    if (r.ok) setDetail(r.value);
    else setProblem(r.problem);
  }
  async function showLog() {
    const r = await get<{ items: NonNullable<typeof log> }>(
      `/api/v1/case-applications/${a.id}/access-log`,
    );
    if (r.ok) setLog(r.value.items);
    else setProblem(r.problem);
  }

  return (
    <li class="result-card" data-testid="application" data-status={a.status}>
      <h3 id={head}>
        {t('cases:access.application', { id: String(a.id), case: String(a.public_case_id) })}{' '}
        <span class="badge" data-testid="application-status">
          {t(`cases:access.status_${a.status}`)}
        </span>
      </h3>
      {a.applicant && (
        <p dir="auto">
          {a.applicant.name} — {a.applicant.organization}
        </p>
      )}
      {a.purpose && (
        <p dir="auto" class="prewrap">
          {a.purpose}
        </p>
      )}
      <p class="hint">
        {t('cases:access.requested')}:{' '}
        {a.requested_fields?.length
          ? a.requested_fields.map((f) => t(`cases:access.field_${f}`)).join(', ')
          : t('cases:access.all_fields')}
        {a.expires_at ? ` · ${t('cases:access.expires', { date: when(a.expires_at) })}` : ''}
      </p>
      {a.reason && (
        <p>
          {t('cases:access.reason')}: <span dir="auto">{a.reason}</span>
        </p>
      )}
      <ProblemBox problem={problem} />
      {owner && (can('grant') || can('refuse')) && (
        <>
          <Field id={`${head}-reason`} label={t('cases:access.reason_label')}>
            <input
              id={`${head}-reason`}
              type="text"
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </Field>
          <div class="actions">
            {can('grant') && (
              <button
                type="button"
                class="primary"
                disabled={busy}
                aria-describedby={head}
                onClick={() => void decide('grant')}
              >
                {t('cases:access.grant')}
              </button>
            )}
            {can('refuse') && (
              <button
                type="button"
                disabled={busy}
                aria-describedby={head}
                onClick={() => void decide('refuse')}
              >
                {a.status === 'granted' ? t('cases:access.revoke') : t('cases:access.refuse')}
              </button>
            )}
          </div>
        </>
      )}
      <div class="actions">
        {!owner && can('detail') && (
          <button type="button" aria-describedby={head} onClick={() => void showDetail()}>
            {t('cases:access.read')}
          </button>
        )}
        {owner && a.status !== 'pending' && (
          <button type="button" aria-describedby={head} onClick={() => void showLog()}>
            {t('cases:access.log')}
          </button>
        )}
      </div>
      {detail && (
        <table data-testid="released-detail">
          <tbody>
            {Object.entries(detail.fields).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{t(`cases:access.field_${k}`)}</th>
                <td dir="auto">{fieldText(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log && (
        <ul data-testid="access-log">
          {log.length === 0 && <li>{t('cases:access.never_read')}</li>}
          {log.map((e, i) => (
            <li key={i}>
              <DateText seconds={e.at} /> — <span dir="auto">{e.user_name ?? e.user_id}</span>:{' '}
              {e.fields.map((f) => t(`cases:access.field_${f}`)).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export default function CaseAccessPage() {
  const [role, setRole] = useState<string>('applicant');
  const [items, setItems] = useState<Application[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const r = await get<{ items: Application[] }>(`/api/v1/case-applications?role=${role}`);
    if (r.ok) setItems(r.value.items);
    else {
      setItems(null);
      setProblem(r.problem);
    }
  }, [role]);
  useEffect(() => {
    setProblem(null);
    void load();
  }, [load]);
  return (
    <>
      <h1>{t('cases:access.title')}</h1>
      <p>{t('cases:access.intro')}</p>
      <SelectField
        id="access-role"
        label={t('cases:access.show')}
        value={role}
        onChange={setRole}
        options={[
          ['applicant', t('cases:access.mine')],
          ['owner', t('cases:access.to_us')],
        ]}
      />
      <ProblemBox problem={problem} />
      {items && items.length === 0 && (
        <p data-testid="applications-empty">{t('cases:access.none')}</p>
      )}
      {items && items.length > 0 && (
        <ul class="plain-list" data-testid="applications">
          {items.map((a) => (
            <ApplicationCard
              key={a.id}
              a={a}
              owner={role === 'owner'}
              onChanged={() => void load()}
            />
          ))}
        </ul>
      )}
    </>
  );
}
