// The experience atlas: public failure cases grouped by region, language, environment, scale or
// regulatory model, with the commonest mechanisms, root causes and corrective actions of each group
// (groups of fewer than k organizations are withheld). Regulator analysts also get the macro view:
// submitted cases by mechanism × region × quarter, with small cells suppressed.
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField } from '../components/select_field';
import { currentLanguage, formatNumber, kb, t } from '../i18n';
import { fieldErrors, get, type Problem } from '../lib/api';
import { label } from '../lib/labels';
import { useSession } from '../lib/session';
import { hasPlatformRole } from '../routes';

const GROUPINGS = ['region', 'language', 'environment', 'scale', 'regulatory_model'] as const;

/** A group of the atlas as a person reads it: region, size, language or region category. */
export function groupName(by: string, group: string): string {
  if (group === 'withheld') return t('cases:withheld');
  if (group === 'unknown') return t('labels:misc.unknown');
  switch (by) {
    case 'region':
      return label('region', group);
    case 'scale':
      return label('scale', group);
    case 'language':
      return (
        new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(group) ??
        t('labels:misc.unknown')
      );
    case 'regulatory_model':
      return t('cases:atlas.region_category', { c: group.replace(/^category-/, '') });
    default:
      return t('labels:misc.unknown');
  }
}

interface Counted {
  count: number;
}
interface AtlasGroup {
  group: string;
  suppressed: boolean;
  cases: number | null;
  mechanisms?: Array<Counted & { mechanism: string }>;
  root_causes?: Array<Counted & { text: string }>;
  corrective_actions?: Array<Counted & { text: string }>;
}
interface Atlas {
  by: string;
  k: number;
  groups: AtlasGroup[];
}
interface MacroTable {
  k: number;
  from?: string;
  to?: string;
  cells: Array<{
    mechanism: string;
    region: string;
    quarter: string;
    cases: number | null;
    suppressed: boolean;
  }>;
  totals: Array<{
    dimension: string;
    value: string;
    published_cases: number;
    suppressed_cells: number;
  }>;
}

function top<T extends Counted>(list: T[] | undefined, label: (x: T) => string): string {
  return (list ?? [])
    .slice(0, 3)
    .map((x) => `${label(x)} (${formatNumber(x.count, 0)})`)
    .join('; ');
}

