// Maintenance tasks of one organization: the overdue and due tasks of its equipment (from the
// maintenance plans), each with a form to record it done — findings, an optional measurement and
// the completion date. Completing a recurring task schedules the next one.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField } from '../components/select_field';
import { SubmitRow } from '../components/submit_row';
import { formatDate, formatNumber, t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { label } from '../lib/labels';
import { query, useOrgPicker } from './equipment_org';

export interface Task {
  id: number;
  activity_id: number;
  item_id: number;
  org_id: number;
  item_name: string;
  kind: string;
  title: string;
  due_on: string;
  status: 'due' | 'overdue' | 'done' | 'cancelled';
  completed_at: string | null;
  findings: string;
}

export type StatusFilter = 'open' | 'overdue' | 'due' | 'done';

/** The status values to ask the server for: 'open' is the overdue and the due tasks. */
export function statusesOf(filter: StatusFilter): Array<Task['status']> {
  return filter === 'open' ? ['overdue', 'due'] : [filter];
}

/** Overdue first, then by due date, then by id. */
export function sortTasks(tasks: Task[]): Task[] {
  const rank = (s: string) => (s === 'overdue' ? 0 : s === 'due' ? 1 : 2);
  return [...tasks].sort(
    (a, b) => rank(a.status) - rank(b.status) || a.due_on.localeCompare(b.due_on) || a.id - b.id,
  );
}

/** The rule kinds whose titles the catalogue renders; other tasks show the title people typed. */
export const RULE_KINDS = [
  'visual_inspection',
  'thickness_measurement',
  'cleaning',
  'bath_analysis',
  'removal_from_service',
] as const;

/** A quantity a completion records: a reading type and its API unit (shown by its label). */
export interface Quantity {
  type: string;
  unit: string;
}

/** The bath quantities an analysis can record, in the order the form asks for them. */
export const BATH_QUANTITIES: Quantity[] = [
  { type: 'bath_temperature_c', unit: 'C' },
  { type: 'ph', unit: 'pH' },
  { type: 'chloride_mg_l', unit: 'mg/L' },
  { type: 'fluoride_mg_l', unit: 'mg/L' },
  { type: 'conductivity_us_cm', unit: 'uS/cm' },
];

/**
 * What a task of this kind measures: wall thickness in mm for a thickness task; for a bath
 * analysis, the quantities of the item's bath (the bath types among its operating windows, the
 * temperature always), or the usual four when the item has no bath window yet.
 */
export function quantitiesOf(kind: string, windowTypes: readonly string[] = []): Quantity[] {
  if (kind === 'thickness_measurement') return [{ type: 'wall_thickness_mm', unit: 'mm' }];
  if (kind !== 'bath_analysis') return [];
  const watched = BATH_QUANTITIES.filter(
    (q) => q.type === 'bath_temperature_c' || windowTypes.includes(q.type),
  );
  return watched.length > 1 ? watched : BATH_QUANTITIES.slice(0, 4);
}

/** How many whole days from `today` to `day` (both YYYY-MM-DD); negative when past. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5);
}

/** Days ahead within which an open task counts as due soon (the digest's horizon). */
export const SOON_DAYS = 7;

/** The badge of a task: overdue, due today, due within a week, scheduled later, done, cancelled. */
export function badgeOf(task: Pick<Task, 'status' | 'due_on'>, today: string): string {
  if (task.status !== 'due') return task.status;
  const days = daysUntil(task.due_on, today);
  if (days <= 0) return 'today';
  return days <= SOON_DAYS ? 'soon' : 'scheduled';
}

export interface CompletionForm {
  findings: string;
  completed_on: string;
  values: Record<string, string>; // by reading type
}

/** The body of POST /maintenance/tasks/{id}/complete; empty fields are left out. */
export function completionBody(quantities: Quantity[], f: CompletionForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (f.findings.trim()) body.findings = f.findings.trim();
  if (f.completed_on) body.completed_at = f.completed_on;
  const measurements = quantities
    .filter((q) => (f.values[q.type] ?? '').trim() !== '')
    .map((q) => ({
      type: q.type,
      value: Number((f.values[q.type] ?? '').trim().replace(',', '.')),
      unit: q.unit,
    }));
  if (measurements.length > 0) body.measurements = measurements;
  return body;
}

/** True when the catalogue renders titles of this kind (the stored title is then not shown). */
export const isRuleKind = (kind: string) => (RULE_KINDS as readonly string[]).includes(kind);

/** A task's or activity's title as text in the reader's language (typed titles as typed). */
export function titleOf(task: Pick<Task, 'kind' | 'title'>): string {
  return isRuleKind(task.kind) ? t(`equipment:mt.kind_${task.kind}`) : task.title;
}

/** The task's title in the reader's language: rule tasks by their kind, others as typed. */
export function TaskTitle({ task }: { task: Pick<Task, 'kind' | 'title'> }) {
  if (isRuleKind(task.kind)) return <strong>{titleOf(task)}</strong>;
  return (
    <strong dir="auto" translate={false}>
      {task.title}
    </strong>
  );
}

const EMPTY_FORM: CompletionForm = { findings: '', completed_on: '', values: {} };

function Complete({ task, onDone }: { task: Task; onDone: (message: string) => void }) {
  const [form, setForm] = useState<CompletionForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errs = fieldErrors(problem);
  const p = `mt-${task.id}`;
  const set = (k: keyof CompletionForm) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const [windowTypes, setWindowTypes] = useState<string[]>([]);
  useEffect(() => {
    if (task.kind !== 'bath_analysis') return;
    void get<{ items: Array<{ type: string }> }>(`/api/v1/equipment/${task.item_id}/windows`).then(
      (r) => {
        if (r.ok) setWindowTypes(r.value.items.map((w) => w.type));
      },
    );
  }, [task.item_id, task.kind]);
  const quantities = quantitiesOf(task.kind, windowTypes);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    const r = await post<{ task: Task; next: Task | null }>(
      `/api/v1/maintenance/tasks/${task.id}/complete`,
      completionBody(quantities, form),
    );
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    onDone(
      r.value.next
        ? t('equipment:mt.done_next', { date: formatDate(r.value.next.due_on) })
        : t('equipment:mt.done'),
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="mt-complete-form">
      <Field id={`${p}-findings`} label={t('equipment:mt.findings')} error={errs.findings}>
        <textarea
          id={`${p}-findings`}
          rows={3}
          value={form.findings}
          onInput={set('findings')}
          {...describedBy(`${p}-findings`, errs.findings)}
        />
      </Field>
      <Field id={`${p}-on`} label={t('equipment:mt.completed_on')} error={errs.completed_at}>
        <input
          id={`${p}-on`}
          type="date"
          value={form.completed_on}
          onInput={set('completed_on')}
          {...describedBy(`${p}-on`, errs.completed_at)}
        />
      </Field>
      {quantities.map((q, i) => {
        const id = `${p}-${q.type}`;
        const err = errs[`measurements[${i}].value`] ?? errs[`measurements[${i}].unit`];
        return (
          <Field key={q.type} id={id} label={label('reading_type', q.type)} error={err}>
            <span class="input-with-unit">
              <input
                id={id}
                type="number"
                step="any"
                inputMode="decimal"
                value={form.values[q.type] ?? ''}
                onInput={(e) =>
                  setForm({
                    ...form,
                    values: { ...form.values, [q.type]: e.currentTarget.value },
                  })
                }
                {...describedBy(id, err)}
              />
              <span class="unit" dir="ltr">
                {label('unit', q.unit)}
              </span>
            </span>
          </Field>
        );
      })}
      {quantities.length > 0 && <p class="hint">{t('equipment:mt.measurement_hint')}</p>}
      <ProblemBox problem={problem} />
      <SubmitRow busy={busy} label={t('equipment:mt.complete')} />
    </form>
  );
}

const BADGE_CLASS: Record<string, string> = {
  overdue: 'grade-4',
  today: 'grade-3',
  soon: 'grade-2',
};

function TaskRow({ task, onChanged }: { task: Task; onChanged: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const open_ = task.status === 'due' || task.status === 'overdue';
  const badge = badgeOf(task, new Date().toISOString().slice(0, 10));
  return (
    <li data-testid="mt-task" data-status={task.status}>
      <TaskTitle task={task} /> —{' '}
      <span dir="auto" translate={false}>
        {task.item_name}
      </span>
      <br />
      <span class={`badge ${BADGE_CLASS[badge] ?? 'grade-1'}`} data-testid="mt-badge">
        {t(`equipment:mt.badge_${badge}`, { days: formatNumber(SOON_DAYS, 0) })}
      </span>{' '}
      {task.status === 'done' && task.completed_at
        ? t('equipment:mt.completed', { date: formatDate(task.completed_at) })
        : t('equipment:mt.due_on', { date: formatDate(task.due_on) })}
      {open_ && !open && (
        <div class="actions">
          <button type="button" onClick={() => setOpen(true)}>
            {t('equipment:mt.record')}
            <span class="visually-hidden" translate={false}>
              : {task.item_name}
            </span>
          </button>
        </div>
      )}
      {open_ && open && <Complete task={task} onDone={onChanged} />}
    </li>
  );
}

export default function EquipmentMaintenancePage() {
  const { orgId, picker, hasOrg } = useOrgPicker('mt-org');
  const [filter, setFilter] = useState<StatusFilter>('open');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId) return;
    const results = await Promise.all(
      statusesOf(filter).map((status) =>
        get<{ items: Task[] }>(`/api/v1/maintenance/tasks${query({ org_id: orgId, status })}`),
      ),
    );
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      setProblem(failed.problem);
      setTasks(null);
      return;
    }
    setProblem(null);
    setTasks(sortTasks(results.flatMap((r) => (r.ok ? r.value.items : []))));
  }, [orgId, filter]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <h1>{t('equipment:mt.title')}</h1>
      <p>{t('equipment:mt.intro')}</p>
      {!hasOrg && <p>{t('equipment:views.no_org')}</p>}
      {picker}
      <SelectField
        id="mt-status"
        label={t('equipment:mt.show')}
        value={filter}
        onChange={(v) => setFilter(v as StatusFilter)}
        options={(['open', 'overdue', 'due', 'done'] as const).map(
          (s) => [s, t(`equipment:mt.filter_${s}`)] as const,
        )}
      />
      <p aria-live="polite" data-testid="mt-message">
        {message}
      </p>
      <ProblemBox problem={problem} />
      <section aria-labelledby="mt-list-h">
        <h2 id="mt-list-h">{t('equipment:mt.tasks')}</h2>
        {tasks && tasks.length === 0 && <p>{t('equipment:mt.empty')}</p>}
        {tasks && tasks.length > 0 && (
          <ul class="clause-list" data-testid="mt-tasks">
            {tasks.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                onChanged={(m) => {
                  setMessage(m);
                  void load();
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
