// Browser end-to-end test of the free basic kit: a visitor on a phone (360 px) reads the positive
// list, the blacklist and the guides in Chinese and Arabic, follows a row to the quick query, and
// downloads the kit as a PDF in every language.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const url = server.url;
const phone = (locale) => ({ locale, width: 360, height: 740 });

/** A sentence of each language's kit (blacklist heading), as pdftotext reads it back. */
const PDF_TEXT = {
  en: 'Forbidden reagent',
  zh: '禁用试剂',
  es: 'reactivos prohibidos',
  fr: 'réactifs interdits',
  pt: 'reagentes proibidos',
  ar: 'القائمة السوداء',
};

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'rutile-kit-'));
  try {
    const file = join(dir, 'kit.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertPdfIn(lang, bytes) {
  assert.equal(Buffer.from(bytes).subarray(0, 5).toString('latin1'), '%PDF-', lang);
  const text = pdfText(bytes);
  assert.ok(text.includes(PDF_TEXT[lang]), `${lang} PDF lacks "${PDF_TEXT[lang]}"`);
}

async function openKit(page, lang) {
  await page.goto(url('/kit'));
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
  await page.locator('[data-testid=kit-bath-seawater]').waitFor();
  await page.locator('[data-testid=flow-report]').waitFor();
}

describe('basic kit', () => {
  for (const lang of ['zh', 'ar']) {
    test(`a visitor reads the kit in ${lang} at 360 px and downloads its PDF`, async () => {
      await withBrowser(phone(lang === 'zh' ? 'zh-CN' : 'ar'), async ({ page }) => {
        await openKit(page, lang);
        assert.equal(
          await page.evaluate(() => document.documentElement.dir),
          lang === 'ar' ? 'rtl' : 'ltr',
        );
        // The leak guide is a flowchart: boxes, decisions and arrows drawn from the data.
        const chart = page.locator('[data-testid=kit-guide-leak_emergency] .flowchart');
        assert.equal(await chart.locator('.flow-decision').count(), 3);
        assert.ok((await chart.locator('.flow-arrows .flow-line').count()) >= 12);
        // The no-arrows run in the lane on the inline-start side: right of the boxes in Arabic.
        const side = await page.evaluate(() => {
          const chart = document.querySelector('[data-testid=kit-guide-leak_emergency] .flowchart');
          const node = chart.querySelector('.flow-node').getBoundingClientRect();
          const lane = [...chart.querySelectorAll('path.flow-line')].map((p) =>
            p.getBoundingClientRect(),
          );
          return lane.every((r) =>
            document.dir === 'rtl' ? r.right > node.right : r.left < node.left,
          );
        });
        assert.ok(side, 'skip arrows run beside the boxes on the reading side');
        // Printing opens every bath's list, so the paper copy is complete.
        await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.kit-bath')].every((d) => d.open),
        );
        await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.kit-bath')].every((d) => !d.open),
        );
        await page.click('[data-testid=kit-bath-seawater] summary');
        await expectCleanPage(page, { lang, name: `kit-${lang}-360` });

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('[data-testid=kit-pdf]'),
        ]);
        assert.equal(download.suggestedFilename(), `rutile-basic-kit-${lang}.pdf`);
        assertPdfIn(lang, readFileSync(await download.path()));

        // A row of the open bath opens the quick query with its material and bath filled in.
        await page.click('[data-testid=kit-bath-seawater] .kit-row a[href^="/query"]');
        await page.waitForURL(/\/query\?material=.+&preset=seawater/);
        await page.locator('.result-card [data-testid=grade]').waitFor();
        await expectCleanPage(page, { lang, name: `kit-${lang}-query-360` });
      });
    });
  }

  test('the kit PDF is offered in all six languages', async () => {
    for (const lang of Object.keys(PDF_TEXT)) {
      const response = await fetch(url(`/api/v1/kit/kit.pdf?lang=${lang}`));
      assert.equal(response.status, 200, lang);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assertPdfIn(lang, new Uint8Array(await response.arrayBuffer()));
    }
  });
});
