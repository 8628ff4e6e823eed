// A case reviewer's journey (the demo expert) in Chinese at 360 px: "my work" counts the case
// waiting for review and leads to the queue; the reviewer approves it, drafts a warning bulletin
// from it, and a visitor then reads the published case. The demo has no pending case, so a plant
// member submits one through the API first. The page checker runs on every page visited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoAccount, logInAs, serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const url = server.url;
const PHONE = { width: 360, height: 800, locale: 'zh-CN' };
const ROOT_CAUSE = '镀镍槽加热器法兰垫片下沉积物使缝隙保持酸性，三个月后出现缝隙腐蚀。';
const TITLE = '热镀镍槽加热器法兰垫片下的缝隙腐蚀';

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

/** A member of the demo plant submits a case in Chinese and asks for its publication. */
async function submitCaseForReview() {
  await withBrowser({}, async ({ page }) => {
    await logInAs(page, server.baseURL, demoAccount('member'));
    const created = await api(page, 'POST', '/api/v1/cases', {
      equipment_type: 'immersion_heater',
      material: 'Ti-Gr2',
      medium: '光亮镀镍槽液',
      temperature_c: 65,
      failure_mode: 'crevice',
      mechanism_ids: ['crevice_corrosion'],
      root_cause: ROOT_CAUSE,
      language: 'zh',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const asked = await api(page, 'POST', `/api/v1/cases/${created.body.id}/publication`, {});
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
  });
}

describe('case reviewer journey (zh, 360 px)', () => {
  test('approves a pending case, drafts a bulletin from it, and a visitor reads the case', async () => {
    await submitCaseForReview();
    let publicId = '';
    await withBrowser(PHONE, async ({ page }) => {
      await logInAs(page, server.baseURL, demoAccount('expert'), 'zh');

      // Home: the case waiting for review is counted and leads to the queue.
      await page.goto(url('/'));
      const reviews = page.locator('[data-testid=work-reviews]');
      await reviews.waitFor();
      assert.equal(await reviews.locator('.work-count').textContent(), '1');
      assert.match(await reviews.textContent(), /待审核/);
      assert.equal(await page.locator('.shortcut-list a[href="/bulletins"]').count(), 1);
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-home-zh-360' });
      await reviews.locator('a').click();
      await page.waitForURL(/\/case-review$/);

      // The queue shows the desensitized record; approving publishes it.
      const pending = page.locator('[data-testid=review-queue] > li', { hasText: '缝隙腐蚀' });
      await pending.waitFor();
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-queue-zh-360' });
      await pending.locator('button.primary').click();
      const published = page.locator('[data-testid=review-published]');
      await published.waitFor();
      publicId = /\d+/.exec((await published.textContent()) ?? '')?.[0] ?? '';
      assert.ok(publicId, 'the published case has a public number');
      await page.locator('[data-testid=review-empty]').waitFor();
      // What comes next is a link away: the public case, and a bulletin citing it.
      assert.equal(
        await page.getAttribute('[data-testid=review-published-next] a >> nth=0', 'href'),
        `/cases?case=${publicId}`,
      );
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-approved-zh-360' });

      // A warning bulletin drafted from the new public case, which the form already cites.
      await page.click('[data-testid=review-bulletin-from]');
      await page.waitForURL(/\/bulletins\?cases=\d+$/);
      await page.locator('#b-cases').waitFor();
      assert.equal(await page.inputValue('#b-cases'), publicId);
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-bulletins-zh-360' });
      await page.selectOption('#b-severity', 'alert');
      await page.fill('#b-title', TITLE);
      await page.fill('#b-summary', '请检查 70 °C 以上镀槽中加热器的法兰和垫片。');
      await page.click('#b-compose-h ~ form button[type=submit]');
      const draft = page.locator('[data-testid=bulletin][data-state=draft]', { hasText: TITLE });
      await draft.waitFor();
      // The saved draft is announced, brought into view and focused on the phone.
      await page.locator('[data-testid=bulletin-saved]').waitFor();
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'bulletin',
      );
      assert.equal(
        await draft.locator(`a[href="/cases?case=${publicId}"]`).count(),
        1,
        'the draft links the case it cites',
      );
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-draft-zh-360' });

      // Left without a title, the draft is written by the platform, in Chinese for this reader.
      await page.fill('#b-cases', publicId);
      await page.click('#b-compose-h ~ form button[type=submit]');
      const generated = page.locator('[data-testid=bulletin][data-state=draft]', {
        hasText: '多起失效',
      });
      await generated.waitFor();
      const text = (await generated.textContent()) ?? '';
      assert.match(text, /缝隙腐蚀/, 'the mechanism is named in Chinese');
      assert.match(text, /已公开失效案例：1 起/);
      assert.match(text, /温度：/);
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-generated-zh-360' });
    });

    // A visitor (no account) reads the published case.
    await withBrowser(PHONE, async ({ page }) => {
      await page.goto(url('/'));
      await page.evaluate(() => localStorage.setItem('rutile.language', 'zh'));
      await page.goto(url(`/cases?case=${publicId}`));
      const detail = page.locator('[data-testid=case-detail]');
      await detail.locator('#case-detail-title').waitFor();
      assert.match(await detail.textContent(), /缝隙/);
      await expectCleanPage(page, { lang: 'zh', name: 'persona-reviewer-visitor-case-zh-360' });
    });
  });
});
