import { test, expect, openApp } from './fixtures';

test('lifetime value: fit BG/NBD on the demo data, read parameters and holdout accuracy, export a chart, query p_alive', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 90_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Lifetime value' }).click();
  await expect(page.getByLabel('Model')).toHaveValue('bgnbd');
  await expect(page.getByLabel('Holdout')).toHaveValue('last-quarter');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const params = page.getByRole('table', { name: 'Model parameters' });
  await expect(params).toBeVisible({ timeout: 90_000 });
  console.info(`demo 20k: Fit click → results in ${Date.now() - t0} ms`);
  console.info(`demo 20k timings: ${await page.getByLabel('Timings').textContent()}`);
  for (const name of ['r', 'α', 'a', 'b']) await expect(params.getByRole('row', { name: new RegExp(`^${name} `) })).toBeVisible();
  await expect(page.getByText(/While active, a typical customer buys about every [\d.]+ weeks; after each purchase about \d+% stop buying/)).toBeVisible();
  const holdout = page.getByRole('table', { name: 'Holdout accuracy' });
  await expect(holdout).toContainText('Predicted purchases');
  await expect(holdout).toContainText('Per-customer MAE');
  await expect(holdout).toContainText('Correlation');

  // A chart exports as PNG.
  const exportButton = page.getByRole('button', { name: 'Export PNG of Histogram of predicted CLV' });
  await expect(exportButton).toBeEnabled();
  const download = page.waitForEvent('download');
  await exportButton.click();
  expect((await download).suggestedFilename()).toMatch(/clv-histogram\.png$/);

  // The per-customer table is the cell's result, and the values are on customer_features.
  await expect(page.getByRole('grid', { name: /^Result of / })).toContainText('p_alive');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /^SQL of / }).last();
  const name = (await editor.getAttribute('aria-label'))!.replace('SQL of ', '');
  await editor.click();
  await page.keyboard.insertText('SELECT count(*) > 0 AS has_values, count(*) AS n FROM customer_features WHERE p_alive IS NOT NULL');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('grid', { name: `Result of ${name}` })).toContainText('true');
});
