import { describe, expect, it } from 'vitest';
import { casesFromSearch, draftBody, pickText } from './bulletins';

describe('warning bulletins', () => {
  const texts = [
    { language: 'zh-CN', title: '氟化物', summary: '…' },
    { language: 'en', title: 'Fluoride', summary: '...' },
  ];

  it('shows the text in the reader language, else English, else the first', () => {
    expect(pickText(texts, 'zh')?.title).toBe('氟化物');
    expect(pickText(texts, 'fr')?.title).toBe('Fluoride');
    expect(pickText([texts[0]], 'ar')?.title).toBe('氟化物');
    expect(pickText([], 'en')).toBeUndefined();
  });

  it('lets the server write the text when no title is typed', () => {
    expect(draftBody('3, 5', 'alert', '', '', 'en')).toEqual({
      case_ids: [3, 5],
      severity: 'alert',
    });
    expect(draftBody('3', 'warning', ' Hot fluoride ', ' Check pH ', 'fr')).toEqual({
      case_ids: [3],
      severity: 'warning',
      texts: [{ language: 'fr', title: 'Hot fluoride', summary: 'Check pH' }],
    });
  });

  it('takes the cases a link asks to cite, ignoring what is not a case number', () => {
    expect(casesFromSearch('?cases=66')).toBe('66');
    expect(casesFromSearch('?cases=3,5,x,-2')).toBe('3, 5');
    expect(casesFromSearch('')).toBe('');
  });
});
