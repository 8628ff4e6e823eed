import { describe, expect, it } from 'vitest';
import { formatDate, t } from '../i18n';
import type { Problem } from '../lib/api';
import type { Me } from '../lib/session';
import {
  groupCells,
  inspectionText,
  managedParks,
  parkTiles,
  type Park,
  type ParkGroup,
  type ParkItem,
} from './equipment_park';
import {
  countWithheld,
  localName,
  refusalKey,
  reportPath,
  rowCells,
  type RegionalReport,
} from './equipment_regional';

const me = (orgIds: Array<number | string>): Me => ({
  user: { id: 1, email: 'a@b.example', name: 'A' },
  organizations: orgIds.map((id) => ({
    id,
    name: `Org ${id}`,
    kind: 'industrial_park',
    role: 'admin',
  })),
  platform_roles: [],
});

const parks: Park[] = [
  { id: 3, name: 'Xishan', region: 'cn-west', manager_org_id: 4 },
  { id: 1, name: 'Jinhe', region: 'cn-east', manager_org_id: 2 },
  { id: 2, name: 'Donghai', region: 'cn-east', manager_org_id: 3 },
  { id: 4, name: 'Unmanaged', region: 'cn-east', manager_org_id: null },
];

const group = (over: Partial<ParkGroup> = {}): ParkGroup => ({
  items: 3,
  items_by_grade: [1, 0, 2, 0],
  open_warning_alerts: 1,
  open_critical_alerts: 2,
  overdue_inspections: 0,
  ...over,
});

const problem = (status: number, network = false): Problem => ({
  title: 'x',
  status,
  errors: [],
  network,
});

describe('park overview', () => {
  it('keeps only the parks one of the user organizations manages, by name', () => {
    expect(managedParks(parks, me([2, '4'])).map((p) => p.id)).toEqual([1, 3]);
    expect(managedParks(parks, me([9]))).toEqual([]);
    expect(managedParks(parks, null)).toEqual([]);
  });

  it('lists the whole-park figures', () => {
    expect(parkTiles(group())).toEqual([
      ['park-items', 'items', '3'],
      ['park-critical', 'critical_alerts', '2'],
      ['park-warning', 'warning_alerts', '1'],
      ['park-overdue', 'overdue', '0'],
    ]);
  });

  it('puts a group in table order: items, grades 1 to 4, warnings, critical, overdue', () => {
    expect(groupCells(group())).toEqual(['3', '1', '0', '2', '0', '1', '2', '0']);
    expect(groupCells(group({ items_by_grade: [5] }))[4]).toBe('—');
  });
});

describe('park attention list', () => {
  const item = (next: string | null, overdue: boolean): ParkItem => ({
    id: 1,
    org_id: 2,
    org_name: 'Tenant',
    name: 'Heater',
    type: 'immersion_heater',
    grade: 3,
    open_warning_alerts: 0,
    open_critical_alerts: 1,
    next_inspection_date: next,
    inspection_overdue: overdue,
  });

  it('says whether the inspection is overdue, due on a date, or unknown', () => {
    expect(inspectionText(item(null, false))).toBe(t('equipment:park.no_inspection'));
    expect(inspectionText(item('2027-03-01', false))).toBe(formatDate('2027-03-01'));
    expect(inspectionText(item('2027-03-01', true))).toBe(
      t('equipment:park.overdue_since', { date: formatDate('2027-03-01') }),
    );
  });
});

describe('regional report', () => {
  const report: RegionalReport = {
    as_of: '2025-06-01',
    min_cell_size: 5,
    suppressed_cells: 9,
    rows: [
      {
        region: 'cn-east',
        industry: 'anodizing',
        items_by_grade: [null, null, null, null],
        items: null,
        open_critical_alerts: null,
        overdue_inspections: null,
      },
      {
        region: 'cn-east',
        industry: 'electroplating',
        items_by_grade: [0, 2, 4, 0],
        items: 6,
        open_critical_alerts: 0,
        overdue_inspections: null,
      },
    ],
    total: {
      items_by_grade: [null, 2, null, 0],
      items: 7,
      open_critical_alerts: 0,
      overdue_inspections: 1,
    },
  };

  it('asks for every region and industry unless one is chosen', () => {
    expect(reportPath({ region: '', industry: '' })).toBe('/api/v1/reports/regional-risk');
    expect(reportPath({ region: 'cn-east', industry: '' })).toBe(
      '/api/v1/reports/regional-risk?region=cn-east',
    );
    expect(reportPath({ region: 'cn-east', industry: 'a&b' })).toBe(
      '/api/v1/reports/regional-risk?region=cn-east&industry=a%26b',
    );
  });

  it('keeps withheld cells as null in column order', () => {
    expect(rowCells(report.rows[1])).toEqual([6, 0, 2, 4, 0, 0, null]);
    expect(rowCells(report.total)).toEqual([7, null, 2, null, 0, 0, 1]);
    expect(rowCells({ ...report.total, items_by_grade: [] })).toEqual([
      7,
      null,
      null,
      null,
      null,
      0,
      1,
    ]);
  });

  it('counts the withheld cells of the rows and the total', () => {
    expect(countWithheld(report)).toBe(7 + 1 + 2);
    expect(countWithheld({ ...report, rows: [] })).toBe(2);
  });

  it('explains a refusal for users without the role and visitors only', () => {
    expect(refusalKey(problem(403))).toBe('equipment:regional.refused');
    expect(refusalKey(problem(401))).toBe('equipment:regional.sign_in');
    expect(refusalKey(problem(400))).toBeNull();
    expect(refusalKey(problem(0, true))).toBeNull();
    expect(refusalKey(null)).toBeNull();
  });

  it('names regions and industries in the interface language, then English, then by id', () => {
    const names = { en: 'East China', zh: '华东' };
    expect(localName(names, 'cn-east', 'zh')).toBe('华东');
    expect(localName(names, 'cn-east', 'ar')).toBe('East China');
    expect(localName(undefined, 'cn-east', 'ar')).toBe('cn-east');
  });
});
