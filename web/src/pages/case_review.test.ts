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
