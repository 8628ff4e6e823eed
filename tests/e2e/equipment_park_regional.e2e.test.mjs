// Browser end-to-end tests of the park manager's equipment overview and the regulator's regional
// early-warning report. The demo has organizations but no equipment, so the tests first register
// items through the API: shared items of two tenants of the Jinhe park, and private items of a
// manufacturer and an anodizing works, so that the report has both published and withheld cells.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkLayouts,
  demoPassword,
  logInAs,
  seriousViolations,
  serverForTests,
  withBrowser,
} from './harness.mjs';

const server = serverForTests();
const url = server.url;
const demo = (name) => `${name}@demo.rutile.example`;
const PARK_MANAGER = demo('park'); // Jinhe Park Management Committee
const ANALYST = demo('regulator'); // platform role regulator_analyst
const TENANT_ADMIN = demo('admin'); // Jinhe Bright Nickel Plating, a tenant of the Jinhe park
const TENANTS = ['Jinhe Bright Nickel Plating', "Li's Hard Chrome Workshop"];

/** Logs `email` in through the API and returns a function calling the API as that user. */
async function apiAs(email) {
  const r = await fetch(url('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  assert.equal(r.status, 200, `log in ${email}`);
  const { token } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(url(path), {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

async function addItems(email, names, level) {
  const call = await apiAs(email);
  for (const name of names) {
    const created = await call('POST', '/api/v1/equipment', {
      name,
      type: 'immersion_heater',
      material: 'Ti-Gr2',
      bath_preset: 'seawater',
      operating_temperature_c: 80,
      level,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
}

let seeded;
/**
 * Once per server: Jinhe Bright Nickel Plating shares 5 items with the park and Li's workshop 1
 * (cn-east electroplating: 6 items); Hengtai (cn-east heater manufacturing) keeps 5 private and
 * Donghai Anodizing Works 1 (cn-east anodizing: below the minimum cell size of 5, withheld).
 */
function seed() {
  seeded ??= (async () => {
    const n = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
    await addItems(TENANT_ADMIN, n('Nickel line heater', 5), 'shared');
    await addItems(demo('li'), ['Hard chrome tank heater'], 'shared');
    await addItems(demo('maker'), n('Test bench heater', 5), 'private');
    await addItems(demo('anodizing'), ['Anodizing tank heater'], 'private');
  })();
  return seeded;
}

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
    await seed();
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, PARK_MANAGER);
      await openPark(page);
      assert.equal(
        await page.locator('[data-testid=park-name]').textContent(),
        'Jinhe Surface Treatment Park',
      );
      const rows = page.locator('[data-testid=park-tenant]');
      assert.deepEqual(await rows.locator('th').allTextContents(), TENANTS);
      // Items per tenant (first cell after the name) and in total, also in the summary.
      assert.deepEqual(await rows.locator('td:nth-of-type(1)').allTextContents(), ['5', '1']);
      const total = page.locator('[data-testid=park-total] td');
      assert.equal(await total.first().textContent(), '6');
      // The grade columns add up to the items.
      const grades = (await total.allTextContents()).slice(1, 5).map(Number);
      assert.equal(
        grades.reduce((a, b) => a + b, 0),
        6,
      );
      assert.equal(await page.locator('[data-testid=park-items] strong').textContent(), '6');
      // The attention list names each shared item with its tenant; none is private.
      const items = page.locator('[data-testid=park-item]');
      assert.equal(await items.count(), 6);
      const names = await items.locator('th').allTextContents();
      assert.ok(names.includes('Hard chrome tank heater'), names.join());
      assert.ok(!names.some((n) => n.startsWith('Test bench')), names.join());
      assert.deepEqual(await seriousViolations(page), []);
    });
    const failures = await checkLayouts({
      name: 'equipment-park',
      prepare: (page) => logInAs(page, server.baseURL, PARK_MANAGER),
      open: openPark,
    });
    assert.deepEqual(failures, []);
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
    await seed();
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL, ANALYST);
      await openRegional(page);
      const rows = page.locator('[data-testid=reg-row]');
      assert.equal(await rows.count(), 3);
      // The anodizing works is alone in its cell: nothing about it is published.
      const anodizing = rows.filter({ hasText: 'Anodizing' });
      assert.equal(await anodizing.locator('[data-testid=reg-withheld]').count(), 7);
      // Electroplating has 6 items, at least the minimum: its count is published.
      const plating = rows.filter({ hasText: 'Electroplating' });
      assert.equal(await plating.locator('td').nth(1).textContent(), '6');
      assert.equal(await page.locator('[data-testid=reg-total] td').first().textContent(), '12');
      await page.locator('[data-testid=reg-why]', { hasText: /fewer than 5/ }).waitFor();
      const withheld = await page.locator('[data-testid=reg-withheld]').count();
      assert.ok(withheld >= 7, `withheld cells: ${withheld}`);
      assert.match(
        (await page.locator('[data-testid=reg-withheld-count]').textContent()) ?? '',
        new RegExp(`: ${withheld}\\.`),
      );
      assert.deepEqual(await seriousViolations(page), []);

      // Filters: one industry, then a region without equipment.
      await page.selectOption('#reg-industry', 'electroplating');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=reg-row]').length === 1,
      );
      assert.match((await rows.first().textContent()) ?? '', /East China.*Electroplating/);
      await page.selectOption('#reg-region', 'cn-west');
      await page.locator('[data-testid=reg-empty]').waitFor();
    });
    const failures = await checkLayouts({
      name: 'equipment-regional',
      prepare: (page) => logInAs(page, server.baseURL, ANALYST),
      open: openRegional,
    });
    assert.deepEqual(failures, []);
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
