// The park manager's overview: for a park the user's organization manages, the equipment its
// tenants share with the park (shared level), per tenant and in total, with risk grades, open
// alerts and overdue inspections.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { ScrollTable } from '../components/scroll_table';
import { SelectField } from '../components/select_field';
import { formatDate, formatNumber, t } from '../i18n';
import { get, type Problem } from '../lib/api';
import { useSession, type Me } from '../lib/session';
import { numberOrDash } from './equipment_dashboard';

export interface Park {
  id: number;
  name: string;
  region: string;
  manager_org_id: number | null;
}

/** One tenant's shared items, or the whole park's (without org_id and org_name). */
export interface ParkGroup {
  org_id?: number;
  org_name?: string;
  items: number;
  items_by_grade: number[];
  open_warning_alerts: number;
  open_critical_alerts: number;
  overdue_inspections: number;
}

/** A shared item on the park's attention list (most in need of a look first). */
export interface ParkItem {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  type: string;
  grade: number;
  open_warning_alerts: number;
  open_critical_alerts: number;
  next_inspection_date: string | null;
  inspection_overdue: boolean;
}

export interface ParkOverview {
  park_id: number;
  park_name: string;
  as_of: string;
  tenants: ParkGroup[];
  total: ParkGroup;
  attention: ParkItem[];
}

/** What a park item row says about its inspection: overdue, the next date, or nothing known. */
export function inspectionText(i: ParkItem): string {
  if (!i.next_inspection_date) return t('equipment:park.no_inspection');
  const date = formatDate(i.next_inspection_date);
  return i.inspection_overdue ? t('equipment:park.overdue_since', { date }) : date;
}

