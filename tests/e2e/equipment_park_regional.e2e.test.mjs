// Browser end-to-end tests of the park manager's equipment overview and the regulator's regional
// early-warning report, on the demo data as it comes: the tenants of every demo park share
// equipment with readings, open alerts and overdue inspections (src/app/demo_equipment.cc). The
// park manager reads in English at 1280 px, the regulator in Chinese on a 360 px phone; the page
// checker runs on every page visited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectCleanPage } from './page_checker.mjs';
import { logInAs, seriousViolations, serverForTests, withBrowser } from './harness.mjs';

const server = serverForTests();
const url = server.url;
const demo = (name) => `${name}@demo.rutile.example`;
const PARK_MANAGER = demo('park'); // Jinhe Park Management Committee
const ANALYST = demo('regulator'); // platform role regulator_analyst
const TENANT_ADMIN = demo('admin'); // Jinhe Bright Nickel Plating, a tenant of the Jinhe park
const TENANTS = ['Jinhe Bright Nickel Plating', "Li's Hard Chrome Workshop"];
const PHONE = { width: 360, height: 800 };

async function openPark(page) {
  await page.goto(url('/equipment/park'));
  await page.locator('[data-testid=park-tenants]').waitFor();
}

async function openRegional(page) {
  await page.goto(url('/equipment/regional'));
  await page.locator('[data-testid=reg-table]').waitFor();
}

describe('park overview and regional report', () => {
  test('the park manager sees the equipment its tenants share, per tenant and in total', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, PARK_MANAGER);
      await openPark(page);
      assert.equal(
        await page.locator('[data-testid=park-name]').textContent(),
        'Jinhe Surface Treatment Park',
      );
      const rows = page.locator('[data-testid=park-tenant]');
      assert.deepEqual(await rows.locator('th').allTextContents(), TENANTS);
      // Four shared items per tenant (first cell after the name), eight in total.
      assert.deepEqual(await rows.locator('td:nth-of-type(1)').allTextContents(), ['4', '4']);
      const total = page.locator('[data-testid=park-total] td');
      assert.equal(await total.first().textContent(), '8');
      const grades = (await total.allTextContents()).slice(1, 5).map(Number);
      assert.equal(
        grades.reduce((a, b) => a + b, 0),
        8,
      );
      assert.equal(await page.locator('[data-testid=park-items] strong').textContent(), '8');
      // Every figure the demo promises is there: open critical alerts and overdue inspections.
      const figures = (await total.allTextContents()).slice(5).map(Number);
      assert.ok(
        figures.every((n) => n > 0),
        `alerts and overdue: ${figures.join()}`,
      );
      const items = page.locator('[data-testid=park-item]');
      assert.equal(await items.count(), 8);
      assert.deepEqual(await seriousViolations(page), []);
      await expectCleanPage(page, { lang: 'en', name: 'equipment-park-en-1280' });
    });
    await withBrowser(PHONE, async ({ page }) => {
      await logInAs(page, server.baseURL, PARK_MANAGER, 'zh');
      await openPark(page);
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-park-zh-360' });
    });
  });

  test('a user who manages no park is told so', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, TENANT_ADMIN);
      await page.goto(url('/equipment/park'));
      await page.locator('[data-testid=park-none]', { hasText: /do not manage/ }).waitFor();
      assert.equal(await page.locator('[data-testid=park-tenants]').count(), 0);
    });
  });

  test('the regulator analyst sees the regional report with withheld cells explained', async () => {
    await withBrowser(PHONE, async ({ page }) => {
      await logInAs(page, server.baseURL, ANALYST, 'zh');
      await openRegional(page);
      // cn-east electroplating (three tenants, twelve items) is published; the repair shop's two
      // items (cn-west services) are withheld entirely.
      const rows = page.locator('[data-testid=reg-row]');
      assert.equal(await rows.count(), 4);
      const total = page.locator('[data-testid=reg-total] td');
      assert.equal(await total.first().textContent(), '24');
      const published = (await page.locator('[data-testid=reg-row] td').allTextContents()).filter(
        (v) => /^[1-9][0-9]*$/.test(v.trim()),
      );
      assert.ok(published.includes('12'), published.join());
      assert.ok(Number(published.sort((a, b) => b - a)[0]) >= 5);
      assert.ok((await page.locator('[data-testid=reg-withheld]').count()) >= 7);
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-regional-zh-360' });
    });
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, ANALYST);
      await openRegional(page);
      const plating = page.locator('[data-testid=reg-row]').filter({ hasText: 'Electroplating' });
      assert.equal(await plating.locator('td').nth(1).textContent(), '12');
      await page.locator('[data-testid=reg-why]', { hasText: /fewer than 5/ }).waitFor();
      const withheld = await page.locator('[data-testid=reg-withheld]').count();
      assert.match(
        (await page.locator('[data-testid=reg-withheld-count]').textContent()) ?? '',
        new RegExp(`: ${withheld}\\.`),
      );
      assert.deepEqual(await seriousViolations(page), []);
      await expectCleanPage(page, { lang: 'en', name: 'equipment-regional-en-1280' });

      // Filters: one industry, then a region where it has no equipment.
      await page.selectOption('#reg-industry', 'electroplating');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=reg-row]').length === 1,
      );
      assert.match((await plating.first().textContent()) ?? '', /East China.*Electroplating/);
      await page.selectOption('#reg-region', 'cn-west');
      await page.locator('[data-testid=reg-empty]').waitFor();
    });
  });

  test('a user who is not a regulator analyst is refused in plain words', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, TENANT_ADMIN);
      await page.goto(url('/equipment/regional'));
      const refusal = page.locator('[data-testid=reg-refused]');
      await refusal.waitFor();
      assert.match((await refusal.textContent()) ?? '', /only for regulator analysts/);
      assert.equal(await page.locator('[data-testid=reg-table]').count(), 0);
      assert.equal(await page.locator('#reg-region').count(), 0);
      assert.deepEqual(await seriousViolations(page), []);
    });
  });
});
