import { describe, expect, it } from 'vitest';
import { fieldText } from './case_access';
import { caseFromSearch } from './cases';

describe('restricted case detail', () => {
  it('shows released values as text, components as species and amounts', () => {
    expect(fieldText(82.5)).toBe('82.5');
    expect(fieldText(null)).toBe('—');
    expect(
      fieldText([
        { species: 'NaCl', concentration_g_per_l: 35 },
        { species: 'HF', concentration_g_per_l: 0.2 },
      ]),
    ).toBe('NaCl 35; HF 0.2');
  });

  it('opens the public case named in the address', () => {
    expect(caseFromSearch('?case=12')).toBe(12);
    expect(caseFromSearch('?case=abc')).toBeNull();
    expect(caseFromSearch('')).toBeNull();
  });
});
