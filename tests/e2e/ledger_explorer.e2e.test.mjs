// The ledger explorer as a visitor reading Arabic on a phone: recent entries with their kind in
// Arabic and their subject, a search by kind and by subject, and verifying a listed entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();

test('a visitor lists, searches and verifies ledger entries in Arabic at 360 px', async () => {
  await withBrowser({ width: 360, height: 740 }, async ({ page }) => {
    await page.goto(server.url('/'));
    await page.evaluate(() => localStorage.setItem('rutile.language', 'ar'));
    await page.goto(server.url('/ledger'));
    const rows = page.locator('[data-testid=ledger-recent] li');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 0);
    const kind = await rows.first().locator('.ledger-kind').textContent();
    assert.match(kind ?? '', /[\u0600-\u06ff]/, `kind in Arabic: ${kind}`);
    await expectCleanPage(page, { lang: 'ar', name: 'ledger-explorer-ar-360' });

    // By kind: every organization event, then a subject taken from the list.
    await page.selectOption('#ledger-kind', 'organization');
    await page.click('form.ledger-search button[type=submit]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=ledger-recent] .ledger-kind')].every((e) =>
        /مؤسسة|مجمع|جمعية|الهوية/.test(e.textContent ?? ''),
      ),
    );
    const subject = (await rows.first().locator('bdi').textContent())?.trim() ?? '';
    assert.ok(subject.length > 0);
    await page.fill('#ledger-subject', subject);
    await page.click('form.ledger-search button[type=submit]');
    await page.waitForFunction(
      (s) =>
        [...document.querySelectorAll('[data-testid=ledger-recent] bdi')].every((e) =>
          (e.textContent ?? '').toLowerCase().includes(s.toLowerCase()),
        ),
      subject,
    );
    await expectCleanPage(page, {
      lang: 'ar',
      name: 'ledger-explorer-search-ar-360',
    });

    // Verifying a listed entry runs the inclusion proof in the browser.
    await rows.first().locator('button').click();
    await page.locator('[data-testid=inclusion-status].ok').waitFor();
    await expectCleanPage(page, {
      lang: 'ar',
      name: 'ledger-explorer-verified-ar-360',
    });
  });
});
