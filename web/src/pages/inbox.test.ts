import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import cases from '../i18n/en/cases.json';
import { noticeText } from './inbox';

describe('inbox', () => {
  it('renders coded notices instead of showing their code and parameters', () => {
    const coded = noticeText({
      id: 1,
      kind: 'identity.join_request_approved',
      title: 'identity.join_request_approved',
      body: '{"request_id":4,"target":"association","target_id":9}',
    });
    expect(coded.title).not.toContain('identity.');
    expect(coded.body).toBeUndefined();
    const plain = noticeText({ id: 2, kind: 'cases.published', title: 'Published', body: 'x' });
    expect(plain).toEqual({ title: 'Published', body: 'x' });
  });

  it('renders coded case review notices with the case id', async () => {
    await i18next.init({
      lng: 'en',
      ns: ['cases'],
      defaultNS: 'cases',
      resources: { en: { cases } },
      interpolation: { escapeValue: false },
    });
    for (const kind of ['case.publication_returned', 'case.publication_rejected']) {
      const n = noticeText({ id: 3, kind, title: kind, body: '{"case_id":42}' });
      expect(n.title).not.toContain('case.');
      expect(n.title).not.toContain('_');
      expect(n.body).toContain('42');
      expect(n.body).not.toContain('{');
    }
  });
});
