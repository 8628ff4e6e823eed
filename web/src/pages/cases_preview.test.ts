import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import cases from '../i18n/zh/cases.json';
import labels from '../i18n/zh/labels.json';
import ui from '../i18n/zh/ui.json';
import { previewFieldLabel } from './cases_submit';

beforeAll(async () => {
  await i18next.init({
    lng: 'zh',
    ns: ['ui', 'cases', 'labels'],
    defaultNS: 'ui',
    resources: { zh: { ui, cases, labels } },
    interpolation: { escapeValue: false },
  });
});

describe('publication preview', () => {
  it('names every field the server lists in the reader language, never by its code', () => {
    // The fields of cases::Propose (src/cases/case_service.cc), in its order.
    const fields = [
      'equipment_type',
      'material',
      'grade',
      'bath_preset',
      'medium',
      'temperature_c',
      'ph',
      'chloride_mg_per_l',
      'fluoride_mg_per_l',
      'service_months',
      'morphology',
      'root_cause',
      'corrective_actions',
      'region',
      'industry',
      'scale',
      'occurred_on',
      'narrative',
    ];
    const unknown = previewFieldLabel('no_such_field');
    for (const f of fields) {
      const shown = previewFieldLabel(f);
      expect(shown, f).not.toBe(unknown);
      expect(shown, f).not.toMatch(/[a-z]_[a-z]|\./);
    }
    expect(previewFieldLabel('equipment_type')).toBe('设备类型');
  });
});
