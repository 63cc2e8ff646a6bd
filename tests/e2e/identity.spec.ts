/**
 * Identity stitching end to end: per-system exports (web orders, store tills, email platform)
 * dropped as files, identifier columns suggested, stitched, the report read, and the customer
 * view counting people — a known person's web orders and till receipts on one customer_id.
 * Then a reload: the spec saved with the notebook stitches the restored files again.
 */
import type { Page } from '@playwright/test';
import { generateSystems, type SystemTable } from '../../src/lib/demo';
import { test, expect, openApp, dropFiles } from './fixtures';

type Row = Record<string, unknown>;

function parseCsv(text: string): Row[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const norm = (email: unknown): string => String(email ?? '').trim().toLowerCase();

async function query(page: Page, sql: string): Promise<Row[]> {
  return page.evaluate(async (text) => {
    const app = (globalThis as unknown as { __arkwright: { workspace: { engine: { queryRows(s: string): Promise<Record<string, unknown>[]> } } } }).__arkwright;
    const rows = await app.workspace.engine.queryRows(text);
    return JSON.parse(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>[];
  }, sql);
}

/** CSV files kept in the origin-private file system (copied there when the browser is idle). */
function savedCsvFiles(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Dir = { entries(): AsyncIterable<[string, { kind: string }]> };
    const count = async (dir: Dir): Promise<number> => {
      let n = 0;
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === 'directory') n += await count(handle as unknown as Dir);
        else if (name.endsWith('.csv')) n++;
      }
      return n;
    };
    return count((await navigator.storage.getDirectory()) as unknown as Dir);
  });
}

test('stitching two or more exports makes one customer of one person', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(180_000);
  // The store's own phone typed on half the identified till receipts: an identifier shared implausibly widely.
  const data = generateSystems({ people: 600, seed: 11, storePhoneShare: 0.5 });
  const tables: SystemTable[] = ['web_orders', 'store_tills', 'email_events'];

  // A person whose web order and till receipt carry the same email (a link stitching must find).
  const web = parseCsv(data.tables.web_orders);
  const tills = parseCsv(data.tables.store_tills);
  const byEmail = new Map(web.filter((r) => norm(r.email).includes('@')).map((r) => [norm(r.email), r]));
  const receipt = tills.find((r) => norm(r.ereceipt_email).includes('@') && byEmail.has(norm(r.ereceipt_email)));
  expect(receipt, 'the generated data has a person seen by both systems').toBeTruthy();
  const order = byEmail.get(norm(receipt!.ereceipt_email))!;

  await openApp(page);
  await dropFiles(page, tables.map((t) => ({ name: `${t}.csv`, content: data.tables[t] })));
  const list = page.getByRole('navigation', { name: 'Tables' });
  for (const t of tables) await expect(list.getByRole('button', { name: new RegExp(`^${t} `) })).toBeVisible({ timeout: 60_000 });

  // The model without stitching: every table's own ids are customers.
  await page.getByRole('button', { name: 'Build customer view' }).click();
  const view = page.getByRole('status', { name: 'Customer view' });
  await expect(view).toContainText('customers', { timeout: 60_000 });
  const before = Number((await query(page, 'SELECT count(*) AS n FROM customer_features'))[0].n);

  // Suggested identifier columns, editable.
  const panel = page.getByRole('region', { name: 'Identity stitching' });
  await expect(panel.getByLabel('Identifier type of email in web_orders')).toHaveValue('email');
  await expect(panel.getByLabel('Identifier type of account_id in web_orders')).toHaveValue('customer_id');
  await expect(panel.getByLabel('Identifier type of loyalty_card in store_tills')).toHaveValue('loyalty_card');
  await expect(panel.getByLabel('Identifier type of phone in store_tills')).toHaveValue('phone');
  await expect(panel.getByLabel('Identifier type of email in email_events')).toHaveValue('email');
  await panel.getByLabel('Default country code').fill('44');
  await panel.getByLabel('Default country code').dispatchEvent('change');
  await panel.getByLabel('Over-share limit').fill('30');
  await panel.getByLabel('Over-share limit').dispatchEvent('change');

  await panel.getByRole('button', { name: 'Stitch identities' }).click();
  const report = panel.getByRole('region', { name: 'Stitching report' });
  await expect(report).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByRole('status', { name: 'Stitching status' })).toContainText('Customers are stitched people', { timeout: 60_000 });

  const summary = report.getByLabel('Stitching summary');
  const number = async (term: string) => Number((await summary.locator(`dt:text-is("${term}") + dd`).innerText()).replace(/[^\d]/g, ''));
  const records = await number('Records in');
  const people = await number('People out');
  expect(records).toBeGreaterThan(1000);
  expect(people).toBeLessThan(records);
  expect(await number('Merged records')).toBeGreaterThan(0);
  const merges = report.getByRole('table', { name: 'Merges by identifier type' });
  for (const t of ['email', 'phone', 'loyalty card', 'customer id']) await expect(merges.getByRole('rowheader', { name: t, exact: true })).toBeVisible();
  const emailRow = merges.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'email', exact: true }) });
  expect(Number((await emailRow.getByRole('cell').nth(2).innerText()).replace(/[^\d]/g, ''))).toBeGreaterThan(0); // records linked by email
  // The store's own phone, typed on many receipts, is excluded and can be kept.
  await expect(report.getByRole('checkbox', { name: 'Keep phone 442079460000' })).not.toBeChecked();

  // The customer view counts people.
  const after = Number((await query(page, 'SELECT count(*) AS n FROM customer_features'))[0].n);
  expect(after).toBe(people);
  expect(after).toBeLessThan(before);
  await expect(view).toContainText(`${people.toLocaleString('en-US')} customers`);

  // The known person's web order and till receipt share one customer_id in activity.
  const ids = await query(page, `SELECT DISTINCT customer_id FROM activity WHERE order_id IN ('${order.order_id}', '${receipt!.receipt_id}')`);
  expect(ids).toHaveLength(1);
  expect(String(ids[0].customer_id)).toMatch(/^P[0-9a-f]{16}$/);
  const sources = await query(page, `SELECT count(DISTINCT source) AS n FROM identity_records WHERE person_id = '${ids[0].customer_id}'`);
  expect(Number(sources[0].n)).toBeGreaterThanOrEqual(2);

  // The person's page shows the web order and the till receipt on one timeline.
  await page.evaluate((id) => { location.hash = `#customer=${encodeURIComponent(id)}`; }, String(ids[0].customer_id));
  const timeline = page.getByRole('list', { name: 'Activity, newest first' });
  await expect(timeline).toContainText(`order ${order.order_id}`, { timeout: 30_000 });
  await expect(timeline).toContainText(`order ${receipt!.receipt_id}`);
  // Each entry names the system it came from.
  await expect(timeline.locator('li', { hasText: `order ${order.order_id}` }).first()).toContainText('web_orders');
  await expect(timeline.locator('li', { hasText: `order ${receipt!.receipt_id}` }).first()).toContainText('store_tills');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Data', exact: true }).click();

  // Undo a rule: phones link no one, and stitching runs again.
  await merges.getByRole('button', { name: 'Undo the phone rule' }).click();
  await expect(panel.getByText('Switched off: phone.')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Stitch again' })).toBeEnabled({ timeout: 60_000 });
  await expect.poll(async () => number('People out'), { timeout: 60_000 }).toBeGreaterThan(people);
  await panel.getByRole('button', { name: 'Put the phone rule back' }).click();
  await expect.poll(async () => number('People out'), { timeout: 60_000 }).toBe(people);

  // A reload brings the files back and stitches them again from the spec saved with the notebook.
  await expect.poll(() => savedCsvFiles(page), { timeout: 30_000 }).toBe(tables.length);
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText(/Engine ready/, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Identity stitching' }).getByRole('status', { name: 'Stitching status' })).toContainText(
    `Customers are stitched people: ${people.toLocaleString('en-US')} in the customer view`,
    { timeout: 120_000 },
  );
  const again = await query(page, `SELECT DISTINCT customer_id FROM activity WHERE order_id IN ('${order.order_id}', '${receipt!.receipt_id}')`);
  expect(again).toEqual(ids);
});

