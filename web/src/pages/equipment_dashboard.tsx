// The equipment dashboard of one organization: items by risk grade, open alerts, inspections that
// are overdue or coming, maintenance tasks and the latest readings, with exports (CSV, XLSX, PDF)
// and printable QR labels.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { formatDate, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { get, type Problem } from '../lib/api';
import { formatMeasure, label } from '../lib/labels';
import { READING_FORMS } from './equipment_upload';
import { query, useOrgPicker } from './equipment_org';

export interface Dashboard {
  org_id: number;
  as_of: string;
  items: number;
  items_by_grade: number[];
  open_alerts: { warning: number; critical: number };
  readings: Array<{
    type: string;
    items: number;
    in_window: number;
    outside_target: number;
    outside_critical: number;
    no_window: number;
    latest_at: string | null;
    recent_count: number;
    recent_min: number | null;
    recent_max: number | null;
    recent_mean: number | null;
  }>;
  inspections: {
    scheduled: number;
    overdue: number;
    due_soon: number;
    next: Array<{ item_id: number; name: string; next_inspection_date: string; overdue: boolean }>;
  };
  maintenance: { open_tasks: number | null; overdue_tasks: number | null } | null;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;

/** Link to the whole organization's equipment list in one format. */
export function exportHref(format: string, orgId: string): string {
  return `/api/v1/equipment/export${query({ format, org_id: orgId })}`;
}

/** Link to the QR label of one item, or of every item of the organization when itemId is null. */
export function labelHref(itemId: number | null, orgId: string): string {
  return itemId === null
    ? `/api/v1/equipment/labels.pdf${query({ org_id: orgId })}`
    : `/api/v1/equipment/${itemId}/label.pdf`;
}

/** A number, or a dash when there is none. */
export function numberOrDash(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined ? '—' : formatNumber(v, digits);
}

/** A reading type's mean with the type's unit ("58.96 °C"); pH has none beside its name. */
export function meanWithUnit(type: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const unit = READING_FORMS.find((f) => f.type === type)?.unit;
  return unit && unit !== 'pH' ? formatMeasure(v, unit, 2) : formatNumber(v, 2);
}

function Tile({ label, value, testid }: { label: string; value: string; testid: string }) {
  return (
    <li data-testid={testid}>
      <strong>{value}</strong> {label}
    </li>
  );
}

/** The summary figures: test id, text key under dash., value; tasks only when maintenance is on. */
export function summaryTiles(d: Dashboard): Array<[string, string, string]> {
  const tiles: Array<[string, string, string]> = [
    ['dash-items', 'items', numberOrDash(d.items)],
    ['dash-critical', 'critical_alerts', numberOrDash(d.open_alerts.critical)],
    ['dash-warning', 'warning_alerts', numberOrDash(d.open_alerts.warning)],
    ['dash-overdue', 'overdue_inspections', numberOrDash(d.inspections.overdue)],
    ['dash-due-soon', 'due_soon', numberOrDash(d.inspections.due_soon)],
  ];
  const mt = d.maintenance;
  if (mt)
    tiles.push([
      'dash-tasks',
      'overdue_tasks',
      `${numberOrDash(mt.overdue_tasks)} / ${numberOrDash(mt.open_tasks)}`,
    ]);
  return tiles;
}

function View({ d, orgId }: { d: Dashboard; orgId: string }) {
  return (
    <>
      <p>{t('equipment:dash.as_of', { date: formatDate(d.as_of) })}</p>
      <section aria-labelledby="dash-sum-h">
        <h2 id="dash-sum-h">{t('equipment:dash.summary')}</h2>
        <ul class="clause-list">
          {summaryTiles(d).map(([testid, key, value]) => (
            <Tile key={testid} testid={testid} label={t(`equipment:dash.${key}`)} value={value} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="dash-grade-h">
        <h2 id="dash-grade-h">{t('equipment:dash.by_grade')}</h2>
        <table data-testid="dash-grades">
          <thead>
            <tr>
              <th scope="col">{t('equipment:dash.grade')}</th>
              <th scope="col">{t('equipment:dash.items')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items_by_grade.map((n, i) => (
              <tr key={i}>
                <th scope="row">
                  <span class={`badge grade-${i + 1}`}>
                    {t('std.grade_n', { n: String(i + 1) })}
                  </span>
                </th>
                <td>{numberOrDash(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="dash-insp-h">
        <h2 id="dash-insp-h">{t('equipment:dash.next_inspections')}</h2>
        {d.inspections.next.length === 0 ? (
          <p>{t('equipment:dash.no_inspections')}</p>
        ) : (
          <ul class="clause-list" data-testid="dash-next">
            {d.inspections.next.map((n) => (
              <li key={n.item_id}>
                <span dir="auto" translate={false}>
                  {n.name}
                </span>{' '}
                — <DateText iso={n.next_inspection_date} />{' '}
                {n.overdue && <span class="badge grade-4">{t('equipment:dash.overdue')}</span>}{' '}
                <a href={labelHref(n.item_id, orgId)} data-testid="dash-label">
                  {t('equipment:dash.label')}
                  <span class="visually-hidden" translate={false}>
                    {' '}
                    {n.name}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="dash-read-h">
        <h2 id="dash-read-h">{t('equipment:dash.readings')}</h2>
        {d.readings.length === 0 ? (
          <p>{t('equipment:dash.no_readings')}</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="dash-readings">
              <thead>
                <tr>
                  <th scope="col">{t('equipment:eq.reading_type')}</th>
                  <th scope="col">{t('equipment:dash.latest')}</th>
                  <th scope="col">{t('equipment:dash.mean')}</th>
                  <th scope="col">{t('equipment:dash.outside')}</th>
                </tr>
              </thead>
              <tbody>
                {d.readings.map((r) => (
                  <tr key={r.type}>
                    <th scope="row">{label('reading_type', r.type)}</th>
                    <td>{r.latest_at ? <DateText iso={r.latest_at} /> : '—'}</td>
                    <td>{meanWithUnit(r.type, r.recent_mean)}</td>
                    <td>
                      {numberOrDash(r.outside_target + r.outside_critical)} /{' '}
                      {numberOrDash(r.items)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export default function EquipmentDashboardPage() {
  const { orgId, picker, hasOrg } = useOrgPicker('dash-org');
  const [data, setData] = useState<Dashboard | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!orgId) return;
    setData(null);
    void get<Dashboard>(`/api/v1/dashboard${query({ org_id: orgId })}`).then((r) => {
      if (r.ok) {
        setData(r.value);
        setProblem(null);
      } else setProblem(r.problem);
    });
  }, [orgId]);
  return (
    <>
      <h1>{t('equipment:dash.title')}</h1>
      <p>{t('equipment:dash.intro')}</p>
      {!hasOrg && <p>{t('equipment:views.no_org')}</p>}
      {picker}
      <ProblemBox problem={problem} />
      {data && <View d={data} orgId={orgId} />}
      {orgId && (
        <section aria-labelledby="dash-exp-h">
          <h2 id="dash-exp-h">{t('equipment:dash.exports')}</h2>
          <ul class="clause-list" data-testid="dash-exports">
            {EXPORT_FORMATS.map((f) => (
              <li key={f}>
                <a href={exportHref(f, orgId)} download>
                  {t(`equipment:dash.export_${f}`)}
                </a>
              </li>
            ))}
            <li>
              <a href={labelHref(null, orgId)} download>
                {t('equipment:dash.all_labels')}
              </a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
