// What an engine grade depends on that was not stated (crevices, aeration): the question in the
// reader's language and one button per answer showing the grade under it. Choosing an answer is
// the caller's business: the quick query grades again, an equipment item stores the answer.
import { humanize } from './any_value';
import type { Condition, ConditionValue } from '../engine/types';
import { kb, t } from '../i18n';

export function EngineConditions(props: {
  conditions: Condition[];
  onAnswer: (field: string, value: ConditionValue) => void;
  busy?: boolean;
}) {
  if (props.conditions.length === 0) return null;
  return (
    <section class="conditions" data-testid="conditions" aria-labelledby="conditions-title">
      <h3 id="conditions-title">{kb('condition', 'depends')}</h3>
      {props.conditions.map((c) => (
        <div key={c.id} class="condition" data-testid={`condition-${c.id}`}>
          <p>{kb('condition', `${c.id}.question`, humanize(c.id))}</p>
          <div class="answers">
            {c.answers.map((a) => {
              const answer = kb('condition', `${c.id}.${String(a.value)}`, String(a.value));
              const verdict = kb('verdict', a.verdict, humanize(a.verdict));
              const grade = Math.min(4, Math.max(1, a.grade));
              return (
                <button
                  key={String(a.value)}
                  type="button"
                  class={`answer g${grade}`}
                  disabled={props.busy}
                  onClick={() => props.onAnswer(c.field, a.value)}
                >
                  {t('kb:condition.answer_grade', { answer, verdict })}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </section>
  );
}
