// A micro-workshop owner's equipment journey on a phone, in Chinese at 360 px: register a heater
// shared with the park (the form explains who will see it and clears after success), move it to
// the association and back on the item page, add a
// reading through the per-type form with its unit, and record an overdue thickness task with the
// thickness it asks for. The page checker runs on every page visited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectCleanPage } from './page_checker.mjs';
import { logInAs, serverForTests, withBrowser } from './harness.mjs';

const server = serverForTests();
const url = server.url;
const OWNER = 'li@demo.rutile.example'; // Li's Hard Chrome Workshop, a tenant of the Jinhe park
const PHONE = { width: 360, height: 800, locale: 'zh-CN' };
const NAME = '4号镀铬槽加热器';

describe('micro workshop equipment journey (zh, 360 px)', () => {
  test('registers a shared heater, adds a reading and completes a maintenance task', async () => {
    await withBrowser(PHONE, async ({ page }) => {
      await logInAs(page, server.baseURL, OWNER, 'zh');
      await page.goto(url('/equipment'));
      await page.locator('[data-testid=equipment-list]').waitFor();
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-journey-list-zh-360' });

      // Register: the level's explanation follows the choice.
      await page.fill('#eq-name', NAME);
      await page.selectOption('#eq-preset', 'hard-chrome-sulfate');
      await page.fill('#eq-temp', '55');
      const hint = page.locator('#eq-level-hint');
      assert.match((await hint.textContent()) ?? '', /只有本单位/);
      await page.selectOption('#eq-level', 'park');
      assert.match((await hint.textContent()) ?? '', /园区的管理方/);
      await page.click('#eq-register-h ~ form button[type=submit]');
      const detail = page.locator('[data-testid=equipment-detail]');
      await detail.locator('h2', { hasText: NAME }).waitFor();
      assert.equal(await page.inputValue('#eq-name'), '', 'the form clears after success');
      assert.equal(await page.inputValue('#eq-item-level'), 'park');
      // The item page changes who sees it: to the association, and back to the park.
      const level = page.locator('[data-testid=item-level]');
      await page.selectOption('#eq-item-level', 'association');
      assert.match((await page.locator('#eq-item-level-hint').textContent()) ?? '', /行业协会/);
      await level.locator('button[type=submit]').click();
      await level.locator('[role=status]').waitFor();
      await page.selectOption('#eq-item-level', 'park');
      await level.locator('button[type=submit]').click();
      await page
        .locator('[data-testid=equipment-list] .badge', { hasText: '已共享给园区' })
        .first()
        .waitFor();

      // One reading through the form: the unit stands next to the value.
      await page.selectOption('#eq-reading-type', 'bath_temperature_c');
      assert.equal(await page.locator('[data-testid=reading-unit]').textContent(), '°C');
      await page.selectOption('#eq-reading-type', 'wall_thickness_mm');
      assert.equal(await page.locator('[data-testid=reading-unit]').textContent(), 'mm');
      await page.selectOption('#eq-reading-type', 'bath_temperature_c');
      await page.fill('#eq-reading-value', '56');
      await page.click('[data-testid=reading-form] button[type=submit]');
      await detail.locator('[role=status]', { hasText: '已保存 1 条数据' }).waitFor();
      await detail.locator('td', { hasText: '槽液温度' }).first().waitFor();
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-journey-item-zh-360' });

      // An overdue thickness task of the demo plan asks for the thickness, in mm.
      await page.goto(url('/equipment/maintenance'));
      const task = page
        .locator('[data-testid=mt-task][data-status=overdue]', { hasText: '定点壁厚测量' })
        .first();
      await task.waitFor();
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-journey-tasks-zh-360' });
      await task.locator('button').click();
      const thickness = task.locator('input[id$="-wall_thickness_mm"]');
      await thickness.fill('1.6');
      assert.equal(await task.locator('.unit').first().textContent(), 'mm');
      await expectCleanPage(page, { lang: 'zh', name: 'equipment-journey-complete-zh-360' });
      await task.locator('button[type=submit]').click();
      await page.locator('[data-testid=mt-message]', { hasText: '任务已登记完成' }).waitFor();
    });
  });

  test('a brine heater asks whether it has crevices and keeps the answer (zh and ar)', async () => {
    for (const [lang, locale, name] of [
      ['zh', 'zh-CN', '5号盐水槽加热器'],
      ['ar', 'ar', 'سخان حوض الملح 5'],
    ]) {
      await withBrowser({ width: 360, height: 800, locale }, async ({ page }) => {
        await logInAs(page, server.baseURL, OWNER, lang);
        await page.goto(url('/equipment'));
        await page.locator('[data-testid=equipment-list]').waitFor();
        await page.fill('#eq-name', name);
        await page.selectOption('#eq-preset', 'saturated-brine');
        await page.fill('#eq-temp', '90');
        await page.click('#eq-register-h ~ form button[type=submit]');
        const detail = page.locator('[data-testid=equipment-detail]');
        await detail.locator('h2', { hasText: name }).waitFor();
        // Crevices were not said: the grade is "moderate" and the question is asked in place.
        const condition = detail.locator('[data-testid=condition-crevices]');
        await condition.waitFor();
        const script = lang === 'zh' ? /[\u4e00-\u9fff]/ : /[\u0600-\u06ff]/;
        assert.match(await condition.locator('p').textContent(), script);
        await expectCleanPage(page, { lang, name: `equipment-condition-${lang}-360` });
        // "Yes, crevices are present": stored, graded again, and shown as the answer given.
        await condition.locator('button.answer').nth(1).click();
        await detail.locator('[data-testid=answered-crevices]').waitFor();
        assert.equal(await detail.locator('[data-testid=conditions]').count(), 0);
        await page.reload();
        await page.locator('[data-testid=equipment-list] button', { hasText: name }).click();
        await detail.locator('[data-testid=answered-crevices]').waitFor();
        assert.match(await detail.locator('[data-testid=answered-crevices]').textContent(), script);
        await expectCleanPage(page, { lang, name: `equipment-condition-answered-${lang}-360` });
      });
    }
  });

  test('the same pages read cleanly in Arabic on a phone', async () => {
    await withBrowser({ width: 360, height: 800, locale: 'ar' }, async ({ page }) => {
      await logInAs(page, server.baseURL, OWNER, 'ar');
      await page.goto(url('/equipment'));
      await page.locator('[data-testid=equipment-list] button').first().click();
      await page.locator('[data-testid=reading-form]').waitFor();
      await expectCleanPage(page, { lang: 'ar', name: 'equipment-journey-item-ar-360' });
      await page.goto(url('/equipment/maintenance'));
      const task = page.locator('[data-testid=mt-task][data-status=overdue]').first();
      await task.waitFor();
      await task.locator('button').click();
      await expectCleanPage(page, { lang: 'ar', name: 'equipment-journey-tasks-ar-360' });
    });
  });
});
