import { test, expect, openApp, loadDemo, settledSize } from './fixtures';
import type { Page } from '@playwright/test';

/** The builder's size once it has settled. */
const sizeNow = (page: Page): Promise<string> => settledSize(page.getByRole('status', { name: 'Segment size' }));

test('build a three-rule segment by dragging and by keyboard, share it, and open the link on the same data', async ({ page, context, browser, baseURL, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await loadDemo(page);
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Segment' }).click();
  const everyone = await sizeNow(page);
  expect(everyone).toBe('20,000 customers (100.0%)');

  // Rule 1: orders at least 2.
  await page.getByRole('button', { name: 'Add rule to top group' }).click();
  await page.getByLabel('Rule 1 (Orders): value').fill('2');
  await page.getByLabel('Rule 1 (Orders): value').press('Tab');
  // Rule 2: revenue at least 100.
  await page.getByRole('button', { name: 'Add rule to top group' }).click();
  await page.getByLabel('Rule 2 (Orders): what').selectOption('f:revenue');
  const revenueValue = page.getByLabel(/^Rule 2 \(Revenue.*\): value$/);
  await revenueValue.fill('100');
  await revenueValue.press('Tab');
  // Group 3 (any) with rule 3.1: days since last order at most 180.
  await page.getByRole('button', { name: 'Add group to top group' }).click();
  await page.getByLabel('Match of group 3').selectOption('any');
  await page.getByLabel('Rule 3.1 (Orders): what').selectOption('f:days_since_last_order');
  await page.getByLabel('Rule 3.1 (Days since last order): operator').selectOption('<=');
  await page.getByLabel('Rule 3.1 (Days since last order): value').fill('180');
  await page.getByLabel('Rule 3.1 (Days since last order): value').press('Tab');
  const threeFlat = await sizeNow(page);

  // Drag rule 2 into group 3, after its rule: the group is now "recent OR big spender".
  await page.getByRole('img', { name: /^Drag rule 2 \(Revenue/ }).dragTo(page.getByLabel('Drop into group 3 at position 2'));
  await expect(page.getByRole('group', { name: /^Rule 2\.2 \(Revenue/ })).toBeVisible();
  const dragged = await sizeNow(page);
  expect(dragged).not.toBe(threeFlat);

  // By keyboard: move it out of the group again (just after it), then check the per-rule counts show.
  await page.getByRole('button', { name: /^Move out of group rule 2\.2 \(Revenue/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: /^Rule 3 \(Revenue/ })).toBeVisible();
  // Focus follows the rule it moved.
  await expect(page.getByRole('button', { name: /^Move up rule 3 \(Revenue/ })).toBeFocused();
  const size = await sizeNow(page);
  expect(size).toBe(threeFlat);
  await expect(page.getByRole('group', { name: 'Rule 1 (Orders)', exact: true })).toContainText(/[\d,]+ pass/);

  // Show SQL in both dialects.
  await page.getByRole('button', { name: 'Show SQL' }).click();
  await expect(page.getByLabel(/\(DuckDB\)$/)).toContainText('SELECT');
  await page.getByRole('radio', { name: 'PostgreSQL' }).check();
  await expect(page.getByLabel(/\(PostgreSQL\)$/)).toContainText('SELECT');

  // Members and their comparison with all customers.
  await expect(page.getByRole('table', { name: /compared with all customers/ })).toContainText('Revenue share');
  await expect(page.getByRole('grid', { name: /^Members of / })).toBeVisible();

  // Share link: copied to the clipboard and shown.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByLabel('Share link', { exact: true })).toHaveValue(/#segment=1\./);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/?#segment=1\\.`));

  // A fresh browser profile opens the link before any data: it waits, then applies to the demo data.
  const fresh = await browser.newContext({ baseURL });
  try {
    const other = await fresh.newPage();
    await openApp(other, link.slice(new URL(link).origin.length));
    await expect(other.getByText(/is waiting for data/)).toBeVisible();
    await loadDemo(other);
    await expect(other.getByRole('status', { name: 'Segment size' })).toHaveText(size, { timeout: 30_000 });
    await expect(other.getByRole('group', { name: /^Rule 3 \(Revenue/ })).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test('broken segment links say what is wrong', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page, '/#segment=1.AAAA');
  await expect(page.getByRole('alert').filter({ hasText: 'That segment link cannot be opened' })).toContainText(/cut short|damaged|corrupt/i);
  // A link pasted into the open tab (a hash change, no reload) is opened too.
  await page.evaluate(() => { location.hash = '#segment=9.AAAA'; });
  await expect(page.getByRole('alert').filter({ hasText: 'newer' })).toContainText('That segment link cannot be opened');
});
