// Reviewers' queue (platform operators and experts): the public records proposed for publication,
// oldest first, each approved on its own. Only the desensitized record is shown, never the original.
import { useEffect, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { t } from '../i18n';
import { get, post, type Problem } from '../lib/api';
import { CaseRecord, type PublicCase } from './cases';

interface Pending {
  case_id: number;
  proposed: PublicCase;
}

export default function CaseReviewPage() {
  const [items, setItems] = useState<Pending[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [published, setPublished] = useState<number[]>([]);
  const [busy, setBusy] = useState<number | null>(null);

  async function load() {
    const r = await get<{ items: Pending[] }>('/api/v1/case-publications');
    if (r.ok) setItems(r.value.items);
    else setProblem(r.problem);
  }
  useEffect(() => {
    void load();
  }, []);

  async function approve(caseId: number) {
    setBusy(caseId);
    setProblem(null);
    const r = await post<PublicCase>(`/api/v1/cases/${caseId}/publication/approve`, {});
    setBusy(null);
    if (r.ok) {
      await load();
      setPublished((p) => [...p, r.value.id]);
    } else setProblem(r.problem);
  }

  return (
    <>
      <h1>{t('cases:review.title')}</h1>
      <p>{t('cases:review.intro')}</p>
      <ProblemBox problem={problem} />
      {published.length > 0 && (
        <p role="status" data-testid="review-published">
          {t('cases:review.published', { ids: published.join(', ') })}
        </p>
      )}
      {items && items.length === 0 && <p data-testid="review-empty">{t('cases:review.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list" data-testid="review-queue">
          {items.map((p) => (
            <li key={p.case_id} class="result-card">
              <CaseRecord c={p.proposed} headingId={`review-${p.case_id}`} level={2} />
              <div class="actions">
                <button
                  type="button"
                  class="primary"
                  disabled={busy !== null}
                  onClick={() => void approve(p.case_id)}
                  aria-describedby={`review-${p.case_id}`}
                >
                  {busy === p.case_id ? t('common.working') : t('cases:review.approve')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
