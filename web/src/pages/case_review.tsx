// Reviewers' queue (platform operators and experts): the public records proposed for publication,
// oldest first, each approved on its own. Only the desensitized record is shown, never the original;
// passages that may still identify someone (residual risks) are marked in it.
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { CaseRecord, type PublicCase } from './cases';

export interface Risk {
  offset: number; // Unicode code points
  length: number;
  reason_code: string;
}

interface Pending {
  case_id: number;
  proposed: PublicCase;
  risks?: Record<string, Risk[]>;
}

const RISK_FIELDS = [
  'equipment_type',
  'material',
  'grade',
  'medium',
  'morphology',
  'root_cause',
  'corrective_actions',
  'narrative',
] as const;

/** Splits a text into plain and risky segments; risk offsets count code points, not UTF-16 units. */
export function splitMarked(text: string, risks: Risk[]): { text: string; risk?: Risk }[] {
  const chars = Array.from(text);
  const out: { text: string; risk?: Risk }[] = [];
  let at = 0;
  for (const r of [...risks].sort((a, b) => a.offset - b.offset)) {
    if (r.offset < at || r.offset >= chars.length) continue;
    if (r.offset > at) out.push({ text: chars.slice(at, r.offset).join('') });
    out.push({ text: chars.slice(r.offset, r.offset + r.length).join(''), risk: r });
    at = Math.min(chars.length, r.offset + r.length);
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join('') });
  return out;
}

export const MAX_COMMENT = 2000;

/** Client-side check of a return/reject comment: the i18n key of the error, or null when valid.
 * Counts code points after trimming, as the server does. */
export function commentError(comment: string): string | null {
  const n = Array.from(comment.trim()).length;
  if (n === 0) return 'cases:decision.comment_required';
  if (n > MAX_COMMENT) return 'cases:decision.comment_too_long';
  return null;
}

function riskText(code: string): string {
  return t(`cases:review.risk.${code.replace('cases.residual_risk.', '')}`);
}

/** The field's text with each risky passage in a <mark> that names its reason. */
function Marked({ text, risks }: { text: string; risks: Risk[] }) {
  return (
    <p class="risk-text">
      {splitMarked(text, risks).map((seg, i) =>
        seg.risk ? (
          <mark key={i} title={riskText(seg.risk.reason_code)} data-testid="review-risk">
            {seg.text}
          </mark>
        ) : (
          seg.text
        ),
      )}
    </p>
  );
}

function RiskPanel({ p }: { p: Pending }) {
  const fields = RISK_FIELDS.filter((f) => (p.risks?.[f]?.length ?? 0) > 0);
  if (fields.length === 0) return null;
  return (
    <section class="risk-panel" aria-label={t('cases:review.risks_heading')}>
      <h3>{t('cases:review.risks_heading')}</h3>
      <p>{t('cases:review.risks_intro')}</p>
      {fields.map((f) => {
        const risks = p.risks?.[f] ?? [];
        const reasons = [...new Set(risks.map((r) => r.reason_code))];
        return (
          <div key={f}>
            <h4>{t(`cases:review.risk_field.${f}`)}</h4>
            <Marked text={String(p.proposed[f as keyof PublicCase] ?? '')} risks={risks} />
            <ul>
              {reasons.map((code) => (
                <li key={code}>{riskText(code)}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

export default function CaseReviewPage() {
  const [items, setItems] = useState<Pending[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [published, setPublished] = useState<number[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [comments, setComments] = useState<Record<number, string>>({});
  // Per case: the comment field's error and the problem answered to a decision.
  const [commentErrors, setCommentErrors] = useState<Record<number, string>>({});
  const [decisionProblems, setDecisionProblems] = useState<Record<number, Problem | null>>({});
  const [decided, setDecided] = useState<{ id: number; decision: string }[]>([]);

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

  async function decide(caseId: number, decision: 'return' | 'reject') {
    const comment = comments[caseId] ?? '';
    const local = commentError(comment);
    setCommentErrors((e) => ({ ...e, [caseId]: local ? t(local) : '' }));
    setDecisionProblems((d) => ({ ...d, [caseId]: null }));
    if (local) return;
    setBusy(caseId);
    const r = await post<{ decision: string }>(`/api/v1/cases/${caseId}/publication/${decision}`, {
      comment: comment.trim(),
    });
    setBusy(null);
    if (r.ok) {
      setComments((c) => ({ ...c, [caseId]: '' }));
      setDecided((d) => [...d, { id: caseId, decision: r.value.decision }]);
      await load();
    } else {
      const fe = fieldErrors(r.problem);
      if (fe.comment)
        setCommentErrors((e) => ({ ...e, [caseId]: t('cases:decision.comment_invalid') }));
      setDecisionProblems((d) => ({ ...d, [caseId]: r.problem }));
    }
  }

  return (
    <>
      <h1>{t('cases:review.title')}</h1>
      <p>{t('cases:review.intro')}</p>
      <ProblemBox problem={problem} />
      {published.length > 0 && (
        <div data-testid="review-published-next">
          <p role="status" data-testid="review-published">
            {t('cases:review.published', { ids: published.join(t('labels:misc.list_sep')) })}
          </p>
          <ul class="plain-list next-steps">
            {published.map((id) => (
              <li key={id}>
                <a href={`/cases?case=${id}`} onClick={onLinkClick}>
                  {t('cases:review.open_case', { n: String(id) })}
                </a>
              </li>
            ))}
            <li>
              <a
                href={`/bulletins?cases=${published.join(',')}`}
                onClick={onLinkClick}
                data-testid="review-bulletin-from"
              >
                {t('cases:review.bulletin_from')}
              </a>
            </li>
          </ul>
        </div>
      )}
      {decided.length > 0 && (
        <p role="status" data-testid="review-decided">
          {decided
            .map((d) => t(`cases:decision.done_${d.decision}`, { id: String(d.id) }))
            .join(' ')}
        </p>
      )}
      {items && items.length === 0 && <p data-testid="review-empty">{t('cases:review.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list" data-testid="review-queue">
          {items.map((p) => (
            <li key={p.case_id} class="result-card">
              <CaseRecord c={p.proposed} headingId={`review-${p.case_id}`} level={2} />
              <RiskPanel p={p} />
              <div class="actions approve-row">
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
              <Field
                id={`review-comment-${p.case_id}`}
                label={t('cases:decision.comment_label')}
                hint={t('cases:decision.comment_hint')}
                error={commentErrors[p.case_id] || undefined}
              >
                <textarea
                  id={`review-comment-${p.case_id}`}
                  rows={3}
                  maxLength={MAX_COMMENT * 2}
                  value={comments[p.case_id] ?? ''}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setComments((c) => ({ ...c, [p.case_id]: v }));
                  }}
                  {...describedBy(
                    `review-comment-${p.case_id}`,
                    commentErrors[p.case_id] || undefined,
                    'hint',
                  )}
                />
              </Field>
              <div class="actions">
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void decide(p.case_id, 'return')}
                  data-testid="review-return"
                >
                  {t('cases:decision.return')}
                </button>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void decide(p.case_id, 'reject')}
                  data-testid="review-reject"
                >
                  {t('cases:decision.reject')}
                </button>
              </div>
              {commentErrors[p.case_id] && (
                <p class="field-error" data-testid="review-decision-error">
                  {commentErrors[p.case_id]}
                </p>
              )}
              <ProblemBox problem={decisionProblems[p.case_id] ?? null} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
