// The maintenance plan on an equipment item: the activities the item's risk grade calls for, each
// with its interval and where the interval comes from (a library clause or a reference note), and
// the open tasks. A plan is made on request and remade when the grade changes.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { formatDate, t } from '../i18n';
import { get, post, type Problem } from '../lib/api';
import { TaskTitle, titleOf, type Task } from './equipment_maintenance';

export interface Activity {
  id: number;
  kind: string;
  origin: 'rule' | 'user';
  title: string;
  interval_days: number | null;
  uncertain: boolean;
  clauses: Array<{ id: string; number: string; title: string; kind: string }>;
  note: string;
  interval_source: { source: string; number: string; confidence: string; note: string } | null;
}

export interface Plan {
  item_id: number;
  grade: number;
  rules_version: string;
  activities: Activity[];
  open_tasks: Task[];
}

/** "every N days" or "once", and the source of the interval when there is one. */
export function intervalText(a: Activity): string {
  const every =
    a.interval_days === null
      ? t('equipment:plan.once')
      : t('equipment:plan.every', { n: a.interval_days });
  const src = a.interval_source;
  if (!src) return every;
  const source = src.number || src.source;
  return `${every} (${source}${a.uncertain ? `, ${t('equipment:plan.uncertain')}` : ''})`;
}

export function ItemPlan({ itemId }: { itemId: number }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const base = `/api/v1/equipment/${itemId}/maintenance-plan`;

  const load = useCallback(async () => {
    const r = await get<Plan>(base);
    setMissing(!r.ok && r.problem.status === 404);
    setPlan(r.ok ? r.value : null);
    setProblem(r.ok || r.problem.status === 404 ? null : r.problem);
  }, [base]);
  useEffect(() => {
    setPlan(null);
    void load();
  }, [load]);

  async function make() {
    setBusy(true);
    const r = await post<Plan>(base, {});
    setBusy(false);
    if (r.ok) {
      setPlan(r.value);
      setMissing(false);
      setProblem(null);
    } else setProblem(r.problem);
  }

  return (
    <section aria-labelledby={`plan-${itemId}-h`} data-testid="item-plan">
      <h3 id={`plan-${itemId}-h`}>{t('equipment:plan.title')}</h3>
      <ProblemBox problem={problem} />
      {missing && <p>{t('equipment:plan.none')}</p>}
      {plan && (
        <>
          <ul class="clause-list" data-testid="plan-activities">
            {plan.activities.map((a) => (
              <li key={a.id}>
                <TaskTitle task={a} /> — {intervalText(a)}
                {a.clauses.length > 0 && (
                  <>
                    <br />
                    {a.clauses.map((c) => c.number).join(', ')}
                  </>
                )}
              </li>
            ))}
          </ul>
          {plan.open_tasks.length > 0 && (
            <p>
              {t('equipment:plan.next_due', {
                title: titleOf(plan.open_tasks[0]),
                date: formatDate(plan.open_tasks[0].due_on),
              })}{' '}
              <a href="/equipment/maintenance">{t('equipment:plan.all_tasks')}</a>
            </p>
          )}
        </>
      )}
      {(missing || plan) && (
        <div class="actions">
          <button type="button" onClick={() => void make()} disabled={busy}>
            {busy ? t('common.working') : t(plan ? 'equipment:plan.remake' : 'equipment:plan.make')}
          </button>
        </div>
      )}
    </section>
  );
}