function AtlasView() {
  const [by, setBy] = useState<string>('region');
  const [atlas, setAtlas] = useState<Atlas | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setProblem(null);
    void get<Atlas>(`/api/v1/atlas?by=${by}`).then((r) => {
      if (r.ok) setAtlas(r.value);
      else setProblem(r.problem);
    });
  }, [by]);
  return (
    <section aria-labelledby="atlas-h">
      <h2 id="atlas-h">{t('cases:atlas.groups')}</h2>
      <SelectField
        id="atlas-by"
        label={t('cases:atlas.by')}
        value={by}
        onChange={setBy}
        options={GROUPINGS.map((g) => [g, t(`cases:atlas.by_${g}`)] as const)}
      />
      <ProblemBox problem={problem} />
      {atlas && (
        <>
          <p class="hint">{t('cases:atlas.k_note', { k: formatNumber(atlas.k, 0) })}</p>
          <div class="table-wrap table-sticky">
            <table data-testid="atlas">
              <thead>
                <tr>
                  <th scope="col">{t(`cases:atlas.by_${by}`)}</th>
                  <th scope="col">{t('cases:atlas.cases')}</th>
                  <th scope="col">{t('cases.mechanisms')}</th>
                  <th scope="col">{t('cases.root_cause')}</th>
                  <th scope="col">{t('cases.corrective_actions')}</th>
                </tr>
              </thead>
              <tbody>
                {atlas.groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row" dir="auto">
                      {groupName(by, g.group)}
                    </th>
                    {g.suppressed ? (
                      <td colSpan={4}>{t('cases:atlas.suppressed')}</td>
                    ) : (
                      <>
                        <td>{formatNumber(g.cases ?? 0, 0)}</td>
                        <td>{top(g.mechanisms, (m) => kb('mechanism', m.mechanism))}</td>
                        <td translate={false} dir="auto">
                          {top(g.root_causes, (x) => x.text)}
                        </td>
                        <td translate={false} dir="auto">
                          {top(g.corrective_actions, (x) => x.text)}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function MacroView() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [table, setTable] = useState<MacroTable | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);

  /** The counts between two quarters; every quarter when both are empty, as on opening. */
  async function load(range: { from: string; to: string }) {
    setProblem(null);
    const q = new URLSearchParams();
    if (range.from.trim()) q.set('from', range.from.trim());
    if (range.to.trim()) q.set('to', range.to.trim());
    const r = await get<MacroTable>(`/api/v1/macro/case-counts?${q.toString()}`);
    if (r.ok) setTable(r.value);
    else {
      setTable(null);
      setProblem(r.problem);
    }
  }
  useEffect(() => {
    void load({ from: '', to: '' });
  }, []);

  const quarter = (id: string, label: string, value: string, set: (v: string) => void) => (
    <Field id={id} label={label} hint={t('cases:atlas.quarter_hint')} error={errors[id.slice(6)]}>
      <input
        id={id}
        type="text"
        dir="ltr"
        placeholder="2025-Q1"
        value={value}
        onInput={(e) => set(e.currentTarget.value)}
        {...describedBy(id, errors[id.slice(6)], 'hint')}
      />
    </Field>
  );

  return (
    <section aria-labelledby="macro-h">
      <h2 id="macro-h">{t('cases:atlas.macro')}</h2>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void load({ from, to });
        }}
      >
        <div class="grid-2">
          {quarter('macro-from', t('cases:atlas.from'), from, setFrom)}
          {quarter('macro-to', t('cases:atlas.to'), to, setTo)}
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('cases:atlas.show')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
      {table && (
        <>
          <p class="hint">{t('cases:atlas.k_note', { k: formatNumber(table.k, 0) })}</p>
          <div class="table-wrap table-sticky">
            <table data-testid="macro">
              <thead>
                <tr>
                  <th scope="col">{t('cases.mechanism')}</th>
                  <th scope="col">{t('cases.region')}</th>
                  <th scope="col">{t('cases:atlas.quarter')}</th>
                  <th scope="col">{t('cases:atlas.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {table.cells.map((c) => (
                  <tr key={`${c.mechanism}-${c.region}-${c.quarter}`}>
                    <td>{kb('mechanism', c.mechanism)}</td>
                    <td dir="auto">{label('region', c.region)}</td>
                    <td dir="ltr">{c.quarter}</td>
                    <td>
                      {c.suppressed
                        ? t('cases:atlas.suppressed_cell')
                        : formatNumber(c.cases ?? 0, 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('cases:atlas.totals')}</h3>
          <ul data-testid="macro-totals">
            {table.totals.map((x) => (
              <li key={`${x.dimension}-${x.value}`}>
                {t(`cases:atlas.dim_${x.dimension}`)}
                {x.value && (
                  <>
                    {' '}
                    <span dir="auto">
                      {x.dimension === 'mechanism'
                        ? kb('mechanism', x.value)
                        : x.dimension === 'region'
                          ? label('region', x.value)
                          : x.value}
                    </span>
                  </>
                )}
                :{' '}
                {t('cases:atlas.total_line', {
                  cases: formatNumber(x.published_cases, 0),
                  hidden: formatNumber(x.suppressed_cells, 0),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const analyst = hasPlatformRole('regulator_analyst');

export default function AtlasPage() {
  const { me } = useSession();
  return (
    <>
      <h1>{t('cases:atlas.title')}</h1>
      <p>{t('cases:atlas.intro')}</p>
      <AtlasView />
      {analyst(me) && <MacroView />}
    </>
  );
}
