// Readings file upload on a phone in Chinese and Arabic: the page offers the server's CSV and XLSX
// templates in the reader's language, the CSV template documents the types with their names in
// that language, and a file with an unknown type is refused with the row and the known types.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logInAs, serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const OWNER = 'li@demo.rutile.example';
const UNKNOWN = {
  zh: { template: /槽液温度/, refused: '未知的读数类型' },
  ar: { template: /درجة حرارة الحوض/, refused: 'نوع قراءة غير معروف' },
};

describe('readings upload with templates (360 px)', () => {
  for (const lang of ['zh', 'ar']) {
    test(`templates and an unknown type in ${lang}`, async () => {
      await withBrowser({ width: 360, height: 800, locale: lang }, async ({ page }) => {
        await logInAs(page, server.baseURL, OWNER, lang);
        await page.goto(server.url('/equipment'));
        await page.locator('[data-testid=equipment-list] button').first().click();
        const templates = page.locator('[data-testid=readings-templates]');
        await templates.waitFor();
        const csvHref = await page.getAttribute('[data-testid=readings-template-csv]', 'href');
        const xlsxHref = await page.getAttribute('[data-testid=readings-template-xlsx]', 'href');
        assert.equal(csvHref, `/api/v1/readings/template.csv?lang=${lang}`);
        assert.equal(xlsxHref, `/api/v1/readings/template.xlsx?lang=${lang}`);
        const csv = await page.request.get(server.url(csvHref));
        assert.equal(csv.status(), 200);
        const text = await csv.text();
        assert.match(text, UNKNOWN[lang].template);
        const xlsx = await page.request.get(server.url(xlsxHref));
        assert.equal(xlsx.status(), 200);

        // The template filled with a misspelt type: refused, the row named, known types listed.
        const form = page.locator('[data-testid=readings-upload]');
        await form.locator('input[type=file]').setInputFiles({
          name: 'readings.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`${text}ph,7.1,pH,2026-03-01\r\nchlorine,4,mg/L,2026-03-01\r\n`),
        });
        await form.locator('button[type=submit]').click();
        const errors = page.locator('[data-testid=readings-row-errors]');
        await errors.waitFor();
        const item = errors.locator('li[data-field$="].type"]');
        assert.equal(await item.count(), 1);
        const said = (await item.textContent()) ?? '';
        assert.ok(said.includes(UNKNOWN[lang].refused), said);
        assert.ok(said.includes('chlorine'), said);
        assert.ok(said.includes('wall_thickness_mm'), said);
        assert.equal(await item.locator('.readings-known').count(), 9);
        await expectCleanPage(page, { lang, name: `readings-upload-unknown-${lang}-360` });
      });
    });
  }
});
