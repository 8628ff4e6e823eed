// The regional early-warning report for regulator analysts: equipment of every organization
// counted by region, industry and risk grade, with small cells withheld so that no single firm
// can be recognized. Other users get a plain refusal.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { ScrollTable } from '../components/scroll_table';
import { SelectField } from '../components/select_field';
import { currentLanguage, formatDate, formatNumber, t } from '../i18n';
import { get, type Problem } from '../lib/api';
import { query } from './equipment_org';

/** A published count, or null when withheld. */
export type Cell = number | null;

export interface RegionalCells {
  items_by_grade: Cell[];
  items: Cell;
  open_critical_alerts: Cell;
  overdue_inspections: Cell;
}

export interface RegionalRow extends RegionalCells {
  region: string;
  industry: string;
}

export interface RegionalReport {
  as_of: string;
  min_cell_size: number;
  suppressed_cells: number;
  rows: RegionalRow[];
  total: RegionalCells;
}

export interface RegionalFilter {
  region: string;
  industry: string;
}

type Names = Record<string, string | undefined>;

interface Catalog {
  regions: Array<{ code: string; name: string; names?: Names }>;
  industries: Array<{ id: string; names?: Names }>;
}

/** The report's address for a filter; empty members mean all. */
export function reportPath(f: RegionalFilter): string {
  return `/api/v1/reports/regional-risk${query({ region: f.region, industry: f.industry })}`;
}

/** The cells of a row in column order: items, grades 1..4, open critical alerts, overdue. */
export function rowCells(r: RegionalCells): Cell[] {
  const grades = [0, 1, 2, 3].map((i) => r.items_by_grade[i] ?? null);
  return [r.items, ...grades, r.open_critical_alerts, r.overdue_inspections];
}

/** How many cells of the table (rows and total) are withheld. */
export function countWithheld(report: RegionalReport): number {
  return [...report.rows, report.total].flatMap(rowCells).filter((c) => c === null).length;
}

/** The text key explaining a refusal (403: not an analyst; 401: not signed in), else null. */
export function refusalKey(problem: Problem | null): string | null {
  if (!problem || problem.network) return null;
  if (problem.status === 403) return 'equipment:regional.refused';
  if (problem.status === 401) return 'equipment:regional.sign_in';
  return null;
}

/** A name in the interface language, then English, then the id itself. */
export function localName(names: Names | undefined, id: string, lang: string): string {
  return names?.[lang] ?? names?.en ?? id;
}

function CellView({ c }: { c: Cell }) {
  if (c !== null) return <>{formatNumber(c, 0)}</>;
  return (
    <em class="suppressed" data-testid="reg-withheld" style={{ whiteSpace: 'nowrap' }}>
      {t('equipment:regional.withheld')}
    </em>
  );
}

function Headers() {
  return (
    <tr>
      <th scope="col">{t('equipment:regional.region')}</th>
      <th scope="col">{t('equipment:regional.industry')}</th>
      <th scope="col">{t('equipment:regional.items')}</th>
      {[1, 2, 3, 4].map((n) => (
        <th scope="col" key={n}>
          <span class={`badge grade-${n}`} style={{ whiteSpace: 'nowrap' }}>
            {t('std.grade_n', { n: String(n) })}
          </span>
        </th>
      ))}
      <th scope="col">{t('equipment:regional.critical')}</th>
      <th scope="col">{t('equipment:regional.overdue')}</th>
    </tr>
  );
}

function Report({ r, catalog }: { r: RegionalReport; catalog: Catalog }) {
  const lang = currentLanguage();
  const region = (code: string) =>
    localName(catalog.regions.find((x) => x.code === code)?.names, code, lang);
  const industry = (id: string) =>
    id
      ? localName(catalog.industries.find((x) => x.id === id)?.names, id, lang)
      : t('equipment:regional.no_industry');
  const withheld = countWithheld(r);
  return (
    <section aria-labelledby="reg-table-h">
      <h2 id="reg-table-h">{t('equipment:regional.table')}</h2>
      <p>{t('equipment:dash.as_of', { date: formatDate(r.as_of) })}</p>
      {r.rows.length === 0 ? (
        <p data-testid="reg-empty">{t('equipment:regional.empty')}</p>
      ) : (
        <ScrollTable labelledBy="reg-table-h" minWidth="44rem" testId="reg-table">
          <thead>
            <Headers />
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={`${row.region}/${row.industry}`} data-testid="reg-row">
                <th scope="row">{region(row.region)}</th>
                <td>{industry(row.industry)}</td>
                {rowCells(row).map((c, i) => (
                  <td key={i}>
                    <CellView c={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="reg-total">
              <th scope="row" colSpan={2}>
                {t('equipment:regional.total')}
              </th>
              {rowCells(r.total).map((c, i) => (
                <td key={i}>
                  <strong>
                    <CellView c={c} />
                  </strong>
                </td>
              ))}
            </tr>
          </tfoot>
        </ScrollTable>
      )}
      <section aria-labelledby="reg-why-h" data-testid="reg-why">
        <h3 id="reg-why-h">{t('equipment:regional.why_title')}</h3>
        <p>{t('equipment:regional.why', { min: formatNumber(r.min_cell_size, 0) })}</p>
        <p data-testid="reg-withheld-count">
          {t('equipment:regional.withheld_count', { n: formatNumber(withheld, 0) })}
        </p>
      </section>
    </section>
  );
}

export default function EquipmentRegionalPage() {
  const [filter, setFilter] = useState<RegionalFilter>({ region: '', industry: '' });
  const [catalog, setCatalog] = useState<Catalog>({ regions: [], industries: [] });
  const [data, setData] = useState<RegionalReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void get<Catalog>('/api/v1/regions').then((r) => {
      if (r.ok && Array.isArray(r.value?.regions))
        setCatalog({ regions: r.value.regions, industries: r.value.industries ?? [] });
    });
  }, []);
  const path = reportPath(filter);
  useEffect(() => {
    void get<RegionalReport>(path).then((r) => {
      if (r.ok) {
        setData(r.value);
        setProblem(null);
      } else {
        setData(null);
        setProblem(r.problem);
      }
    });
  }, [path]);
  const lang = currentLanguage();
  const refusal = refusalKey(problem);
  return (
    <>
      <h1>{t('equipment:regional.title')}</h1>
      <p>{t('equipment:regional.intro')}</p>
      {refusal ? (
        <div class="problem" role="alert" data-testid="reg-refused">
          <p>{t(refusal)}</p>
        </div>
      ) : (
        <>
          <form
            class="grid-2"
            aria-label={t('equipment:regional.filters')}
            onSubmit={(e) => e.preventDefault()}
          >
            <SelectField
              id="reg-region"
              label={t('equipment:regional.region')}
              value={filter.region}
              onChange={(region) => setFilter((f) => ({ ...f, region }))}
              options={[
                ['', t('equipment:regional.all_regions')],
                ...catalog.regions.map((x) => [x.code, localName(x.names, x.code, lang)] as const),
              ]}
            />
            <SelectField
              id="reg-industry"
              label={t('equipment:regional.industry')}
              value={filter.industry}
              onChange={(industry) => setFilter((f) => ({ ...f, industry }))}
              options={[
                ['', t('equipment:regional.all_industries')],
                ...catalog.industries.map((x) => [x.id, localName(x.names, x.id, lang)] as const),
              ]}
            />
          </form>
          <ProblemBox problem={problem} />
          {data && <Report r={data} catalog={catalog} />}
        </>
      )}
    </>
  );
}
