import { test, expect, openApp } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Keeps the engine busy for a few seconds (the engine runs one query at a time), so a fit
 * started now is still reading its purchases when Cancel is clicked: on the demo a whole fit
 * takes under a second, and a Cancel that lands while it saves comes too late by design.
 */
async function holdEngine(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ws = (globalThis as unknown as { __arkwright: { workspace: { engine: { queryRows(sql: string): Promise<unknown> } } } }).__arkwright.workspace;
    void ws.engine.queryRows('SELECT sum(hash(i)) AS s FROM range(300000000) t(i)').catch(() => undefined);
  });
}


test('lifetime value: fit BG/NBD on the demo data, read both fits and holdout accuracy, export charts, query p_alive; cancel; a segment', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 90_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Lifetime value' }).click();
  await expect(page.getByLabel('Model')).toHaveValue('bgnbd');
  await expect(page.getByLabel('Holdout')).toHaveValue('last-quarter');
  await expect(page.getByLabel('Penalizer (L2)')).toHaveValue('0');
  await expect(page.getByRole('combobox', { name: 'Customers' })).toHaveValue('');

  // Cancel before anything came back: the cell says so, and there is nothing to show.
  await holdEngine(page);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel fit', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Fit cancelled.' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Model parameters', exact: true })).toHaveCount(0);

  const t0 = Date.now();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const params = page.getByRole('table', { name: 'Model parameters', exact: true });
  await expect(params).toBeVisible({ timeout: 90_000 });
  console.info(`demo 20k: Fit click → results in ${Date.now() - t0} ms`);
  console.info(`demo 20k timings: ${await page.getByLabel('Timings').textContent()}`);
  for (const name of ['r', 'α', 'a', 'b']) await expect(params.getByRole('row', { name: new RegExp(`^${name} `) })).toBeVisible();
  // The final fit (as of the as-of date) and the calibration fit checked on the holdout, each said plainly.
  await expect(page.getByRole('heading', { name: /^Final fit: all purchases up to \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Calibration fit: purchases up to \d{4}-\d{2}-\d{2}, checked on / })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Calibration model parameters' })).toBeVisible();
  await expect(page.getByText(/While active, a typical customer buys about every [\d.]+ weeks; after each purchase about \d+% stop buying/).first()).toBeVisible();
  const holdout = page.getByRole('table', { name: 'Holdout accuracy' });
  await expect(holdout).toContainText('Predicted purchases');
  await expect(holdout).toContainText('Per-customer MAE');
  await expect(holdout).toContainText('Correlation');

  // Charts export as PNG and SVG, the cohort chart too (by channel: asked of the engine).
  const exportButton = page.getByRole('button', { name: 'Export PNG of Histogram of predicted CLV' });
  await expect(exportButton).toBeEnabled();
  let download = page.waitForEvent('download');
  await exportButton.click();
  expect((await download).suggestedFilename()).toMatch(/clv-histogram\.png$/);
  await page.getByRole('group', { name: 'CLV by cohort or channel' }).getByLabel('Group by').selectOption('channel');
  const cohortSvg = page.getByRole('button', { name: 'Export SVG of Predicted CLV by cohort or channel' });
  await expect(cohortSvg).toBeEnabled({ timeout: 30_000 });
  download = page.waitForEvent('download');
  await cohortSvg.click();
  expect((await download).suggestedFilename()).toMatch(/clv-by-cohort\.svg$/);

  // The per-customer table is the cell's result, and the values are on customer_features.
  await expect(page.getByRole('grid', { name: /^Result of / })).toContainText('p_alive');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /^SQL of / }).last();
  const name = (await editor.getAttribute('aria-label'))!.replace('SQL of ', '');
  await editor.click();
  await page.keyboard.insertText('SELECT count(*) > 0 AS has_values, count(*) AS n FROM customer_features WHERE p_alive IS NOT NULL');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('grid', { name: `Result of ${name}` })).toContainText('true');

  // Cancel a refit: the previous results stay, and the cell says so.
  await page.getByLabel('Penalizer (L2)').fill('0.001');
  await page.getByLabel('Penalizer (L2)').press('Enter');
  await holdEngine(page);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel fit', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Fit cancelled: these are the previous results, unchanged.' })).toBeVisible({ timeout: 30_000 });
  await expect(params).toBeVisible();

  // A saved segment narrows the model; customers outside it get NULL on customer_features.
  await page.evaluate(() => {
    const { nb } = (globalThis as unknown as { __arkwright: { nb: { add(kind: string): string; setSpec(id: string, spec: unknown): void } } }).__arkwright;
    const id = nb.add('segment');
    nb.setSpec(id, { v: 1, name: 'Big spenders', asOf: null, match: { all: [{ field: 'revenue', op: '>=', value: 300 }] } });
  });
  await page.getByRole('combobox', { name: 'Customers' }).first().selectOption('Big spenders');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.getByText(/customers in the segment “Big spenders”/)).toBeVisible({ timeout: 90_000 });
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ SQL' }).click();
  const check = page.getByRole('textbox', { name: /^SQL of / }).last();
  const checkName = (await check.getAttribute('aria-label'))!.replace('SQL of ', '');
  await check.click();
  await page.keyboard.insertText(
    "SELECT bool_and((p_alive IS NOT NULL) = (revenue >= 300)) FILTER (WHERE orders > 0) AS only_segment, count(p_alive) > 0 AS some FROM customer_features",
  );
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('grid', { name: `Result of ${checkName}` })).toContainText(/true\s*true/);
});
