import { describe, expect, it } from 'vitest';
import { parseWasmAnswer } from './adapter';

describe('parseWasmAnswer', () => {
  it('passes a result through', () => {
    expect(parseWasmAnswer<{ grade: number }>('{"grade":2,"verdict":"moderate"}')).toEqual({
      ok: true,
      value: { grade: 2, verdict: 'moderate' },
    });
  });

  it('turns the engine error object into a problem with field errors', () => {
    const r = parseWasmAnswer(
      '{"error":{"code":"invalid_argument","message":"unknown species \\"HCL\\"; did you mean HCl?",' +
        '"errors":[{"field":"medium.components[0].species","message":"unknown species"}]}}',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.detail).toContain('did you mean HCl');
    expect(r.problem.errors).toEqual([
      { field: 'medium.components[0].species', message: 'unknown species' },
    ]);
    expect(r.problem.network).toBe(false);
  });

  it('keeps the message code and parameters a field error carries, for the reader language', () => {
    const r = parseWasmAnswer(
      '{"error":{"code":"invalid_argument","message":"invalid assessment request",' +
        '"errors":[{"field":"medium.ph","message":"must be between -1 and 15",' +
        '"code":"field.out_of_range","params":{"min":"-1","max":"15"}}]}}',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.errors).toEqual([
      {
        field: 'medium.ph',
        message: 'must be between -1 and 15',
        code: 'field.out_of_range',
        params: { min: '-1', max: '15' },
      },
    ]);
  });

  it('reports invalid JSON as a problem', () => {
    expect(parseWasmAnswer('not json').ok).toBe(false);
  });
});
