import { readFileSync } from 'node:fs';
import { test, expect, openApp, addSqlCell, toNotebook } from './fixtures';

const ORDERS = Buffer.from('customer_id,ordered_at,channel,amount\nA,2024-01-05,web,10\nB,2024-01-20,store,20\nA,2024-02-03,web,5\nC,2024-03-09,app,7\n');

test('a chart cell draws the data and exports a PNG; results download as CSV and Parquet', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: ORDERS });
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('4 rows');
  await toNotebook(page);
  const name = await addSqlCell(page, 'SELECT * FROM orders');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status', { name: `Status of ${name}` })).toContainText('4 rows');

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csvFile = await (await csv).path();
  expect(readFileSync(csvFile, 'utf8').split('\n')[0]).toBe('customer_id,ordered_at,channel,amount');
  const parquet = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Parquet' }).click();
  expect(readFileSync(await (await parquet).path()).subarray(0, 4).toString()).toBe('PAR1');

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Chart' }).click();
  await page.getByLabel('Chart source').selectOption('orders');
  await page.getByLabel('Chart type').selectOption('bar');
  await page.getByLabel('X field').selectOption('channel');
  await page.getByLabel('Y aggregate').selectOption('sum');
  await page.getByLabel('Y field').selectOption('amount');
  const chart = page.getByRole('img', { name: /Bar chart of sum of amount by channel/i });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg, canvas').first()).toBeVisible();
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const bytes = readFileSync(await (await png).path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('export a notebook, import it in a fresh browser profile: same definitions; garbage leaves the notebook intact', async ({ page, browser, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await toNotebook(page);
  await page.getByLabel('Notebook title').fill('Churn review');
  await page.getByLabel('Notebook title').press('Enter');
  const a = await addSqlCell(page, 'SELECT 1 AS one');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Note' }).click();
  await page.getByRole('textbox', { name: /^Markdown of / }).fill('# Findings\n\nChampions buy **monthly**.');
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export notebook' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/\.arkwright\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'arkwright-notebook', v: 1, title: 'Churn review' });

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  await toNotebook(other);
  await other.getByLabel('Notebook file to import').setInputFiles({ name: 'churn.arkwright.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(other.getByLabel('Notebook title')).toHaveValue('Churn review');
  await expect(other.getByRole('textbox', { name: `SQL of ${a}` })).toContainText('SELECT 1 AS one');
  await expect(other.getByRole('article')).toHaveCount(2);
  await expect(other.getByRole('heading', { name: 'Findings' })).toBeVisible();

  // Garbage: a clear message, and the notebook is exactly as it was.
  await other.getByLabel('Notebook file to import').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something-else", "cells": 7') });
  await expect(other.getByRole('alert').filter({ hasText: 'junk.json was not imported' })).toBeVisible();
  await other.getByLabel('Notebook file to import').setInputFiles({ name: 'future.arkwright.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'arkwright-notebook', v: 99, title: 'x', cells: [] })) });
  await expect(other.getByRole('alert').filter({ hasText: 'future.arkwright.json was not imported' })).toContainText(/newer version/i);
  await expect(other.getByLabel('Notebook title')).toHaveValue('Churn review');
  await expect(other.getByRole('article')).toHaveCount(2);
  await fresh.close();
});

test('the home screen lists notebooks: create, rename, duplicate, delete; a notebook link opens its definitions', async ({ page, context, foreignRequests }) => {
  void foreignRequests;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await toNotebook(page);
  await page.getByLabel('Notebook title').fill('First');
  await page.getByLabel('Notebook title').press('Enter');
  await addSqlCell(page, 'SELECT 2 AS two');
  await page.getByRole('button', { name: 'Copy notebook link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notebook link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#notebook=1\./);

  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'All notebooks' }).click();
  const list = page.getByRole('list', { name: 'Saved notebooks' });
  await expect(list).toContainText('First');
  await page.getByRole('button', { name: 'New notebook' }).click();
  await views.getByRole('button', { name: 'All notebooks' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Rename First' }).click();
  await page.getByLabel('New title for First').fill('Renamed');
  await page.getByLabel('New title for First').press('Enter');
  await expect(list).toContainText('Renamed');
  await page.getByRole('button', { name: 'Duplicate Renamed' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete Untitled notebook' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // The link, opened in a fresh page, brings the definitions (never data).
  const other = await context.browser()!.newContext();
  const p2 = await other.newPage();
  await p2.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(p2.getByRole('status').filter({ hasText: 'from a link' })).toBeVisible({ timeout: 60_000 });
  await p2.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook', exact: true }).click();
  await expect(p2.getByLabel('Notebook title')).toHaveValue('First');
  await expect(p2.getByRole('textbox', { name: /^SQL of / })).toContainText('SELECT 2 AS two');
  await other.close();
});

test('a chart keeps its title through a reload', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: ORDERS });
  await expect(page.getByRole('navigation', { name: 'Tables' })).toContainText('4 rows');
  await toNotebook(page);
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: '+ Chart' }).click();
  await page.getByLabel('Chart source').selectOption('orders');
  await page.getByLabel('X field').selectOption('channel');
  await page.getByLabel('Chart title').fill('Orders by channel');
  await page.getByLabel('Chart title').press('Tab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByLabel('Chart title')).toHaveValue('Orders by channel', { timeout: 60_000 });
});
