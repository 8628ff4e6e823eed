import { describe, expect, it } from 'vitest';
import { latestReview, type CaseReview } from './cases_submit';

describe('owner review state', () => {
  it('shows the newest decision', () => {
    const r = (decision: CaseReview['decision'], decided_at: number): CaseReview => ({
      decision,
      comment: decision,
      decided_at,
      reviewer: 'reviewer',
    });
    expect(latestReview(undefined)).toBeNull();
    expect(latestReview([])).toBeNull();
    expect(latestReview([r('returned', 10), r('rejected', 20)])?.decision).toBe('rejected');
    expect(latestReview([r('returned', 30), r('rejected', 30)])?.decision).toBe('rejected');
  });
});
