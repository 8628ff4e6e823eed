import { describe, expect, it } from 'vitest';
import { EMPTY, answerCondition, buildRequest } from './query';

describe('buildRequest', () => {
  it('sends the preset with its (editable) components in preset mode', () => {
    const req = buildRequest({
      ...EMPTY,
      material: 'Ti-Gr2',
      mode: 'preset',
      preset: 'watts-nickel',
      rows: [{ species: 'NiSO4', unit: 'g_per_l', value: '165' }],
      temperature: '55',
      ph: '4',
    });
    expect(req).toEqual({
      material: 'Ti-Gr2',
      medium: {
        preset: 'watts-nickel',
        components: [{ species: 'NiSO4', g_per_l: 165 }],
        phase: 'liquid',
        temperature_c: 55,
        ph: 4,
      },
    });
  });

  it('drops the preset in custom mode, skips blank rows and leaves unset numbers out', () => {
    const req = buildRequest({
      ...EMPTY,
      material: 'SS316L',
      mode: 'custom',
      preset: 'seawater',
      rows: [
        { species: ' HCl ', unit: 'wt_pct', value: '5' },
        { species: '', unit: 'wt_pct', value: '3' },
        { species: 'NaCl', unit: 'mg_per_l', value: '' },
      ],
      temperature: '40',
      crevices: 'true',
      galvanic: 'Ti-Gr2',
      velocity: '',
    });
    expect(req).toEqual({
      material: 'SS316L',
      medium: { components: [{ species: 'HCl', wt_pct: 5 }], phase: 'liquid', temperature_c: 40 },
      features: { crevices: true, galvanic_couple: 'Ti-Gr2' },
    });
  });

  it('sends a crevice-free design as false and leaves unknown crevices out', () => {
    const free = buildRequest({
      ...EMPTY,
      material: 'Ti-Gr2',
      preset: 'seawater',
      crevices: 'false',
    });
    expect(free.features).toEqual({ crevices: false });
    const unknown = buildRequest({ ...EMPTY, material: 'Ti-Gr2', preset: 'seawater' });
    expect(unknown.features).toBeUndefined();
  });
});

describe('answerCondition', () => {
  it('sets the field the condition names to the chosen answer', () => {
    expect(answerCondition(EMPTY, 'features.crevices', true).crevices).toBe('true');
    expect(answerCondition(EMPTY, 'features.crevices', false).crevices).toBe('false');
    expect(answerCondition(EMPTY, 'medium.aeration', 'deaerated').aeration).toBe('deaerated');
    expect(answerCondition(EMPTY, 'features.unknown', true)).toEqual(EMPTY);
  });
});