/** The parks managed by one of the user's organizations, by name. */
export function managedParks(parks: readonly Park[], me: Me | null): Park[] {
  const orgs = new Set((me?.organizations ?? []).map((o) => String(o.id)));
  return parks
    .filter((p) => p.manager_org_id !== null && orgs.has(String(p.manager_org_id)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The whole-park figures: test id, text key under park., value. */
export function parkTiles(total: ParkGroup): Array<[string, string, string]> {
  return [
    ['park-items', 'items', numberOrDash(total.items)],
    ['park-critical', 'critical_alerts', numberOrDash(total.open_critical_alerts)],
    ['park-warning', 'warning_alerts', numberOrDash(total.open_warning_alerts)],
    ['park-overdue', 'overdue', numberOrDash(total.overdue_inspections)],
  ];
}

/** The table cells of a group after its name: items, grades 1..4, warnings, critical, overdue. */
export function groupCells(g: ParkGroup): string[] {
  const grades = [0, 1, 2, 3].map((i) => numberOrDash(g.items_by_grade[i]));
  return [
    numberOrDash(g.items),
    ...grades,
    numberOrDash(g.open_warning_alerts),
    numberOrDash(g.open_critical_alerts),
    numberOrDash(g.overdue_inspections),
  ];
}

function Headers() {
  return (
    <tr>
      <th scope="col">{t('equipment:park.tenant')}</th>
      <th scope="col">{t('equipment:park.items')}</th>
      {[1, 2, 3, 4].map((n) => (
        <th scope="col" key={n}>
          <span class={`badge grade-${n}`} style={{ whiteSpace: 'nowrap' }}>
            {t('std.grade_n', { n: String(n) })}
          </span>
        </th>
      ))}
      <th scope="col">{t('equipment:park.warning_alerts')}</th>
      <th scope="col">{t('equipment:park.critical_alerts')}</th>
      <th scope="col">{t('equipment:park.overdue')}</th>
    </tr>
  );
}

function Overview({ o }: { o: ParkOverview }) {
  return (
    <>
      <h2 dir="auto" translate={false} data-testid="park-name">
        {o.park_name}
      </h2>
      <p>{t('equipment:dash.as_of', { date: formatDate(o.as_of) })}</p>
      <section aria-labelledby="park-sum-h">
        <h3 id="park-sum-h">{t('equipment:park.summary')}</h3>
        <ul class="clause-list">
          {parkTiles(o.total).map(([testid, key, value]) => (
            <li key={testid} data-testid={testid}>
              <strong>{value}</strong> {t(`equipment:park.${key}`)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="park-tenants-h">
        <h3 id="park-tenants-h">{t('equipment:park.tenants')}</h3>
        {o.tenants.length === 0 ? (
          <p data-testid="park-no-tenants">{t('equipment:park.no_tenants')}</p>
        ) : (
          <ScrollTable labelledBy="park-tenants-h" minWidth="36rem" testId="park-tenants">
            <thead>
              <Headers />
            </thead>
            <tbody>
              {o.tenants.map((g) => (
                <tr key={g.org_id} data-testid="park-tenant">
                  <th scope="row" dir="auto" translate={false}>
                    {g.org_name}
                  </th>
                  {groupCells(g).map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="park-total">
                <th scope="row">{t('equipment:park.total')}</th>
                {groupCells(o.total).map((c, i) => (
                  <td key={i}>
                    <strong>{c}</strong>
                  </td>
                ))}
              </tr>
            </tfoot>
          </ScrollTable>
        )}
        <p class="hint">{t('equipment:park.shared_note')}</p>
      </section>
      {o.attention.length > 0 && (
        <section aria-labelledby="park-attention-h">
          <h3 id="park-attention-h">{t('equipment:park.attention')}</h3>
          <p>{t('equipment:park.attention_intro')}</p>
          <ScrollTable labelledBy="park-attention-h" minWidth="36rem" testId="park-attention">
            <thead>
              <tr>
                <th scope="col">{t('equipment:park.item')}</th>
                <th scope="col">{t('equipment:park.tenant')}</th>
                <th scope="col">{t('equipment:park.grade')}</th>
                <th scope="col">{t('equipment:park.critical_alerts')}</th>
                <th scope="col">{t('equipment:park.warning_alerts')}</th>
                <th scope="col">{t('equipment:park.next_inspection')}</th>
              </tr>
            </thead>
            <tbody>
              {o.attention.map((i) => (
                <tr key={i.id} data-testid="park-item">
                  <th scope="row" dir="auto" translate={false}>
                    {i.name}
                  </th>
                  <td dir="auto" translate={false}>
                    {i.org_name}
                  </td>
                  <td>{t('std.grade_n', { n: String(i.grade) })}</td>
                  <td>{formatNumber(i.open_critical_alerts)}</td>
                  <td>{formatNumber(i.open_warning_alerts)}</td>
                  <td>{inspectionText(i)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
      )}
    </>
  );
}

export default function EquipmentParkPage() {
  const { me, loaded } = useSession();
  const [parks, setParks] = useState<Park[] | null>(null);
  const [parkId, setParkId] = useState('');
  const [data, setData] = useState<ParkOverview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!loaded) return;
    void get<{ parks: Park[] }>('/api/v1/parks').then((r) => {
      if (!r.ok) return setProblem(r.problem);
      const mine = managedParks(r.value.parks ?? [], me);
      setParks(mine);
      setParkId((id) => id || (mine[0] ? String(mine[0].id) : ''));
    });
  }, [loaded, me]);
  useEffect(() => {
    if (!parkId) return;
    setData(null);
    void get<ParkOverview>(`/api/v1/parks/${encodeURIComponent(parkId)}/equipment-overview`).then(
      (r) => {
        if (r.ok) {
          setData(r.value);
          setProblem(null);
        } else setProblem(r.problem);
      },
    );
  }, [parkId]);
  return (
    <>
      <h1>{t('equipment:park.title')}</h1>
      <p>{t('equipment:park.intro')}</p>
      {parks !== null && parks.length === 0 && (
        <p role="status" data-testid="park-none">
          {t('equipment:park.no_park')}
        </p>
      )}
      {parks !== null && parks.length > 1 && (
        <SelectField
          id="park-select"
          label={t('equipment:park.park')}
          value={parkId}
          onChange={setParkId}
          options={parks.map((p) => [String(p.id), p.name] as const)}
        />
      )}
      <ProblemBox problem={problem} />
      {data && <Overview o={data} />}
    </>
  );
}
