import { test, expect, openApp, loadDemo, settledSize, SEGMENT_SIZE } from './fixtures';
import type { Page } from '@playwright/test';
import { encodeSegmentLink } from '../../src/lib/segments';

/** A named segment cell with one "number ≥ value" rule on `field`. */
async function addSegment(page: Page, name: string, field: string, value: string): Promise<void> {
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Segment' }).click();
  const cell = page.locator('[data-cell]').last();
  await cell.getByLabel('Segment name').fill(name);
  await cell.getByLabel('Segment name').press('Tab');
  await cell.getByRole('button', { name: 'Add rule to top group' }).click();
  await cell.getByLabel('Rule 1 (Orders): what').selectOption(`f:${field}`);
  const input = cell.getByLabel(/^Rule 1 \(.*\): value$/);
  await input.fill(value);
  await input.press('Tab');
  await expect(cell.getByLabel(/^Rule 1 \(.*\): value$/)).toHaveValue(value);
  await settledSize(cell.getByRole('status', { name: 'Segment size' }));
}

test('saved segments are listed, undo/redo works in the builder, and 2 segments compare side by side', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(240_000);
  await openApp(page);
  await loadDemo(page);

  await addSegment(page, 'Repeat buyers', 'orders', '2');
  const first = page.locator('[data-cell]').first();
  const size = first.getByRole('status', { name: 'Segment size' });
  const repeatSize = await settledSize(size);
  expect(repeatSize).not.toBe('20,000 customers (100.0%)');

  // Undo and redo an added rule, by button and by keyboard.
  await first.getByRole('button', { name: 'Add group to top group' }).click();
  await expect(first.getByRole('group', { name: 'Group 2', exact: true })).toBeVisible();
  await first.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(first.getByRole('group', { name: 'Group 2', exact: true })).toHaveCount(0);
  await first.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(first.getByRole('group', { name: 'Group 2', exact: true })).toBeVisible();
  await first.getByRole('button', { name: 'Undo', exact: true }).focus();
  await page.keyboard.press('Control+z');
  await expect(first.getByRole('group', { name: 'Group 2', exact: true })).toHaveCount(0);
  await expect(size).toHaveText(repeatSize);

  await addSegment(page, 'Big spenders', 'revenue', '500');

  // The list shows both, with their sizes; compare them.
  const list = page.getByRole('list', { name: 'Saved segments' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText(`Repeat buyers`);
  await expect(list).toContainText(repeatSize);
  await page.getByRole('checkbox', { name: 'Compare Repeat buyers' }).check();
  const compare = page.getByRole('button', { name: /^Compare selected/ });
  await expect(compare).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Compare Big spenders' }).check();
  await compare.click();
  const table = page.getByRole('table', { name: 'Comparison of Repeat buyers, Big spenders' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const customersRow = table.getByRole('row', { name: /^Customers/ });
  // The comparison's size agrees with the segment cell's live count.
  await expect(customersRow.getByRole('cell').nth(0)).toHaveText(repeatSize.replace(' customers', '').replace(/^([\d,]+)/, '$1'));
  await expect(customersRow.getByRole('cell').nth(2)).toContainText('20,000 (100.0%)');
  await expect(table.getByRole('row', { name: /^Retained/ })).toContainText('%');
  await expect(page.getByRole('table', { name: 'Customers in both segments' })).toContainText(/of Repeat buyers/);

  // A saved segment narrows a cohort analysis: the cohorts then hold only its customers.
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Cohorts' }).click();
  const cohorts = page.locator('[data-cell]').last();
  await expect(cohorts).toContainText('20,000 customers', { timeout: 60_000 });
  await cohorts.getByRole('combobox', { name: 'Customers', exact: true }).selectOption('Repeat buyers');
  await expect(cohorts).toContainText(`${repeatSize.split(' ')[0]} customers`, { timeout: 60_000 });

  // "Go to" focuses the segment's cell.
  await list.getByRole('button', { name: 'Go to segment Big spenders' }).click();
  await expect(page.locator('[data-cell]').nth(1).getByLabel('Segment name')).toBeFocused();
});

test('a shared segment naming fields this data calls differently is mapped by role, and the rest by the person', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(180_000);
  const hash = await encodeSegmentLink({
    v: 1,
    name: 'Tiered outside Atlantis',
    asOf: null,
    match: { all: [{ field: 'Country_Name', op: '!=', value: 'Atlantis' }, { field: 'tier', op: '=', value: 'gold' }] },
  });
  await openApp(page);
  await loadDemo(page);
  await page.goto(`/${hash}`);
  await expect(page.getByText(/Mapped “Country_Name” to your “country”/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();
  const mapping = page.getByRole('group', { name: 'Map missing fields' });
  await expect(mapping).toContainText('“tier”');
  await mapping.getByLabel('Use for tier').selectOption('loyalty_tier');
  await mapping.getByRole('button', { name: 'Use these fields' }).click();
  await expect(mapping).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Segment size' })).toHaveText(SEGMENT_SIZE, { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Segment size' })).not.toHaveText(/^0 customers/);
});
