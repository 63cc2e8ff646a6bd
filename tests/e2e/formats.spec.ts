/**
 * Every supported format, loaded through the real app in Chromium: picked with the file
 * input, read in the worker, shown as a table with its row count.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import writeXlsxFile from 'write-excel-file/node';
import { test, expect, openApp } from './fixtures';

const CDNOW = path.resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_sample.txt');
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'arkwright-e2e-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const codec of ['snappy', 'gzip', 'zstd']) {
    await conn.run(
      `COPY (SELECT 'C' || (i % 50) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS ordered_at, i / 3 AS amount
             FROM range(2500) t(i)) TO '${path.join(dir, `orders-${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1000)`,
    );
  }
  conn.closeSync();
});

async function pick(page: import('@playwright/test').Page, name: string, buffer: Buffer, mimeType = 'application/octet-stream') {
  await page.getByLabel('Add data files').setInputFiles({ name, mimeType, buffer });
}

function tableButton(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: new RegExp(`^${name} `) });
}

test('CSV dialects: semicolon with decimal comma, tab, pipe, no header, BOM, quoted newlines, gzip', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await pick(page, 'euro.csv', Buffer.from('\uFEFFkunde;datum;betrag\nK1;2024-01-02;1.234,50\nK2;2024-01-03;7,25\n', 'utf8'));
  await expect(tableButton(page, 'euro')).toContainText('2 rows');
  await page.getByLabel('SQL query').fill('SELECT sum(betrag) AS total, any_value(typeof(betrag)) AS t FROM euro');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('1,241.75');

  await pick(page, 'tabs.tsv', Buffer.from('a\tb\n1\tx\n2\ty\n3\tz\n'));
  await expect(tableButton(page, 'tabs')).toContainText('3 rows');
  await pick(page, 'pipes.csv', Buffer.from('a|b\n1|x\n2|y\n'));
  await expect(tableButton(page, 'pipes')).toContainText('2 rows');
  await pick(page, 'noheader.csv', Buffer.from('C1,2024-01-01,10.5\nC2,2024-01-02,3.25\nC3,2024-01-05,8\n'));
  await expect(tableButton(page, 'noheader')).toContainText('3 rows');
  await pick(page, 'quoted.csv', Buffer.from('id,comment\n1,"line one\nline two"\n2,"say ""hi"""\n'));
  await expect(tableButton(page, 'quoted')).toContainText('2 rows');
  const gz = gzipSync(Buffer.from('customer_id,amount\n' + Array.from({ length: 1000 }, (_, i) => `C${i},${i}`).join('\n') + '\n'));
  await pick(page, 'orders.csv.gz', gz, 'application/gzip');
  await expect(tableButton(page, 'orders')).toContainText('1,000 rows');
});

test('Parquet with snappy, gzip and zstd, read by row group', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  for (const codec of ['snappy', 'gzip', 'zstd']) {
    await pick(page, `orders-${codec}.parquet`, readFileSync(path.join(dir, `orders-${codec}.parquet`)));
    await expect(tableButton(page, `orders_${codec}`)).toContainText('2,500 rows');
  }
  await page.getByLabel('SQL query').fill('SELECT count(DISTINCT customer_id) AS n, any_value(typeof(ordered_at)) AS t FROM orders_zstd');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('TIMESTAMP');
});

test('Excel (first sheet, other sheets selectable), JSON array and NDJSON', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  const xlsx = await writeXlsxFile([
    { sheet: 'Orders', data: [['customer', 'amount'], ['C1', 10], ['C2', 20], ['C3', 30]] },
    { sheet: 'Customers', data: [['id', 'country'], ['C1', 'France'], ['C2', 'Spain']] },
  ] as unknown as Parameters<typeof writeXlsxFile>[0]).toBuffer();
  await pick(page, 'book.xlsx', Buffer.from(xlsx));
  await expect(tableButton(page, 'book')).toContainText('3 rows');
  await page.getByLabel('Sheet of book.xlsx').selectOption('Customers');
  await page.getByRole('button', { name: 'Load this sheet' }).click();
  await expect(tableButton(page, 'book_customers')).toContainText('2 rows');

  await pick(page, 'people.json', Buffer.from(JSON.stringify([{ id: 'a', n: 1 }, { id: 'b', n: 2.5 }, { id: 'c', n: null }])), 'application/json');
  await expect(tableButton(page, 'people')).toContainText('3 rows');
  await pick(page, 'events.ndjson', Buffer.from('{"id":"a","event":"open"}\n{"id":"b","event":"click"}\n'), 'application/x-ndjson');
  await expect(tableButton(page, 'events')).toContainText('2 rows');
});

test('whitespace-aligned text: the CDNOW sample', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.skip(!existsSync(CDNOW), `reference data not found at ${CDNOW}`);
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles(CDNOW);
  await expect(tableButton(page, 'cdnow_sample')).toContainText('6,919 rows');
  await page.getByLabel('SQL query').fill('SELECT min(column_3) AS first_day, any_value(typeof(column_3)) AS t FROM cdnow_sample');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('1997-01-01');
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('DATE');
});

test('the same file twice asks: replace keeps one table, keep both makes two', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  const file = { name: 'twice.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n1\n2\n') };
  await page.getByLabel('Add data files').setInputFiles(file);
  await expect(tableButton(page, 'twice')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Tables' });
  await page.getByLabel('Add data files').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'twice.csv is already loaded' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace the table' }).click();
  await expect(dialog).toBeHidden();
  await expect(nav.getByRole('button')).toHaveCount(1);
  await page.getByLabel('Add data files').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(nav.getByRole('button')).toHaveCount(2);
  await expect(tableButton(page, 'twice_2')).toContainText('2 rows');
});
