// Shows an API problem in the reader's language: a translated title, the detail from its message
// code (or a generic sentence with the code), and field errors by the field's label.
import type { Problem } from '../lib/api';
import { fieldMessage, problemText } from '../lib/messages';

interface ProblemBoxProps {
  problem: Problem | null;
  /** Labels of the form's fields by the server's field path ("organization.name"). */
  fields?: Record<string, string>;
}

export function ProblemBox({ problem, fields }: ProblemBoxProps) {
  if (!problem) return null;
  const text = problemText(problem);
  return (
    <div class="problem" role="alert">
      <strong>{text.title}</strong>
      {text.detail && (
        <p>
          {text.detail}
          {text.code && (
            <>
              {' '}
              <bdi>
                <code translate={false}>{text.code}</code>
              </bdi>
            </>
          )}
        </p>
      )}
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => {
            const name = fields?.[e.field];
            return (
              <li key={`${e.field}-${i}`} data-field={e.field}>
                {name ? (
                  <>
                    <strong>{name}</strong>: {fieldMessage(e)}
                  </>
                ) : (
                  fieldMessage(e)
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
