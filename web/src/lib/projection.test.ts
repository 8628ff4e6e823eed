import { describe, expect, it } from 'vitest';
import { addYears, projectThickness } from './projection';

describe('projectThickness', () => {
  const readings = [
    { date: '2020-01-01', thickness_mm: 12 },
    { date: '2024-01-01', thickness_mm: 11 },
  ];

  it('projects from the latest reading to the required thickness', () => {
    const p = projectThickness(readings, 0.25, 9);
    expect(p[0]).toEqual({ date: '2024-01-01', thickness_mm: 11 });
    expect(p[1].thickness_mm).toBe(9);
    expect(p[1].date).toBe(addYears('2024-01-01', 8));
    expect(p[1].date.startsWith('2032-01')).toBe(true);
  });

  it('runs flat over the horizon without a corrosion rate', () => {
    const p = projectThickness(readings, 0, 9, 5);
    expect(p[1].thickness_mm).toBe(11);
    expect(p[1].date).toBe(addYears('2024-01-01', 5));
  });

  it('handles readings out of order and empty input', () => {
    expect(projectThickness([readings[1], readings[0]], 0.5, undefined, 2)[1].thickness_mm).toBe(
      10,
    );
    expect(projectThickness([], 1, 1)).toEqual([]);
  });
});
