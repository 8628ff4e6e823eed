// Browser end-to-end tests of the standards pages: released documents and the clause diff, and one
// revision proposal taken through expert review and public consultation by the demo users.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  asUser,
  checkLayouts,
  demoAccount,
  logInAs,
  seriousViolations,
  serverForTests,
  switchLanguage,
  withBrowser,
} from './harness.mjs';

const server = serverForTests();
const url = server.url;
const ADMIN = demoAccount('admin');
const OPERATOR = demoAccount('operator');
const EXPERT = demoAccount('expert');
const as = (email, fn, options) => asUser(server, email, fn, options);

async function openProposal(page, id) {
  await page.goto(url(`/standards?proposal=${id}`));
  await page.locator('[data-testid=proposal-detail] h2').waitFor();
}

const stateText = (page) => page.locator('#p-detail-h [data-testid=proposal-state]').textContent();

async function waitForState(page, text) {
  await page.waitForFunction(
    (t) => document.querySelector('#p-detail-h [data-testid=proposal-state]')?.textContent === t,
    text,
    { timeout: 15000 },
  );
}

/** Creates a proposal amending RT-1.1 as the enterprise administrator; returns its id. */
async function createProposal(page, title) {
  await page.goto(url('/standards'));
  await page.locator('#p-title').waitFor();
  await page.fill('#p-title', title);
  await page.fill('#p-rationale', 'Buyers also need the grade of the spare parts.');
  await page.fill('#pc-0-clause', 'rtb-1.1');
  await page.click('[data-testid=change] button:has-text("Load the current text")');
  await page.waitForFunction(() => document.querySelector('#pc-0-title')?.value.length > 0);
  await page.fill(
    '#pc-0-text',
    'Before a titanium heater or its spare parts are bought, get the grade.',
  );
  await page.click('#p-new-h ~ form button[type=submit]');
  await page.waitForURL(/\/standards\?proposal=\d+$/);
  await page.locator('[data-testid=proposal-detail] h2').waitFor();
  return Number(new URL(page.url()).searchParams.get('proposal'));
}

describe('standards', () => {
  test('a visitor sees the released standard and compares versions', async () => {
    await withBrowser({}, async ({ page }) => {
      await page.goto(url('/standards'));
      const doc = page.locator('[data-testid=standard-document]').first();
      await doc.waitFor();
      assert.match((await doc.textContent()) ?? '', /RTB/);
      await page.click('#docs-h ~ form button[type=submit]');
      await page.getByText('No clause differs between these versions.').waitFor();
    });
  });

  test('a bad proposal is refused with a readable message', async () => {
    await as(ADMIN, async (page) => {
      await page.goto(url('/standards'));
      await page.locator('#p-title').waitFor();
      await page.click('#p-new-h ~ form button[type=submit]');
      const alert = page.locator('#p-new-h ~ [role=alert]');
      await alert.waitFor();
      assert.ok(((await alert.textContent()) ?? '').length > 5);
    });
  });

  test('a proposal goes through expert review and public consultation', async () => {
    let expertId = 0;
    await as(EXPERT, async (page) => {
      expertId = await page.evaluate(
        async () => (await (await fetch('/api/v1/me')).json()).user.id,
      );
    });
    assert.ok(expertId > 0);

    let id = 0;
    await as(ADMIN, async (page) => {
      id = await createProposal(page, 'Grade spare parts before purchase');
      await waitForState(page, 'Draft');
      await page.locator('[data-testid=proposal-changes] li').first().waitFor();
      assert.equal(await page.locator('[data-testid=proposal-changes] li').count(), 1);
      await page.click('[data-action=submit]');
      await waitForState(page, 'Expert review');
    });

    await as(OPERATOR, async (page) => {
      await openProposal(page, id);
      await page.fill('#p-experts', String(expertId));
      await page.click('form:has(#p-experts) button[type=submit]');
      await page.waitForFunction(() =>
        /of 1 assigned/.test(document.querySelector('[data-testid=tally]')?.textContent ?? ''),
      );
      assert.equal(
        await page.textContent('[data-testid=tally-outcome]'),
        'The vote does not pass yet.',
      );
      // Opening the consultation before the vote passes is refused, and the page says why.
      await page.click('[data-action=open_consultation]');
      await page.locator('#p-detail-h ~ [role=alert]').waitFor();
    });

    await as(EXPERT, async (page) => {
      await openProposal(page, id);
      await page.check('#p-vote-approve');
      await page.fill('#p-note', 'Agreed.');
      await page.click('[data-testid=vote-form] button[type=submit]');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=tally-outcome]')?.textContent === 'The vote passes.',
      );
      await page.locator('[data-testid=votes] li').first().waitFor();
    });

    await as(OPERATOR, async (page) => {
      await openProposal(page, id);
      await page.click('[data-action=open_consultation]');
      await waitForState(page, 'Public consultation');
      assert.match(
        (await page.textContent('[data-testid=consultation-window]')) ?? '',
        /Open for comments until/,
      );
    });

    await as(ADMIN, async (page) => {
      await openProposal(page, id);
      await page.fill('#p-c-body', 'Please say which spare parts.');
      await page.click('[data-testid=comment-form] button[type=submit]');
      await page.locator('[data-testid=comments] > li').first().waitFor();
    });

    await as(OPERATOR, async (page) => {
      await openProposal(page, id);
      const comment = page.locator('[data-testid=comments] > li').first();
      await comment.locator('select').selectOption('rejected');
      await comment.locator('button[type=submit]').click();
      // A rejection needs a reason: the server's message is shown.
      await page.locator('#p-detail-h ~ [role=alert]').waitFor();
      await comment.locator('input[type=text]').fill('Out of scope of this clause.');
      await comment.locator('button[type=submit]').click();
      await comment.locator('[data-testid=disposition]').waitFor();
      assert.match((await comment.textContent()) ?? '', /Rejected/);
      // The window is still open, so the release is refused with a readable reason.
      await page.click('[data-action=release]');
      await page.locator('#p-detail-h ~ [role=alert]').waitFor();
      assert.equal(await stateText(page), 'Public consultation');
    });
  });

  test('the standards pages pass axe and fit 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const prepare = (page) => logInAs(page, server.baseURL, ADMIN);
    const openList = async (page) => {
      await page.goto(url('/standards'));
      await page.locator('[data-testid=proposal-list] li a').first().waitFor();
    };
    const failures = [
      ...(await checkLayouts({ name: 'standards', prepare, open: openList })),
      ...(await checkLayouts({
        name: 'proposal',
        prepare,
        open: async (page) => {
          await openList(page);
          await page.locator('[data-testid=proposal-list] li a').first().click();
          await page.locator('[data-testid=tally]').waitFor();
        },
      })),
    ];
    assert.deepEqual(failures, []);
  });
});

