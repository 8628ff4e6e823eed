import { describe, expect, it } from 'vitest';
import {
  exportHref,
  labelHref,
  numberOrDash,
  summaryTiles,
  type Dashboard,
} from './equipment_dashboard';
import {
  badgeOf,
  completionBody,
  quantitiesOf,
  sortTasks,
  statusesOf,
  type Task,
} from './equipment_maintenance';
import { query } from './equipment_org';
import { intervalText, type Activity } from './equipment_plan';
import { percentOf, problemFromText, uploadTarget } from './equipment_upload';

const task = (id: number, status: Task['status'], due_on: string): Task => ({
  id,
  activity_id: 1,
  item_id: 1,
  org_id: 1,
  item_name: 'H1',
  kind: 'visual_inspection',
  title: 'Look',
  due_on,
  status,
  completed_at: null,
  findings: '',
});

describe('equipment dashboard', () => {
  it('builds export and label links for the organization', () => {
    expect(exportHref('xlsx', '7')).toBe('/api/v1/equipment/export?format=xlsx&org_id=7');
    expect(labelHref(12, '7')).toBe('/api/v1/equipment/12/label.pdf');
    expect(labelHref(null, '7')).toBe('/api/v1/equipment/labels.pdf?org_id=7');
    expect(query({ a: '', b: null, c: 0 })).toBe('?c=0');
    expect(query({})).toBe('');
  });

  it('lists the maintenance figures only when the server has them', () => {
    const d = {
      items: 3,
      open_alerts: { warning: 1, critical: 0 },
      inspections: { overdue: 0, due_soon: 2 },
      maintenance: null,
    } as unknown as Dashboard;
    expect(summaryTiles(d).map((x) => x[0])).not.toContain('dash-tasks');
    const withTasks = summaryTiles({ ...d, maintenance: { open_tasks: 4, overdue_tasks: null } });
    expect(withTasks.at(-1)?.[2]).toBe('— / 4');
  });

  it('shows a dash for missing figures', () => {
    expect(numberOrDash(null)).toBe('—');
    expect(numberOrDash(undefined)).toBe('—');
  });
});

describe('maintenance tasks', () => {
  it('asks for overdue and due tasks when showing the open ones', () => {
    expect(statusesOf('open')).toEqual(['overdue', 'due']);
    expect(statusesOf('done')).toEqual(['done']);
  });

  it('lists overdue tasks first, then by due date', () => {
    const sorted = sortTasks([
      task(1, 'due', '2026-02-01'),
      task(2, 'overdue', '2026-01-10'),
      task(3, 'due', '2026-01-15'),
      task(4, 'overdue', '2025-12-01'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual([4, 2, 3, 1]);
  });

  it('sends only the filled fields of the completion form', () => {
    const empty = { findings: '  ', completed_on: '', values: {} };
    const thickness = quantitiesOf('thickness_measurement');
    expect(completionBody(thickness, empty)).toEqual({});
    expect(
      completionBody(thickness, {
        findings: ' clean ',
        completed_on: '2026-01-05',
        values: { wall_thickness_mm: '1,25' },
      }),
    ).toEqual({
      findings: 'clean',
      completed_at: '2026-01-05',
      measurements: [{ type: 'wall_thickness_mm', value: 1.25, unit: 'mm' }],
    });
  });

  it('asks a task for what it measures: thickness in mm, the bath quantities, or nothing', () => {
    expect(quantitiesOf('thickness_measurement')).toEqual([
      { type: 'wall_thickness_mm', unit: 'mm' },
    ]);
    expect(quantitiesOf('bath_analysis').map((q) => q.type)).toEqual([
      'bath_temperature_c',
      'ph',
      'chloride_mg_l',
      'fluoride_mg_l',
    ]);
    // A brine bath watched for temperature and chloride asks for those two.
    expect(
      quantitiesOf('bath_analysis', ['chloride_mg_l', 'bath_temperature_c', 'wall_thickness_mm']),
    ).toEqual([
      { type: 'bath_temperature_c', unit: 'C' },
      { type: 'chloride_mg_l', unit: 'mg/L' },
    ]);
    expect(quantitiesOf('visual_inspection')).toEqual([]);
    expect(
      completionBody(quantitiesOf('bath_analysis'), {
        findings: '',
        completed_on: '',
        values: { ph: '2.1', chloride_mg_l: '', fluoride_mg_l: '0.4' },
      }),
    ).toEqual({
      measurements: [
        { type: 'ph', value: 2.1, unit: 'pH' },
        { type: 'fluoride_mg_l', value: 0.4, unit: 'mg/L' },
      ],
    });
  });
});

describe('task badges', () => {
  it('say exactly how due a task is', () => {
    const today = '2026-06-01';
    expect(badgeOf({ status: 'overdue', due_on: '2026-05-01' }, today)).toBe('overdue');
    expect(badgeOf({ status: 'due', due_on: '2026-06-01' }, today)).toBe('today');
    expect(badgeOf({ status: 'due', due_on: '2026-06-08' }, today)).toBe('soon');
    // Due in 12 months is scheduled, not "overdue and due".
    expect(badgeOf({ status: 'due', due_on: '2027-06-01' }, today)).toBe('scheduled');
    expect(badgeOf({ status: 'done', due_on: '2026-05-01' }, today)).toBe('done');
  });
});

describe('readings upload', () => {
  it('sends CSV and XLSX files to their import routes and refuses other files', () => {
    expect(uploadTarget('r.CSV')).toEqual({ route: 'readings/csv', contentType: 'text/csv' });
    expect(uploadTarget('r.xlsx')?.route).toBe('readings/xlsx');
    expect(uploadTarget('r.txt')).toBeNull();
  });

  it('reads the per-row errors of a refused file', () => {
    const p = problemFromText(
      400,
      JSON.stringify({
        title: 'Invalid readings',
        errors: [{ field: 'rows[3].unit', message: 'unit must be mm' }, { bad: 1 }],
      }),
    );
    expect(p.errors).toEqual([{ field: 'rows[3].unit', message: 'unit must be mm' }]);
    expect(problemFromText(502, 'Bad gateway').title).toBe('HTTP 502');
  });

  it('shows upload progress as a whole percentage', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(9, 4)).toBe(100);
  });
});

describe('maintenance plan', () => {
  const activity = (
    interval_days: number | null,
    source: Activity['interval_source'],
  ): Activity => ({
    id: 1,
    kind: 'cleaning',
    origin: 'rule',
    title: 'Clean',
    interval_days,
    uncertain: source?.confidence === 'uncertain',
    clauses: [],
    note: '',
    interval_source: source,
  });

  it('names the interval and where it comes from', () => {
    expect(intervalText(activity(null, null))).not.toContain('(');
    const src = { source: 'rtb', number: 'RT-5.1', confidence: 'uncertain', note: '' };
    expect(intervalText(activity(90, src))).toMatch(/\(RT-5\.1, .*\)$/);
    expect(intervalText(activity(90, { ...src, number: '', confidence: 'verified' }))).toMatch(
      /\(rtb\)$/,
    );
  });
});
