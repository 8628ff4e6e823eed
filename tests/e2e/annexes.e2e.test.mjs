// Browser end-to-end tests of the regional supplementary annex page: the platform operator opens an
// annex and adds a local clause and an override (field errors first), an expert records an
// equivalence verdict, an enterprise reports applying the clause and the expert verifies it; a
// premature promotion is refused with the server's reason. The demo has no regulator
// administrator, so the operator acts as the annex's authority.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  asUser,
  checkLayouts,
  demoAccount,
  logInAs,
  serverForTests,
  withBrowser,
} from './harness.mjs';

const server = serverForTests();
const url = server.url;
const ADMIN = demoAccount('admin');
const OPERATOR = demoAccount('operator');
const EXPERT = demoAccount('expert');
const as = (email, fn, options) => asUser(server, email, fn, options);

async function openAnnex(page, id) {
  await page.goto(url(`/standards/annexes?annex=${id}`));
  await page.locator('[data-testid=annex-detail] h2').waitFor();
}

const firstClause = (page) => page.locator('[data-testid=annex-clause]').first();

/** Waits until `locator` shows a text matching `pattern`. */
const waitForText = (locator, pattern) => locator.filter({ hasText: pattern }).waitFor();

describe('regional annexes', () => {
  let annexId = 0;

  test('a visitor reaches the annexes from the standards page and the navigation', async () => {
    await withBrowser({}, async ({ page }) => {
      await page.goto(url('/standards'));
      await page.click('[data-testid=annexes-link]');
      await page.waitForURL(/\/standards\/annexes$/);
      await page.getByText('No annex for this region yet.').waitFor();
      assert.equal(await page.locator('#ax-title').count(), 0, 'visitors open no annex');
      await page.locator('#site-nav a[href="/standards/annexes"]').waitFor({ state: 'attached' });
    });
  });

  test('the operator opens an annex and adds a clause and an override', async () => {
    await as(OPERATOR, async (page) => {
      await page.goto(url('/standards/annexes'));
      await page.locator('#ax-title').waitFor();
      await page.locator('#ax-doc option[value=RTB]').waitFor({ state: 'attached' });
      // Without a title the server refuses and says so next to the field.
      await page.click('[data-testid=annex-new] button[type=submit]');
      await page.locator('#ax-title-error').waitFor();
      await page.fill('#ax-title', 'East China supplement to RTB');
      await page.selectOption('#ax-region', 'cn-east');
      await page.click('[data-testid=annex-new] button[type=submit]');
      await page.waitForURL(/\/standards\/annexes\?annex=\d+$/);
      annexId = Number(new URL(page.url()).searchParams.get('annex'));
      await page.getByText('No clause in this annex yet.').waitFor();

      // An incomplete clause: each missing field is named next to its input.
      await page.fill('#axn-id', 'cn-east-rinse-1');
      await page.click('[data-testid=annex-clause-form] button[type=submit]');
      await page.locator('#axn-just-error').waitFor();
      await page.locator('#axn-title-error').waitFor();
      await page.locator('#axn-grades-error').waitFor();

      await page.fill('#axn-number', 'CE-1');
      await page.fill('#axn-grades', '3, 4');
      await page.fill('#axn-title', 'Rinse heaters after each plating shift');
      await page.fill('#axn-text', 'Rinse titanium heaters with deionized water after each shift.');
      await page.fill('#axn-just', 'Hard tap water in the eastern parks leaves chloride deposits.');
      await page.click('[data-testid=annex-clause-form] button[type=submit]');
      await page.locator('[data-testid=annex-clause]').first().waitFor();
      assert.match(
        (await firstClause(page).locator('[data-testid=annex-clause-action]').textContent()) ?? '',
        /Adds a local clause/,
      );
      assert.equal(
        await firstClause(page).locator('[data-testid=annex-status]').textContent(),
        'Awaiting an expert verdict',
      );

      // An override starts from the national clause it replaces.
      await page.selectOption('#axn-action', 'override');
      await page.fill('#axn-base', 'rtb-1.1');
      await page.click(
        '[data-testid=annex-clause-form] button:has-text("Load the national clause")',
      );
      await page.waitForFunction(() => document.querySelector('#axn-title')?.value.length > 0);
      await page.fill('#axn-just', 'Regional buyers must also grade spare parts.');
      await page.click('[data-testid=annex-clause-form] button[type=submit]');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=annex-clause]').length === 2,
      );
      // The override names the national clause it replaces by its number, not its id.
      const override = page.locator('[data-testid=annex-clause]').nth(1);
      const action = override.locator('[data-testid=annex-clause-action]');
      await action.filter({ hasText: 'RT-1.1' }).waitFor();
      assert.match(
        (await action.textContent()) ?? '',
        /Overrides a national clause replaces RT-1\.1/,
      );
      assert.doesNotMatch((await action.textContent()) ?? '', /rtb-1\.1/);

      // Promoting before any verdict or verified application is refused, with the reason.
      await firstClause(page).locator('[data-action=promote]').click();
      const refusal = firstClause(page).locator('[role=alert]');
      await refusal.waitFor();
      assert.match((await refusal.textContent()) ?? '', /verified applications/);
    });
    assert.ok(annexId > 0);
  });

  test('an expert records a verdict; an enterprise reports applying the clause; it is verified', async () => {
    assert.ok(annexId > 0, 'the annex of the previous test');
    await as(EXPERT, async (page) => {
      await openAnnex(page, annexId);
      const clause = firstClause(page);
      assert.equal(await clause.locator('[data-action=promote]').count(), 0);
      assert.equal(await page.locator('[data-testid=annex-clause-form]').count(), 0);
      await clause.locator('input[value=equivalent]').check();
      await clause.locator('textarea').fill('Same protection as the national clause.');
      await clause.locator('[data-testid=annex-review-form] button[type=submit]').click();
      await waitForText(clause.locator('[data-testid=annex-status]'), /^Found equivalent$/);
      await waitForText(clause.locator('[data-testid=annex-reviews]'), /Equivalent/);
    });

    await as(ADMIN, async (page) => {
      await openAnnex(page, annexId);
      const clause = firstClause(page);
      assert.equal(await clause.locator('[data-testid=annex-review-form]').count(), 0);
      await clause.locator('[data-testid=annex-report-form] input[type=text]').fill('Line 2');
      await clause.locator('[data-testid=annex-report-form] button[type=submit]').click();
      await waitForText(
        clause.locator('[data-testid=annex-applications]'),
        /Jinhe Bright Nickel Plating .*Not verified yet/,
      );
      // A second report from the same enterprise is refused, and the page says why.
      await clause.locator('[data-testid=annex-report-form] button[type=submit]').click();
      await waitForText(clause.locator('[role=alert]'), /already reported/);
    });

    await as(EXPERT, async (page) => {
      await openAnnex(page, annexId);
      const clause = firstClause(page);
      await waitForText(
        clause.locator('[data-testid=annex-applications]'),
        /Jinhe Bright Nickel Plating/,
      );
      await clause.locator('[data-action=verify]').click();
      await waitForText(clause.locator('[data-testid=annex-progress]'), /: 1 of the 5 needed/);
      await waitForText(
        clause.locator('[data-testid=annex-promotion]'),
        /4 more verified applications/,
      );
    });
  });

  test('the annex pages pass axe and fit 360 px and 1280 px in English, Chinese and Arabic', async () => {
    assert.ok(annexId > 0, 'the annex of the previous tests');
    const prepare = (page) => logInAs(page, server.baseURL, OPERATOR);
    const failures = [
      ...(await checkLayouts({
        name: 'annexes',
        prepare,
        axeAt: () => true,
        open: async (page) => {
          await page.goto(url('/standards/annexes'));
          await page.locator('[data-testid=annex-list] li a').first().waitFor();
          await page.locator('#ax-title').waitFor();
        },
      })),
      ...(await checkLayouts({
        name: 'annex',
        prepare,
        axeAt: () => true,
        open: async (page) => {
          await openAnnex(page, annexId);
          await page.locator('[data-testid=annex-clause]').nth(1).waitFor();
          await page.locator('[data-testid=annex-clause-form]').waitFor();
        },
      })),
      ...(await checkLayouts({
        name: 'annex-expert',
        prepare: (page) => logInAs(page, server.baseURL, EXPERT),
        axeAt: () => true,
        open: async (page) => {
          await openAnnex(page, annexId);
          await page.locator('[data-testid=annex-review-form]').first().waitFor();
        },
      })),
    ];
    assert.deepEqual(failures, []);
  });
});
