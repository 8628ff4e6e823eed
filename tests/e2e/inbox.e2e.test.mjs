// Browser end-to-end test of the inbox, in Chinese on a phone: a case is published, its owner's
// administrator sees the notice in Chinese, dated this year, opens its subject from the link, and
// marking the notices read clears the header badge at once; the signed-in home shows "my work".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logInAs, serverForTests, switchLanguage, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const phone = { width: 360, height: 740 };

/** Calls the API from the page (its session cookie) and returns the status and JSON body. */
function api(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p, {
        method: m,
        headers: { 'Content-Type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, path, body],
  );
}

/** The demo enterprise submits a case in Chinese; an operator publishes it. Returns its public id. */
async function publishCase() {
  let caseId = 0;
  await withBrowser({}, async ({ page }) => {
    await logInAs(page, server.baseURL);
    const created = await api(page, 'POST', '/api/v1/cases', {
      equipment_type: 'immersion_heater',
      material: 'Ti-Gr2',
      medium: '镀镍槽液',
      temperature_c: 80,
      failure_mode: 'crevice',
      mechanism_ids: ['crevice_corrosion'],
      root_cause: '法兰垫片下的沉积物使缝隙保持酸性。',
      language: 'zh',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseId = created.body.id;
    assert.equal((await api(page, 'POST', `/api/v1/cases/${caseId}/publication`, {})).status, 200);
  });
  let publicId = 0;
  await withBrowser({}, async ({ page }) => {
    await logInAs(page, server.baseURL, 'operator@demo.rutile.example');
    const approved = await api(page, 'POST', `/api/v1/cases/${caseId}/publication/approve`, {});
    assert.equal(approved.status, 201, JSON.stringify(approved.body));
    publicId = approved.body.id;
  });
  return publicId;
}

test('a published case reaches the inbox in Chinese, dated this year, with a link; reading clears the badge', async () => {
  const publicId = await publishCase();
  await withBrowser(phone, async ({ page }) => {
    await logInAs(page, server.baseURL);
    await switchLanguage(page, 'zh');
    const badge = page.locator('.inbox-link .badge');
    await badge.waitFor();
    assert.ok(Number(await badge.textContent()) >= 1);

    await page.click('.inbox-link');
    await page.waitForURL(/\/inbox$/);
    const notice = page.locator('[data-testid=notice]', { hasText: '您的失效案例已发布' });
    await notice.waitFor();
    const date = (await notice.locator('[data-testid=notice-date]').textContent()) ?? '';
    assert.match(date, new RegExp(String(new Date().getFullYear())), date);
    assert.doesNotMatch(date, /1970/);
    const link = notice.locator('h2 a');
    assert.equal(await link.getAttribute('href'), `/cases?case=${publicId}`);
    await expectCleanPage(page, { lang: 'zh', name: 'inbox-zh-360' });

    // Marking every notice read clears the badge without leaving the page.
    await page.click('[data-testid=inbox-read-all]');
    await badge.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=notice] .badge').count(), 0);
    assert.match(page.url(), /\/inbox$/);

    // The link opens the published case itself.
    await link.click();
    await page.waitForURL(new RegExp(`/cases\\?case=${publicId}$`));
    await page.locator('#case-detail-title').waitFor();
    await expectCleanPage(page, { lang: 'zh', name: 'inbox-subject-zh-360' });
    assert.equal(await page.locator('.inbox-link .badge').count(), 0);

    // The signed-in home is "my work": unread messages (none now), maintenance and alerts.
    await page.click('a.brand');
    await page.locator('[data-testid=work-unread] .work-count').waitFor();
    assert.equal(await page.locator('[data-testid=work-unread] .work-count').textContent(), '0');
    await page.locator('[data-testid=work-overdue]').waitFor();
    await expectCleanPage(page, { lang: 'zh', name: 'home-work-zh-360' });
  });
});
