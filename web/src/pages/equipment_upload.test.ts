import { describe, expect, it } from 'vitest';
import ar from '../i18n/ar/readings.json';
import en from '../i18n/en/readings.json';
import es from '../i18n/es/readings.json';
import fr from '../i18n/fr/readings.json';
import pt from '../i18n/pt/readings.json';
import zh from '../i18n/zh/readings.json';
import { knownTypes, problemFromText, rowOf, templateHref } from './equipment_upload';

/** Dotted keys of a nested catalogue. */
function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object'
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [prefix + k],
  );
}

describe('readings templates and row errors', () => {
  it('links the server templates in the reader language', () => {
    expect(templateHref('csv', 'zh')).toBe('/api/v1/readings/template.csv?lang=zh');
    expect(templateHref('xlsx', 'ar')).toBe('/api/v1/readings/template.xlsx?lang=ar');
  });

  it('places an error at its row and column', () => {
    expect(rowOf('rows[4].type')).toEqual({ row: 4, column: 'type' });
    expect(rowOf('rows[12]')).toEqual({ row: 12 });
    expect(rowOf('rows')).toBeNull();
    expect(rowOf('file')).toBeNull();
  });

  it('reads the known type codes of an unknown-type error', () => {
    expect(knownTypes('bath_temperature_c (C), ph (pH), potential_v_sce (V_SCE)')).toEqual([
      'bath_temperature_c',
      'ph',
      'potential_v_sce',
    ]);
    expect(knownTypes(undefined)).toEqual([]);
  });

  it('keeps the message codes of a refused file', () => {
    const p = problemFromText(
      400,
      JSON.stringify({
        type: 'https://rutile.example/problems/invalid-argument',
        code: 'problem.fields',
        errors: [
          {
            field: 'rows[3].type',
            message: 'unknown reading type "x"; known types: ph (pH)',
            code: 'field.unknown_reading_type',
            params: { type: 'x', known: 'ph (pH)' },
          },
        ],
      }),
    );
    expect(p.code).toBe('problem.fields');
    expect(p.errors[0]).toMatchObject({
      field: 'rows[3].type',
      code: 'field.unknown_reading_type',
      params: { type: 'x', known: 'ph (pH)' },
    });
  });

  it('has every text in all six languages', () => {
    const reference = keys(en).sort();
    for (const catalogue of [zh, es, fr, pt, ar]) expect(keys(catalogue).sort()).toEqual(reference);
  });
});
