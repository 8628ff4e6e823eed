// API requests carry the page's language, so server-rendered texts follow the reader's choice.
import { describe, expect, it } from 'vitest';
import { readerLanguage } from './api';

describe('the reader language of API requests', () => {
  it('is the page language first, English as the fallback', () => {
    expect(readerLanguage('en')).toBe('en');
    expect(readerLanguage('zh')).toBe('zh-CN, en;q=0.5');
    expect(readerLanguage('ar')).toBe('ar, en;q=0.5');
  });
});
