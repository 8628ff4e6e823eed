// Browser end-to-end tests of the equipment dashboard and maintenance pages: an enterprise admin
// sees the dashboard of the demo organization with its export and label links, and records an
// overdue maintenance task as done.
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
const TASK = 'Check the flange gaskets';
const HEATER = 'Rinse tank heater';

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

/** The id of a heater of the demo organization with two wall readings, registered when missing. */
async function heater(page) {
  const list = await api(page, 'GET', '/api/v1/equipment');
  assert.equal(list.status, 200);
  const found = list.body.items.find((i) => i.name === HEATER);
  if (found) return found.id;
  const created = await api(page, 'POST', '/api/v1/equipment', {
    name: HEATER,
    type: 'immersion_heater',
    material: 'Ti-Gr2',
    bath_preset: 'seawater',
    operating_temperature_c: 80,
    required_wall_mm: 0.8,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const readings = await api(page, 'POST', `/api/v1/equipment/${created.body.id}/readings`, {
    readings: [
      {
        type: 'wall_thickness_mm',
        value: 1.2,
        unit: 'mm',
        measured_at: '2024-01-15',
      },
      {
        type: 'wall_thickness_mm',
        value: 1.1,
        unit: 'mm',
        measured_at: '2025-01-15',
      },
    ],
  });
  assert.ok(readings.status < 300, JSON.stringify(readings.body));
  return created.body.id;
}

describe('equipment dashboard and maintenance', () => {
  test('the dashboard shows the organization with exports and labels', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL);
      await heater(page);
      await page.goto(url('/equipment/dashboard'));
      await page.locator('[data-testid=dash-grades]').waitFor();
      const items = await page.locator('[data-testid=dash-items] strong').textContent();
      assert.ok(Number(items) > 0, `the demo organization has equipment (${items})`);
      const exports = page.locator('[data-testid=dash-exports] a');
      assert.equal(await exports.count(), 4);
      for (const href of await exports.evaluateAll((as) => as.map((a) => a.href))) {
        const status = await page.evaluate(async (h) => (await fetch(h)).status, href);
        assert.equal(status, 200, href);
      }
      const label = page.locator('[data-testid=dash-label]').first();
      if (await label.count()) {
        const href = await label.getAttribute('href');
        const type = await page.evaluate(
          async (h) => (await fetch(h)).headers.get('Content-Type'),
          href,
        );
        assert.match(type ?? '', /pdf/);
      }
      assert.deepEqual(await seriousViolations(page), []);
    });
    const failures = await checkLayouts({
      name: 'equipment-dashboard',
      prepare: (page) => logInAs(page, server.baseURL),
      open: async (page) => {
        await page.goto(url('/equipment/dashboard'));
        await page.locator('[data-testid=dash-grades]').waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });

  test('an overdue maintenance task is recorded as done', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL);
      const item = { id: await heater(page) };
      const plan = await api(page, 'POST', `/api/v1/equipment/${item.id}/maintenance-plan`, {});
      assert.ok(plan.status < 300, JSON.stringify(plan.body));
      const added = await api(
        page,
        'POST',
        `/api/v1/equipment/${item.id}/maintenance-plan/activities`,
        { title: TASK, interval_days: 90, first_due_on: '2025-01-10' },
      );
      assert.ok(added.status < 300, JSON.stringify(added.body));

      await page.goto(url('/equipment/maintenance'));
      const row = page.locator('[data-testid=mt-task][data-status=overdue]', {
        hasText: TASK,
      });
      await row.waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await row.locator('.actions button').click();
      // A task people added measures nothing in particular: the form asks only for findings.
      await row.locator('textarea').waitFor();
      assert.equal(await row.locator('input[inputmode=decimal]').count(), 0);
      await row.locator('textarea').fill('Gaskets clean, no deposits.');
      await row.locator('button[type=submit]').click();
      await page.locator('[data-testid=mt-message]', { hasText: /done/ }).waitFor();
      await page.selectOption('#mt-status', 'done');
      await page.locator('[data-testid=mt-task][data-status=done]', { hasText: TASK }).waitFor();
    });
    const failures = await checkLayouts({
      name: 'equipment-maintenance',
      prepare: (page) => logInAs(page, server.baseURL),
      open: async (page) => {
        await page.goto(url('/equipment/maintenance'));
        await page.locator('[data-testid=mt-task]').first().waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });
  test('the item page uploads a readings file (bad rows listed first) and shows the plan', async () => {
    await withBrowser({}, async ({ page }) => {
      await logInAs(page, server.baseURL);
      await heater(page);
      await page.goto(url('/equipment'));
      await page.locator('[data-testid=equipment-list] button', { hasText: HEATER }).click();
      const form = page.locator('[data-testid=readings-upload]');
      await form.waitFor();
      const header = 'type,value,unit,measured_at\n';
      await form.locator('input[type=file]').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${header}ph,7.1,pH,2025-03-01\nph,seven,pH,2025-03-02\n`),
      });
      await form.locator('button[type=submit]').click();
      const problem = page.locator('[data-testid=equipment-detail] .problem li');
      await problem.first().waitFor();
      assert.ok((await problem.count()) >= 1);
      await form.locator('input[type=file]').setInputFiles({
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${header}ph,7.1,pH,2025-03-01\nph,6.9,pH,2025-03-02\n`),
      });
      await form.locator('button[type=submit]').click();
      await page.locator('[data-testid=readings-upload-message]', { hasText: '2' }).waitFor();
      // The plan made in the maintenance test is on the item page, with its interval sources.
      const plan = page.locator('[data-testid=item-plan]');
      await plan.locator('[data-testid=plan-activities] li', { hasText: TASK }).waitFor();
      await plan.locator('.actions button').click();
      await plan.locator('[data-testid=plan-activities] li').first().waitFor();
      assert.deepEqual(await seriousViolations(page), []);
    });
  });

  test("an English admin's plan and alerts read Chinese and Arabic", async () => {
    await withBrowser({ width: 360, height: 800 }, async ({ page }) => {
      await logInAs(page, server.baseURL);
      const id = await heater(page);
      const plan = await api(page, 'POST', `/api/v1/equipment/${id}/maintenance-plan`, {});
      assert.ok(plan.status < 300, JSON.stringify(plan.body));
      const windows = await api(page, 'PUT', `/api/v1/equipment/${id}/windows`, {
        windows: [{ type: 'ph', target_min: 6.5, critical_min: 5 }],
      });
      assert.equal(windows.status, 200, JSON.stringify(windows.body));
      const readings = await api(page, 'POST', `/api/v1/equipment/${id}/readings`, {
        readings: [{ type: 'ph', value: 6, unit: 'pH', measured_at: '2026-01-05' }],
      });
      assert.equal(readings.status, 201, JSON.stringify(readings.body));
      const alerts = await api(page, 'GET', `/api/v1/equipment/${id}/alerts?status=open`);
      const ph = alerts.body.items.find((a) => a.type === 'ph');
      assert.equal(ph.code, 'alert.below_target');
      assert.equal(ph.params.limit, 6.5);
      // The API renders rule task titles in the language asked for; the stored task keeps its kind.
      const tasks = await api(page, 'GET', `/api/v1/maintenance/tasks?item_id=${id}&lang=zh`);
      const bath = tasks.body.items.find((t) => t.kind === 'bath_analysis');
      assert.ok(bath, JSON.stringify(tasks.body));
      assert.match(bath.title, /槽液分析/);

      await switchLanguage(page, 'zh');
      await page.goto(url('/equipment/maintenance'));
      await page.locator('[data-testid=mt-task]', { hasText: '槽液分析' }).first().waitFor();
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'maintenance-titles-zh',
      });
      await page.goto(url('/equipment'));
      await page.locator('[data-testid=equipment-list] button', { hasText: HEATER }).click();
      const text = page.locator('[data-testid=alert-text]', {
        hasText: '低于目标下限',
      });
      await text.waitFor();
      assert.match(await text.textContent(), /pH 6/);
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-alert-zh' });

      await switchLanguage(page, 'ar');
      await page
        .locator('[data-testid=alert-text]', {
          hasText: 'أدنى من الحد الأدنى المستهدف',
        })
        .waitFor();
      await expectCleanPage(page, { lang: 'ar', name: 'equipment-alert-ar' });
    });
  });
});
