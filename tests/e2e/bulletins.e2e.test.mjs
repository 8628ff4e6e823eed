// Browser end-to-end tests of the warning bulletins page: a reviewer drafts a bulletin from public
// cases and publishes it; a visitor reads it and finds it in the Atom feed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkLayouts,
  logInAs,
  seriousViolations,
  serverForTests,
  switchLanguage,
  withBrowser,
} from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const url = server.url;
const TITLE = 'Crevice attack under flange gaskets in hot plating baths';

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

/** A public case of the demo enterprise, published through the API; returns its public id. */
async function publishCase() {
  let caseId = 0;
  await withBrowser({}, async ({ page }) => {
    await logInAs(page, server.baseURL);
    const created = await api(page, 'POST', '/api/v1/cases', {
      equipment_type: 'immersion_heater',
      material: 'Ti-Gr2',
      medium: 'nickel plating bath',
      temperature_c: 82,
      failure_mode: 'crevice',
      mechanism_ids: ['crevice_corrosion'],
      root_cause: 'Deposits under the PTFE flange gasket kept the crevice acidic.',
      language: 'en',
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

describe('warning bulletins', () => {
  test('a reviewer drafts and publishes a bulletin; a visitor reads it and its feed', async () => {
    const publicId = await publishCase();

    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, 'operator@demo.rutile.example');
      await page.goto(url('/bulletins'));
      await page.locator('#b-cases').waitFor();
      // Without cases the draft is refused with the server's message.
      await page.click('#b-compose-h ~ form button[type=submit]');
      await page.locator('#b-compose-h ~ [role=alert]').waitFor();

      await page.fill('#b-cases', String(publicId));
      await page.selectOption('#b-severity', 'alert');
      await page.fill('#b-title', TITLE);
      await page.fill('#b-summary', 'Check gaskets and flanges of heaters in baths above 70 °C.');
      await page.click('#b-compose-h ~ form button[type=submit]');
      const draft = page.locator('[data-testid=bulletin][data-state=draft]', {
        hasText: TITLE,
      });
      await draft.waitFor();
      const v = await seriousViolations(page);
      assert.deepEqual(v, []);
      await draft.locator('button.primary').click();
      await draft.waitFor({ state: 'detached' });
      await page.selectOption('#b-state', 'published');
      const published = page.locator('[data-testid=bulletin][data-state=published]', {
        hasText: TITLE,
      });
      await published.waitFor();
      await published.locator('[data-testid=bulletin-reach]').waitFor();

      // Without a title the platform drafts the bulletin, in every language, and it is published.
      await page.selectOption('#b-state', 'draft');
      await page.fill('#b-cases', String(publicId));
      await page.click('#b-compose-h ~ form button[type=submit]');
      const generated = page.locator('[data-testid=bulletin][data-state=draft]', {
        hasText: 'repeated failures',
      });
      await generated.waitFor();
      assert.match((await generated.textContent()) ?? '', /Published failure cases: 1 \(#\d+\)/);
      await generated.locator('button.primary').click();
      await generated.waitFor({ state: 'detached' });
    });

    await withBrowser({}, async ({ page }) => {
      await page.goto(url('/bulletins'));
      await page.locator('[data-testid=bulletin]', { hasText: TITLE }).waitFor();
      const feed = await page.getAttribute('a[type="application/atom+xml"]', 'href');
      const atom = await page.evaluate(async (href) => (await fetch(href)).text(), feed);
      assert.match(atom, /<feed/);
      assert.ok(atom.includes(TITLE), 'the feed carries the published bulletin');
      for (const lang of ['en', 'ar']) {
        await switchLanguage(page, lang);
        assert.deepEqual(await seriousViolations(page), []);
      }
      // The drafted bulletin reads in Arabic for an Arabic reader.
      await page.locator('[data-testid=bulletin]', { hasText: 'أعطال متكررة' }).waitFor();
      await expectCleanPage(page, {
        lang: 'ar',
        name: 'bulletins-generated-ar-1280',
      });
    });

    const failures = await checkLayouts({
      name: 'bulletins',
      prepare: (page) => page.goto(url('/')),
      open: async (page) => {
        await page.goto(url('/bulletins'));
        await page.locator('[data-testid=bulletin]').first().waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });
});
