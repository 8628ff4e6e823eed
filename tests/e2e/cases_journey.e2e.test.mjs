// Browser journeys through the public failure cases on a phone: a reviewer reading Chinese and a
// visitor reading Arabic search with a Chinese query, find a chrome case and open it; an
// enterprise member fills the report form from the engine's vocabulary. The page checker runs on
// every page visited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoAccount, logInAs, serverForTests, switchLanguage, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const phone = { width: 360, height: 740 };

/** Searches the public cases with `q`, opens the first result and checks it is a chrome case. */
async function findChromeCase(page, lang, who) {
  await page.goto(server.url('/cases'));
  await page.locator('[data-testid=case-total]').waitFor();
  await expectCleanPage(page, {
    lang,
    name: `cases-journey-${who}-${lang}-360`,
  });
  await page.fill('#case-q', '铬');
  await page.click('#case-search-h ~ form button[type=submit]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=case-results] li') !== null,
  );
  // The answer is brought into view and focused for the reader.
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'case-total',
  );
  const titles = await page.locator('[data-testid=case-results] li').allTextContents();
  assert.ok(titles.length > 0);
  assert.ok(
    titles.every((x) => /chromium/.test(x)),
    `every result is a chrome case: ${titles.join(' | ')}`,
  );
  await expectCleanPage(page, {
    lang,
    name: `cases-journey-${who}-${lang}-results-360`,
  });
  await page.locator('[data-testid=case-results] li button').first().click();
  await page.locator('[data-testid=case-detail] h2').waitFor();
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-testid') === 'case-detail',
  );
  assert.match(await page.locator('[data-testid=case-detail]').textContent(), /chromium/);
  await expectCleanPage(page, {
    lang,
    name: `cases-journey-${who}-${lang}-detail-360`,
  });
}

describe('public cases on a phone, in Chinese and Arabic', () => {
  test('a reviewer reading Chinese finds a chrome case with 铬', async () => {
    await withBrowser(phone, async ({ page }) => {
      await logInAs(page, server.baseURL, demoAccount('expert'));
      await switchLanguage(page, 'zh');
      await findChromeCase(page, 'zh', 'reviewer');
    });
  });

  test('a visitor reading Arabic finds it too, and is asked for an account to report', async () => {
    await withBrowser(phone, async ({ page }) => {
      await page.goto(server.url('/'));
      await switchLanguage(page, 'ar');
      // Reachable from the navigation without an account.
      assert.ok(await page.locator('a[href="/cases"]').count(), 'cases in the navigation');
      await findChromeCase(page, 'ar', 'visitor');
      // Asked for an account to report a case (the open case asks too, for restricted detail).
      const reportNeedsAccount = page.locator('main > [data-testid=account-needed]');
      await reportNeedsAccount.locator('a[href^="/login"]').waitFor();
      assert.equal(await page.locator('[data-testid=account-needed]').count(), 2);
    });
  });

  test('an enterprise member reports a case with material and bath from the lists', async () => {
    await withBrowser(phone, async ({ page }) => {
      await logInAs(page, server.baseURL, demoAccount('member'));
      await switchLanguage(page, 'zh');
      await page.goto(server.url('/cases'));
      await page.locator('#cs-material option').nth(2).waitFor({ state: 'attached' });
      // The lists show translated names and send the engine's ids.
      const material = await page.locator('#cs-material option[value="Ti-Gr2"]').textContent();
      assert.match(material, /纯钛/);
      assert.ok((await page.locator('#cs-bath optgroup').count()) >= 10, 'bath families');
      // No material chosen: the error shows at the field and next to the button, in Chinese.
      await page.fill('#cs-temp', '55');
      await page.fill('#cs-narrative', '加热器两个月后减薄开裂。');
      await page.click('#case-submit-form button[type=submit]');
      await page.locator('[data-testid=form-error-summary]').waitFor();
      assert.equal(await page.getAttribute('#cs-material', 'aria-invalid'), 'true');
      assert.match(
        await page.locator('[data-testid=form-error-summary]').textContent(),
        /请从列表中选择材料/,
      );
      await page.selectOption('#cs-material', 'Ti-Gr2');
      await page.selectOption('#cs-bath', 'hard-chrome-sulfate');
      await page.fill('#cs-medium', '镀硬铬槽，含少量氟硅酸盐');
      await page.selectOption('#cs-mode', 'fluoride_attack');
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'cases-journey-member-zh-form-360',
      });
      await page.click('#case-submit-form button[type=submit]');
      await page.locator('[data-testid=case-submitted]').waitFor();
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'case-submitted',
      );
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'cases-journey-member-zh-stored-360',
      });
    });
  });
});
