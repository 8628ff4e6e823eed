import { describe, expect, it } from 'vitest';
import { splitMarked } from './case_review';

describe('publication review', () => {
  it('marks residual risks at code-point offsets, CJK and astral characters included', () => {
    const risk = (offset: number, length: number) => ({
      offset,
      length,
      reason_code: 'cases.residual_risk.digit_run',
    });
    expect(splitMarked('钛 [PERSON-1] Okoro 1234567', [risk(13, 5), risk(19, 7)])).toEqual([
      { text: '钛 [PERSON-1] ' },
      { text: 'Okoro', risk: risk(13, 5) },
      { text: ' ' },
      { text: '1234567', risk: risk(19, 7) },
    ]);
    expect(splitMarked('😀 x@y', [risk(3, 1)])).toEqual([
      { text: '😀 x' },
      { text: '@', risk: risk(3, 1) },
      { text: 'y' },
    ]);
    expect(splitMarked('plain', [])).toEqual([{ text: 'plain' }]);
  });
});

describe('review decision comment', () => {
  it('requires 1 to 2000 code points after trimming', async () => {
    const { commentError, MAX_COMMENT } = await import('./case_review');
    expect(commentError('')).toBe('cases:decision.comment_required');
    expect(commentError('  \n ')).toBe('cases:decision.comment_required');
    expect(commentError('Remove the plant name.')).toBeNull();
    expect(commentError('腐'.repeat(MAX_COMMENT))).toBeNull();
    expect(commentError('😀'.repeat(MAX_COMMENT))).toBeNull(); // astral: one character each
    expect(commentError('x'.repeat(MAX_COMMENT + 1))).toBe('cases:decision.comment_too_long');
  });
});
