import { describe, expect, it } from 'vitest';
import { matchBody, searchQuery } from './clauses';

describe('clause library requests', () => {
  it('leaves empty search filters out of the query string', () => {
    expect(searchQuery('', '', '', '')).toBe('');
    expect(searchQuery(' fluoride ', 'mandatory', '3', 'en')).toBe(
      'q=fluoride&kind=mandatory&grade=3&lang=en',
    );
  });

  it('sends either the conditions or the grade, and only the stated profile fields', () => {
    const form = {
      mode: 'conditions' as const,
      material: 'Ti-Gr2',
      preset: 'seawater',
      temperature: '80',
      grade: '3',
      industry: 'electroplating',
      equipment: '',
      region: 'II',
      scale: '',
    };
    expect(matchBody(form, 'zh')).toEqual({
      lang: 'zh',
      material: 'Ti-Gr2',
      preset: 'seawater',
      temperature_c: 80,
      industry: 'electroplating',
      region_category: 'II',
    });
    expect(matchBody({ ...form, mode: 'grade', industry: '', region: '' }, 'en')).toEqual({
      lang: 'en',
      grade: 3,
    });
  });
});
