import { describe, expect, it } from 'vitest';
import type { Clause } from './clauses';
import {
  EMPTY_CHANGE,
  changeOf,
  formFromClause,
  parseIds,
  passingThresholds,
  tallyPasses,
} from './proposals_model';

const clause: Clause = {
  id: 'rtb-1.1',
  number: 'RT-1.1',
  kind: 'mandatory',
  grades: [1, 2, 3, 4],
  title: { en: 'Risk grade before purchase', zh: '采购前确定风险等级' },
  text: { en: 'Old text.', zh: '旧文本。' },
  conditions: { industries: ['electroplating'] },
  equivalences: [{ ref: 'X 1', extent: 'related' }],
  source: 'starter library',
  display_title: 'Risk grade before purchase',
  matched_terms: 2,
};

describe('expert vote passing rule', () => {
  it('needs two thirds approving and at most a quarter rejecting', () => {
    expect(passingThresholds(3)).toEqual({ approvals: 2, rejections: 0 });
    expect(passingThresholds(4)).toEqual({ approvals: 3, rejections: 1 });
    expect(tallyPasses({ assigned: 3, approve: 2, reject: 0, abstain: 1 })).toBe(true);
    expect(tallyPasses({ assigned: 3, approve: 2, reject: 1, abstain: 0 })).toBe(false);
    expect(tallyPasses({ assigned: 1, approve: 1, reject: 0, abstain: 0 })).toBe(true);
    expect(tallyPasses({ assigned: 0, approve: 0, reject: 0, abstain: 0 })).toBe(false);
  });
});

describe('clause changes', () => {
  it('keeps the other languages and fields of an amended clause, and only schema fields', () => {
    const form = { ...formFromClause(clause), text_en: 'New text.', grades: '3, 4' };
    expect(changeOf(form)).toEqual({
      action: 'amend',
      clause_id: 'rtb-1.1',
      clause: {
        id: 'rtb-1.1',
        number: 'RT-1.1',
        kind: 'mandatory',
        grades: [3, 4],
        title: { en: 'Risk grade before purchase', zh: '采购前确定风险等级' },
        text: { en: 'New text.', zh: '旧文本。' },
        conditions: { industries: ['electroplating'] },
        equivalences: [{ ref: 'X 1', extent: 'related' }],
        source: 'starter library',
      },
    });
  });

  it('sends only the clause id for a removal, and a whole clause for an addition', () => {
    expect(changeOf({ ...EMPTY_CHANGE, action: 'remove', clause_id: ' rtb-9 ' })).toEqual({
      action: 'remove',
      clause_id: 'rtb-9',
    });
    const added = changeOf({
      ...EMPTY_CHANGE,
      action: 'add',
      clause_id: 'rtb-9.9',
      number: 'RT-9.9',
      title_en: 'T',
      text_en: 'X',
    });
    expect(added.clause?.grades).toEqual([1, 2, 3, 4]);
    expect(added.clause?.conditions).toEqual({});
    expect(added.clause?.equivalences).toEqual([]);
  });

  it('reads expert ids separated by commas or spaces', () => {
    expect(parseIds('3, 7 12')).toEqual([3, 7, 12]);
    expect(parseIds('')).toEqual([]);
  });
});
