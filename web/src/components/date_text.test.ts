// A rendered date is one <time> unit that the stylesheet keeps on one line, in every language.
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VNode } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../i18n';
import { DateText } from './date_text';

beforeAll(async () => {
  await i18next.init({ lng: 'ar', fallbackLng: 'en', resources: {} });
});

const rendered = (
  props: Parameters<typeof DateText>[0],
): VNode<{ class: string; dateTime: string; children: string }> | null => DateText(props);

describe('dates', () => {
  it('render in the reader language inside a <time> of class date', () => {
    const v = rendered({ iso: '2026-12-06' });
    expect(v?.type).toBe('time');
    expect(v?.props.class).toBe('date');
    expect(v?.props.dateTime).toBe('2026-12-06');
    expect(v?.props.children).toBe(formatDate('2026-12-06', 'ar'));
    expect(v?.props.children).toContain('2026');
  });

  it('take Unix seconds, and render nothing without a date', () => {
    const v = rendered({ seconds: Date.UTC(2026, 11, 6, 9) / 1000 });
    expect(v?.props.dateTime).toBe('2026-12-06T09:00:00.000Z');
    expect(v?.props.children).toBe(formatDate('2026-12-06T09:00:00.000Z', 'ar'));
    expect(rendered({ iso: null })).toBeNull();
    expect(rendered({ seconds: 0 })).toBeNull();
    expect(rendered({})).toBeNull();
  });

  it('never wrap inside, even where long words break anywhere', () => {
    const css = readFileSync(resolve(import.meta.dirname, '../styles.css'), 'utf8');
    const rule = /(^|\n)time\.date\s*\{([^}]*)\}/.exec(css);
    expect(rule?.[2]).toMatch(/white-space:\s*nowrap/);
  });
});
