import { describe, expect, it } from 'vitest';
import { decodeQuery, encodeQuery } from './query_url';
import type { AssessRequest } from './types';

describe('query URL', () => {
  it('round-trips a full request', () => {
    const req: AssessRequest = {
      material: 'Ti-Gr2',
      medium: {
        preset: 'nickel_watts',
        components: [
          { species: 'HCl', wt_pct: 5 },
          { species: 'NaCl', g_per_l: 35.5 },
        ],
        temperature_c: 80,
        boiling: true,
        ph: 1.5,
        aeration: 'deaerated',
        phase: 'liquid',
      },
      features: {
        crevices: true,
        galvanic_couple: 'SS316L',
        velocity_m_s: 2,
        potential_v_sce: -0.4,
      },
    };
    const text = encodeQuery(req);
    expect(text).toContain('material=Ti-Gr2');
    expect(decodeQuery('?' + text)).toEqual(req);
  });

  it('keeps a minimal request minimal', () => {
    const req: AssessRequest = {
      material: 'SS316L',
      medium: { components: [], temperature_c: 25, phase: 'liquid' },
    };
    expect(encodeQuery(req)).toBe('material=SS316L&t=25');
    expect(decodeQuery(encodeQuery(req))).toEqual(req);
  });

  it('keeps a stated crevice-free design apart from crevices not known', () => {
    const free: AssessRequest = {
      material: 'Ti-Gr2',
      medium: { components: [], preset: 'seawater', temperature_c: 80, phase: 'liquid' },
      features: { crevices: false },
    };
    expect(encodeQuery(free)).toContain('crevices=0');
    expect(decodeQuery(encodeQuery(free))).toEqual(free);
    expect(decodeQuery('?material=Ti-Gr2&t=80&crevices=maybe')?.features).toBeUndefined();
  });

  it('ignores malformed components and returns null without a material', () => {
    expect(decodeQuery('?t=20')).toBeNull();
    const req = decodeQuery('?material=Ti-Gr7&c=HCl:furlongs:3&c=HNO3:wt_pct:x&c=NaCl:mg_per_l:10');
    expect(req?.medium.components).toEqual([{ species: 'NaCl', mg_per_l: 10 }]);
  });
});
