import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function addCell(page: Page, label: string): Promise<Locator> {
  const before = await page.getByRole('article').count();
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: `+ ${label}`, exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(before + 1);
  return page.getByRole('article').last();
}

async function exportPng(page: Page, button: Locator): Promise<void> {
  await expect(button).toBeEnabled();
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  expect([...readFileSync(await file.path()).subarray(0, 8)]).toEqual(PNG);
}

test('RFM, cohorts, journeys and lifecycle cells draw their charts on the demo data and export PNGs', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('20,000 customers', { timeout: 90_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();

  // RFM: the grid, the segment table, and a segment made from it as a SQL cell.
  const rfm = await addCell(page, 'RFM');
  const grid = rfm.getByRole('img', { name: /RFM grid of 20,000 customers/ });
  await expect(grid).toBeVisible({ timeout: 60_000 });
  await expect(grid.locator('svg').first()).toBeVisible();
  await expect(rfm.getByRole('table', { name: /^Segments of / })).toContainText('Champions');
  await exportPng(page, rfm.getByRole('button', { name: 'Export PNG of R × FM grid by customers' }));
  await rfm.getByRole('radio', { name: 'Revenue' }).check();
  await expect(rfm.getByRole('button', { name: 'Export PNG of R × FM grid by revenue' })).toBeVisible();
  await rfm.getByRole('button', { name: 'Make a segment of Champions' }).click();
  const champions = page.getByRole('article').last();
  await expect(champions.getByRole('textbox', { name: /^SQL of / })).toContainText("WHERE segment = 'Champions'");
  await expect(champions.getByRole('grid', { name: /^Result of / })).toBeVisible({ timeout: 30_000 });

  // Cohorts: the triangle and the curves.
  const cohorts = await addCell(page, 'Cohorts');
  await expect(cohorts.getByRole('img', { name: /Cohort triangle/ }).locator('svg').first()).toBeVisible({ timeout: 60_000 });
  await expect(cohorts.getByRole('img', { name: /Cohort curves/ }).locator('svg').first()).toBeVisible();
  await expect(cohorts).toContainText('period not complete at the as-of date');
  await cohorts.getByRole('combobox', { name: /^Period/ }).selectOption('quarter');
  await expect(cohorts.getByRole('img', { name: /Cohort triangle/ })).toBeVisible({ timeout: 60_000 });

  // Journeys: a Sankey drawn as SVG, exported as PNG through a canvas; a node makes a segment.
  const journeys = await addCell(page, 'Journeys');
  const sankey = journeys.getByRole('figure', { name: /Sankey of customer journeys/ });
  await expect(sankey.locator('svg')).toBeVisible({ timeout: 60_000 });
  await expect(journeys).toContainText('customers at every step;');
  await exportPng(page, journeys.getByRole('button', { name: 'Export PNG of Customer journeys' }));
  const node = journeys.getByRole('button', { name: /^Make a segment of the [\d,]+ customers at Step 2: / }).first();
  await node.click();
  const travellers = page.getByRole('article').last();
  await expect(travellers.getByRole('textbox', { name: /^SQL of / })).toContainText('journeys');
  await expect(travellers.getByRole('grid', { name: /^Result of / })).toBeVisible({ timeout: 30_000 });

  // Lifecycle: stacked stages, the transitions, and "active → at risk" one click away.
  const lifecycle = await addCell(page, 'Lifecycle');
  await expect(lifecycle.getByRole('img', { name: /Stacked bars of customers per lifecycle stage/ }).locator('svg').first()).toBeVisible({ timeout: 60_000 });
  await expect(lifecycle.getByRole('table', { name: /^Transitions of / })).toContainText('At risk');
  await exportPng(page, lifecycle.getByRole('button', { name: 'Export PNG of Lifecycle stages over time' }));
  const moved = lifecycle.getByRole('button', { name: /moved from active to at risk/ });
  await expect(moved).toBeEnabled();
  await moved.click();
  await expect(page.getByRole('article').last().getByRole('grid', { name: /^Result of / })).toBeVisible({ timeout: 30_000 });
});
