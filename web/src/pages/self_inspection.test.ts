import { describe, expect, it } from 'vitest';
import { changedAnswers, percent } from './self_inspection';
import { manualQuery } from './standards';

describe('self-inspection', () => {
  const items = [
    { clause_id: 'a', answer: null, note: '' },
    { clause_id: 'b', answer: 'yes' as const, note: 'ok' },
    { clause_id: 'c', answer: 'no' as const, note: '' },
  ];

  it('saves only the answers that changed, with their notes when there are any', () => {
    expect(
      changedAnswers(items, {
        a: { answer: 'not_applicable', note: ' no coil ' },
        b: { answer: 'yes', note: 'ok' },
        c: { answer: 'yes', note: '' },
      }),
    ).toEqual([
      { clause_id: 'a', answer: 'not_applicable', note: 'no coil' },
      { clause_id: 'c', answer: 'yes' },
    ]);
    expect(changedAnswers(items, { a: { answer: null, note: 'x' } })).toEqual([]);
  });

  it('shows rates as whole percentages and a dash when nothing counts', () => {
    expect(percent(0.756)).toBe('76 %');
    expect(percent(null)).toBe('—');
  });

  it('asks for the simplified manual with every parameter', () => {
    expect(manualQuery('electroplating', '3', 'zh', 'pdf')).toBe(
      'industry=electroplating&grade=3&lang=zh&format=pdf',
    );
  });
});
