// The plant administrator's journey (Wang Fang, admin of Jinhe Bright Nickel Plating) in English
// at 1280 px: "my work" on the home page (unread messages, due tasks and open alerts, each linking
// to its subject), the equipment dashboard and its exports, one item (grade and readings), the
// maintenance tasks (one recorded done), a self-inspection filled in from a registered heater
// and started with one answer saved, the organization's members and the inbox; then the same
// home and dashboard in Chinese at 360 px.
// The page checker runs on every page visited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoAccount, logInAs, serverForTests, withBrowser } from './harness.mjs';
import { expectCleanPage } from './page_checker.mjs';

const server = serverForTests();
const url = server.url;
const ADMIN = demoAccount('admin');
// The item the home page's first task links to, opened again by the equipment pages' check.
let itemPath = '/equipment';
const DESK = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800, locale: 'zh-CN' };

/** The count shown on a "my work" card. */
async function workCount(page, key) {
  const text = await page.locator(`[data-testid=work-${key}] .work-count`).textContent();
  return Number(text);
}

describe('plant administrator journey', () => {
  test('in English at 1280 px: my work, equipment, maintenance, self-inspection, members, inbox', async () => {
    await withBrowser(DESK, async ({ page }) => {
      await logInAs(page, server.baseURL, ADMIN, 'en');

      // Home: "my work" counts, and the unread messages and next tasks by name with their links.
      await page.goto(url('/'));
      await page.locator('[data-testid=work-overdue]').waitFor();
      // The unread count arrives with the header's badge.
      await page.locator('.inbox-link .badge').waitFor();
      assert.ok((await workCount(page, 'unread')) > 0, 'unread messages');
      assert.ok((await workCount(page, 'overdue')) > 0, 'overdue tasks');
      assert.ok((await workCount(page, 'alerts_critical')) > 0, 'open critical alerts');
      const messages = page.locator('[data-testid=home-messages] li');
      await messages.first().waitFor();
      assert.ok((await messages.count()) <= 3);
      for (const href of await messages.locator('a').evaluateAll((as) => as.map((a) => a.href)))
        assert.match(href, /\/(equipment|cases|bulletins|standards|inbox)/, href);
      const tasks = page.locator('[data-testid=home-tasks] li');
      await tasks.first().waitFor();
      assert.match(await tasks.first().textContent(), /Overdue/);
      assert.match(
        await tasks.first().locator('a').getAttribute('href'),
        /^\/equipment\?item=\d+$/,
      );
      await expectCleanPage(page, {
        lang: 'en',
        name: 'persona-admin-home-en-1280',
      });

      // The critical alerts card leads to the dashboard, which offers the exports.
      await page.click('[data-testid=work-alerts_critical] a');
      await page.waitForURL(/\/equipment\/dashboard$/);
      const exports = page.locator('[data-testid=dash-exports] a');
      await exports.first().waitFor();
      const hrefs = await exports.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const format of ['csv', 'xlsx', 'pdf'])
        assert.ok(
          hrefs.some((h) => h.includes(`format=${format}`)),
          `${format} export: ${hrefs}`,
        );
      const csv = await page.evaluate(
        async (href) => {
          const r = await fetch(href);
          return {
            status: r.status,
            type: r.headers.get('Content-Type') ?? '',
          };
        },
        hrefs.find((h) => h.includes('format=csv')),
      );
      assert.equal(csv.status, 200);
      assert.match(csv.type, /csv/);
      // The dashboard's clean-page check is the separate test below.

      // An item from the home page's task link: its grade and its readings.
      await page.goto(url('/'));
      await tasks.first().locator('a').click();
      const detail = page.locator('[data-testid=equipment-detail]');
      await detail.locator('[data-testid=equipment-grade]').waitFor();
      await detail.locator('table tbody tr').first().waitFor();
      itemPath = new URL(page.url()).pathname + new URL(page.url()).search;
      // The item page's clean-page check is the separate test below.

      // Maintenance: an open visual inspection recorded done.
      await page.goto(url('/equipment/maintenance'));
      const task = page
        .locator('[data-testid=mt-task]', { hasText: 'Visual inspection' })
        .filter({ has: page.locator('button') })
        .first();
      await task.waitFor();
      await expectCleanPage(page, {
        lang: 'en',
        name: 'persona-admin-tasks-en-1280',
      });
      await task.locator('button').click();
      await task.locator('textarea').fill('Sheath clean, no pitting at the waterline.');
      await task.locator('button[type=submit]').click();
      await page.locator('[data-testid=mt-message]', { hasText: /done|recorded/i }).waitFor();

      // Self-inspection: started for the plant's grade, one answer saved.
      await page.goto(url('/self-inspection'));
      // A registered heater fills in the profile: its material, its temperature and a title
      // naming it, as the register holds them.
      const heater = page.locator('#si-item option').nth(1);
      await heater.waitFor({ state: 'attached' });
      const heaterId = (await heater.getAttribute('value')) ?? '';
      const registered = await page.evaluate(async (id) => {
        const r = await fetch(`/api/v1/equipment/${id}`);
        return r.json();
      }, heaterId);
      await page.selectOption('#si-item', heaterId);
      assert.equal(await page.inputValue('#m-material'), registered.material);
      assert.equal(Number(await page.inputValue('#m-temp')), registered.operating_temperature_c);
      const heaterName = (await heater.textContent()).trim();
      assert.ok((await page.inputValue('#si-title')).includes(heaterName), heaterName);
      await page.fill('#si-title', 'Nickel line, monthly check');
      await page.check('#m-mode-grade');
      await page.selectOption('#m-grade', '3');
      await page.selectOption('#m-industry', 'electroplating');
      await page.click('#si-new-h ~ form button[type=submit]');
      await page.waitForURL(/\/self-inspection\?id=\d+$/);
      const items = page.locator('[data-testid=si-items] > li');
      await items.first().locator('input[value=yes]').check();
      await page.click('[data-testid=si-detail] form button[type=submit].primary');
      await page.locator('[data-testid=si-detail] form [role=status]').waitFor();
      await expectCleanPage(page, {
        lang: 'en',
        name: 'persona-admin-self-inspection-en-1280',
      });

      // The organization: its members, with the administrator among them.
      await page.goto(url('/org'));
      const members = page.locator('[data-testid=org-members] tbody tr');
      await members.first().waitFor();
      assert.ok((await members.count()) >= 2, 'the plant has an admin and a member');
      assert.match(await page.locator('[data-testid=org-members]').textContent(), /Chen Jie/);
      // Removing a member asks once more, naming the person.
      const chen = members.filter({ hasText: 'Chen Jie' });
      await chen.locator('button').click();
      const confirm = chen.locator('[data-testid=member-remove-confirm]');
      assert.match(await confirm.textContent(), /Remove Chen Jie from the organization\?/);
      await confirm.locator('button', { hasText: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
      await expectCleanPage(page, {
        lang: 'en',
        name: 'persona-admin-org-en-1280',
      });

      // The inbox: every notice dated, the unread ones marked.
      await page.click('.inbox-link');
      await page.waitForURL(/\/inbox$/);
      await page.locator('[data-testid=notice]').first().waitFor();
      assert.ok((await page.locator('[data-testid=notice] .badge').count()) > 0);
      await expectCleanPage(page, {
        lang: 'en',
        name: 'persona-admin-inbox-en-1280',
      });
    });
  });

  test('in Chinese at 360 px: the same home, and the members', async () => {
    await withBrowser(PHONE, async ({ page }) => {
      await logInAs(page, server.baseURL, ADMIN, 'zh');
      await page.goto(url('/'));
      await page.locator('[data-testid=home-tasks] li').first().waitFor();
      await page.locator('[data-testid=home-messages] li').first().waitFor();
      assert.match(await page.locator('[data-testid=work-overdue]').textContent(), /逾期/);
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'persona-admin-home-zh-360',
      });
      await page.goto(url('/org'));
      await page.locator('[data-testid=org-members] tbody tr').nth(1).waitFor();
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'persona-admin-org-zh-360',
      });
    });
  });

  // The page's language, not the browser's, decides the texts the server renders.
  test('Chinese chosen on an English browser: maintenance task titles in Chinese', async () => {
    await withBrowser({ ...PHONE, locale: 'en-US' }, async ({ page }) => {
      await logInAs(page, server.baseURL, ADMIN, 'zh');
      const answer = page.waitForResponse((r) => r.url().includes('/api/v1/maintenance/tasks'));
      await page.goto(url('/equipment/maintenance'));
      const response = await answer;
      assert.match(response.request().headers()['accept-language'] ?? '', /^zh-CN/);
      // The titles the server renders from the rules are Chinese, like those the page shows.
      const { items } = await response.json();
      assert.ok(items.length > 0);
      assert.match(items[0].title, /[\u4e00-\u9fff]/, items[0].title);
      const title = page.locator('[data-testid=mt-task] strong').first();
      await title.waitFor();
      assert.match(await title.textContent(), /[\u4e00-\u9fff]/);
      await expectCleanPage(page, {
        lang: 'zh',
        name: 'persona-admin-tasks-zh-360-en-browser',
      });
    });
  });

  // The equipment pages of this journey in English on a desk and in Chinese on a phone.
  test('the equipment dashboard and item read cleanly in English at 1280 px and Chinese at 360 px', async () => {
    const problems = [];
    for (const [lang, size] of [
      ['en', DESK],
      ['zh', PHONE],
    ]) {
      await withBrowser(size, async ({ page }) => {
        await logInAs(page, server.baseURL, ADMIN, lang);
        await page.goto(url('/equipment/dashboard'));
        await page.locator('[data-testid=dash-exports] a').first().waitFor();
        await page.locator('[data-testid=dash-readings]').waitFor();
        const name = `persona-admin-%s-${lang}-${size.width}`;
        const check = async (what) => {
          try {
            await expectCleanPage(page, {
              lang,
              name: name.replace('%s', what),
            });
          } catch (e) {
            problems.push(e.message);
          }
        };
        await check('dashboard');
        await page.goto(url(itemPath));
        await page.locator('[data-testid=equipment-grade]').waitFor();
        await check('item');
      });
    }
    assert.deepEqual(problems, []);
  });
});
