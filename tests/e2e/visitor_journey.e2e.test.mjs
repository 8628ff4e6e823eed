// A visitor in Arabic on a phone: opens the menu and reaches every public page from the
// navigation (no account), and each page passes the page checker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();

// Every public page, by the menu group it is in.
const PUBLIC_PAGES = [
  ['check', '/query', 'query'],
  ['standards', '/clauses', 'clauses'],
  ['standards', '/standards', 'standards'],
  ['standards', '/standards/annexes', 'annexes'],
  ['cases', '/cases', 'cases'],
  ['cases', '/bulletins', 'bulletins'],
  ['cases', '/atlas', 'atlas'],
  ['tools', '/ledger', 'ledger'],
  ['tools', '/atmosphere', 'atmosphere'],
  ['tools', '/thickness', 'thickness'],
];

/** Opens the menu, then the group, then follows the link to `path`. */
async function reachFromMenu(page, group, path, shot) {
  await page.click('.menu-toggle');
  const summary = page.locator(`[data-testid=nav-group-${group}]`);
  await summary.click();
  // The open menu is checked too (labels, overflow at 360 px), once.
  if (shot) await expectCleanPage(page, { lang: 'ar', name: shot });
  await page.locator(`#site-nav a[href="${path}"]`).click();
  await page.waitForURL((u) => u.pathname === path);
  await page.locator('main h1').waitFor();
}

test('a visitor in Arabic at 360 px reaches every public page from the menu', async () => {
  await withBrowser({ width: 360, height: 740 }, async ({ page }) => {
    await page.goto(server.url('/'));
    await page.evaluate(() => localStorage.setItem('rutile.language', 'ar'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await expectCleanPage(page, { lang: 'ar', name: 'visitor-home-ar-360' });

    for (const [group, path, name] of PUBLIC_PAGES) {
      await reachFromMenu(page, group, path, path === '/cases' ? 'visitor-menu-ar-360' : '');
      assert.equal(await page.locator('[data-testid=account-needed] form').count(), 0);
      await expectCleanPage(page, { lang: 'ar', name: `visitor-${name}-ar-360` });
      if (path === '/cases') {
        // Public cases are searchable and readable without an account; submitting one and asking
        // for restricted detail say what an account adds instead of showing a form that fails.
        await page.locator('[data-testid=case-total]').waitFor();
        await page.locator('[data-testid=account-needed]').first().waitFor();
        await page.fill('#case-q', 'nickel');
        await page.click('form[role=search] button[type=submit]');
        await page.locator('[data-testid=case-total]').waitFor();
        await page.locator('[data-testid=case-results] button').first().click();
        await page.locator('#case-detail-title').waitFor();
        await page.locator('[data-testid=case-detail] [data-testid=account-needed]').waitFor();
        await expectCleanPage(page, { lang: 'ar', name: 'visitor-case-ar-360' });
      }
    }
  });
});