describe('simplified manual and self-inspection', () => {
  test('a visitor downloads the simplified manual as PDF', async () => {
    await withBrowser({}, async ({ page }) => {
      await page.goto(url('/standards'));
      await page.locator('#man-industry').waitFor();
      await page.selectOption('#man-industry', 'electroplating');
      await page.selectOption('#man-grade', '3');
      await page.selectOption('#man-lang', 'zh');
      await page.selectOption('#man-format', 'pdf');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#manual-h ~ form button[type=submit]'),
      ]);
      assert.equal(download.suggestedFilename(), 'rutile-manual-electroplating-grade3-zh.pdf');
    });
  });

  test('start a self-inspection, answer, see rates and gaps, and the history', async () => {
    await as(ADMIN, async (page) => {
      await page.goto(url('/self-inspection'));
      await page.locator('#si-title').waitFor();
      // Without a title the server refuses, and says so next to the field.
      await page.click('#si-new-h ~ form button[type=submit]');
      await page.locator('#si-new-h ~ [role=alert]').waitFor();

      await page.fill('#si-title', 'Plating line 2, spring check');
      await page.check('#m-mode-grade');
      await page.selectOption('#m-grade', '3');
      await page.selectOption('#m-industry', 'electroplating');
      await page.click('#si-new-h ~ form button[type=submit]');
      await page.waitForURL(/\/self-inspection\?id=\d+$/);
      const items = page.locator('[data-testid=si-items] > li');
      await items.first().waitFor();
      assert.ok((await items.count()) >= 2, 'the checklist has questions');
      await items.nth(0).locator('input[value=yes]').check();
      await items.nth(1).locator('input[value=no]').check();
      await items.nth(1).locator('input[type=text]').fill('No written procedure yet.');
      await page.click('[data-testid=si-detail] form button[type=submit].primary');
      await page.locator('[data-testid=si-gaps] li').first().waitFor();
      assert.notEqual(await page.textContent('[data-testid=mandatory-rate]'), '—');
      const pdf = await page.getAttribute('[data-testid=si-pdf]', 'href');
      assert.match(pdf ?? '', /\/report\.pdf\?lang=en$/);
      const report = await page.evaluate(async (href) => {
        const r = await fetch(href);
        return { status: r.status, type: r.headers.get('Content-Type') };
      }, pdf);
      assert.deepEqual(report, { status: 200, type: 'application/pdf' });
      // Completing with unanswered mandatory items is refused with the server's reason.
      await page.click('[data-testid=si-detail] form button[type=button]');
      await page.locator('[data-testid=si-detail] > [role=alert]').waitFor();

      const failures = [];
      for (const lang of ['en', 'ar']) {
        await switchLanguage(page, lang);
        const v = await seriousViolations(page);
        if (v.length) failures.push(`${lang} self-inspection: ${v.join('; ')}`);
      }
      assert.deepEqual(failures, []);
      await switchLanguage(page, 'en');
      await page.click('[data-testid=si-detail] a[href="/self-inspection"]');
      await page.locator('[data-testid=si-history] tbody tr').first().waitFor();
    });
  });

  test('the self-inspection pages fit 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const failures = await checkLayouts({
      name: 'self-inspection',
      prepare: (page) => logInAs(page, server.baseURL, ADMIN),
      axeAt: () => false,
      open: async (page, lang, width) => {
        await page.goto(url('/self-inspection'));
        await page.locator('#si-title').waitFor();
        await page.fill('#si-title', `Layout ${lang} ${width}`);
        await page.check('#m-mode-grade');
        await page.click('#si-new-h ~ form button[type=submit]');
        await page.locator('[data-testid=si-items] > li').first().waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });
});
