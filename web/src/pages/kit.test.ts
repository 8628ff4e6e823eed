import { describe, expect, it } from 'vitest';
import { flowEdges, groupByPreset, quickQueryHref, type GuideStep } from './kit_model';
import { decodeQuery } from '../engine/query_url';

const step = (code: string, extra: Partial<GuideStep> = {}): GuideStep => ({
  code,
  kind: 'action',
  sources: [],
  ...extra,
});

describe('kit page model', () => {
  it('links a row to the quick query with its material, bath and temperature', () => {
    const href = quickQueryHref({
      preset: 'seawater',
      material: 'Ti-Gr2',
      grade: 1,
      temperature_min_c: 20,
      temperature_max_c: 80,
      clauses: [],
    });
    const req = decodeQuery(href.slice(href.indexOf('?')));
    expect(req?.material).toBe('Ti-Gr2');
    expect(req?.medium.preset).toBe('seawater');
    expect(req?.medium.temperature_c).toBe(80);
  });

  it('groups rows by bath in order', () => {
    const row = (preset: string, material: string) => ({
      preset,
      material,
      grade: 1,
      temperature_min_c: 20,
      temperature_max_c: 20,
      clauses: [],
    });
    const groups = groupByPreset([row('a', 'x'), row('a', 'y'), row('b', 'x')]);
    expect(groups.map((g) => [g.preset, g.rows.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('draws a decision with a yes arrow down and a no arrow in the side lane', () => {
    const edges = flowEdges([
      step('a'),
      step('q', { kind: 'decision', yes: 'b', no: 'c' }),
      step('b'),
      step('c'),
    ]);
    expect(edges).toEqual([
      { from: 0, to: 1, label: undefined, skip: false },
      { from: 1, to: 2, label: 'yes', skip: false },
      { from: 1, to: 3, label: 'no', skip: true },
      { from: 2, to: 3, label: undefined, skip: false },
    ]);
  });
});
