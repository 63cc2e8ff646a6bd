/**
 * The "too large for this browser" check: before a file is loaded the app estimates the memory
 * it needs and, when it would not fit, says so and offers to try anyway. Real 4 GB files are not
 * practical here: the test lowers the budget through the workspace's test hook.
 */
import { test, expect, openApp, filePayload } from './fixtures';

const CSV = ['customer_id,ordered_at,amount,channel', ...Array.from({ length: 200 }, (_, i) => `C${i % 40},2024-0${1 + (i % 9)}-1${i % 10} 10:00:00,${(10 + i).toFixed(2)},web`)].join('\n');

test('a file too large for the budget is not loaded unless the person tries anyway', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  // A budget of 1 kB for the engine: any file is too large.
  await page.evaluate(() => {
    (globalThis as unknown as { __arkwright: { workspace: { memoryBudgetOverride: unknown } } }).__arkwright.workspace.memoryBudgetOverride = { engineBytes: 1000 };
  });

  // The question comes before loading; declining leaves a message that says what to do.
  await page.getByLabel('Add data files').setInputFiles(filePayload('orders.csv', CSV));
  const question = page.getByRole('dialog', { name: 'orders.csv is probably too large for this browser' });
  await expect(question).toBeVisible();
  const asked = [(await question.locator('#too-large-problem').textContent()) ?? ''];
  await question.getByRole('button', { name: "Don't load it" }).click();
  const note = page.getByRole('status').filter({ hasText: 'orders.csv was not loaded: it is probably too large for this browser' });
  await expect(note).toBeVisible();
  await expect(note).toContainText(/about 20\d rows × 4 columns/);
  await expect(note).toContainText(/only the columns you need .* as Parquet/);
  expect(asked[0]).toMatch(/^orders\.csv \(7 kB, about 20\d rows × 4 columns\) probably needs about .* of memory to load and analyse, more than the 1 kB this browser can give the engine/);
  await expect(page.getByRole('table', { name: /^Rows of / })).toHaveCount(0);

  // "Try anyway": the file loads as usual.
  await page.getByLabel('Add data files').setInputFiles(filePayload('orders2.csv', CSV));
  await page.getByRole('dialog', { name: /^orders2\.csv is probably too large/ }).getByRole('button', { name: 'Try anyway' }).click();
  await expect(page.locator('[aria-label^="Rows of "] tbody tr').first()).toBeVisible({ timeout: 30_000 });

  // Within the budget nothing is asked.
  await page.evaluate(() => {
    (globalThis as unknown as { __arkwright: { workspace: { memoryBudgetOverride: unknown } } }).__arkwright.workspace.memoryBudgetOverride = null;
  });
  await page.getByLabel('Add data files').setInputFiles(filePayload('orders3.csv', CSV));
  await expect(page.getByText('orders3', { exact: false }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