test('a stitching setting that cannot run says why and keeps the loaded tables', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await dropFiles(page, [{ name: 'contacts.csv', content: 'name,email\nAda,ada@example.com\nBen,ben@example.com\n' }]);
  const panel = page.getByRole('region', { name: 'Identity stitching' });
  await panel.getByLabel('Identifier type of email in contacts').selectOption('off');
  await panel.getByRole('button', { name: 'Stitch identities' }).click();
  await expect(panel.getByRole('alert')).toContainText('has no identifier column');
  await expect(page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^contacts / })).toBeVisible();
});

test('stitching can be cancelled, and the customers stay as they were', async ({ page, foreignRequests }) => {
  void foreignRequests;
  test.setTimeout(180_000);
  const data = generateSystems({ people: 15_000, seed: 5 });
  await openApp(page);
  await page.getByLabel('Add data files').setInputFiles(
    (['web_orders', 'store_tills', 'email_events'] as const).map((t) => ({ name: `${t}.csv`, mimeType: 'text/csv', buffer: Buffer.from(data.tables[t]) })),
  );
  const list = page.getByRole('navigation', { name: 'Tables' });
  await expect(list.getByRole('button', { name: /^email_events / })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Build customer view' }).click();
  await expect(page.getByRole('status', { name: 'Customer view' })).toContainText('customers', { timeout: 60_000 });
  const before = await query(page, 'SELECT count(*) AS n FROM customer_features');

  const panel = page.getByRole('region', { name: 'Identity stitching' });
  await panel.getByRole('button', { name: 'Stitch identities' }).click();
  await expect(panel.getByRole('progressbar', { name: 'Stitching progress' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('alert')).toContainText('Stitching was cancelled');
  await expect(panel.getByRole('status', { name: 'Stitching status' })).toContainText('Not stitched');
  await expect(panel.getByRole('button', { name: 'Stitch identities' })).toBeEnabled();
  expect(await query(page, 'SELECT count(*) AS n FROM customer_features')).toEqual(before);
  await expect(list.getByRole('button', { name: /^web_orders / })).toBeVisible();
});
