// Maintenance tasks of one organization: the overdue and due tasks of its equipment (from the
// maintenance plans), each with a form to record it done — findings, an optional measurement and
// the completion date. Completing a recurring task schedules the next one.
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { SelectField } from '../components/select_field';
import { SubmitRow } from '../components/submit_row';
import { formatDate, t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
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

export interface CompletionForm {
  findings: string;
  completed_on: string;
  measurement_type: string;
  measurement_value: string;
  measurement_unit: string;
}

/** The body of POST /maintenance/tasks/{id}/complete; empty fields are left out. */
export function completionBody(f: CompletionForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (f.findings.trim()) body.findings = f.findings.trim();
  if (f.completed_on) body.completed_at = f.completed_on;
  if (f.measurement_value.trim()) {
    const m: Record<string, unknown> = {
      type: f.measurement_type.trim(),
      value: Number(f.measurement_value.replace(',', '.')),
    };
    if (f.measurement_unit.trim()) m.unit = f.measurement_unit.trim();
    body.measurements = [m];
  }
  return body;
}

const EMPTY_FORM: CompletionForm = {
  findings: '',
  completed_on: '',
  measurement_type: 'wall_thickness_mm',
  measurement_value: '',
  measurement_unit: 'mm',
};

function Complete({ task, onDone }: { task: Task; onDone: (message: string) => void }) {
  const [form, setForm] = useState<CompletionForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errs = fieldErrors(problem);
  const p = `mt-${task.id}`;
  const set = (k: keyof CompletionForm) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const mErr = errs['measurements[0].value'] ?? errs['measurements'];

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    const r = await post<{ task: Task; next: Task | null }>(
      `/api/v1/maintenance/tasks/${task.id}/complete`,
      completionBody(form),
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
      <Field
        id={`${p}-value`}
        label={t('equipment:mt.measurement', { type: form.measurement_type })}
        error={mErr}
        hint={t('equipment:mt.measurement_hint')}
      >
        <input
          id={`${p}-value`}
          inputMode="decimal"
          value={form.measurement_value}
          onInput={set('measurement_value')}
          {...describedBy(`${p}-value`, mErr, t('equipment:mt.measurement_hint'))}
        />
      </Field>
      <SubmitRow busy={busy} label={t('equipment:mt.complete')} />
      <ProblemBox problem={problem} />
    </form>
  );
}

function TaskRow({ task, onChanged }: { task: Task; onChanged: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const open_ = task.status === 'due' || task.status === 'overdue';
  return (
    <li data-testid="mt-task" data-status={task.status}>
      <strong dir="auto">{task.title}</strong> — <span dir="auto">{task.item_name}</span>
      <br />
      <span class={`badge ${task.status === 'overdue' ? 'grade-4' : 'grade-1'}`}>
        {t(`equipment:mt.status_${task.status}`)}
      </span>{' '}
      {task.status === 'done' && task.completed_at
        ? t('equipment:mt.completed', { date: formatDate(task.completed_at) })
        : t('equipment:mt.due_on', { date: formatDate(task.due_on) })}
      {open_ && !open && (
        <div class="actions">
          <button type="button" onClick={() => setOpen(true)}>
            {t('equipment:mt.record')}
            <span class="visually-hidden">: {task.title}</span>
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

  async function load() {
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
  }
  useEffect(() => {
    void load();
  }, [orgId, filter]);

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
