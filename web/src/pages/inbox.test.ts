import { describe, expect, it } from 'vitest';
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
});
