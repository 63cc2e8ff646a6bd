import { test, expect, openApp } from './fixtures';

test('the demo dataset is one click away: loaded, mapped and built into the customer view', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  await page.getByRole('main').getByRole('button', { name: 'Try the demo dataset' }).click();
  const view = page.getByRole('status', { name: 'Customer view' });
  await expect(view).toContainText('20,000 customers', { timeout: 60_000 });
  await expect(view).toContainText('as of 2025-06-30');
  const tables = page.getByRole('navigation', { name: 'Tables' });
  for (const name of ['customers_table', 'order_lines', 'events']) await expect(tables.getByRole('button', { name: new RegExp(name) })).toBeVisible();

  // Roles were detected, and the person can see and change them.
  await expect(page.getByLabel('Role of customer_id in order_lines')).toHaveValue('customer_id');
  await expect(page.getByLabel('Role of ordered_at in order_lines')).toHaveValue('occurred_at');
  await expect(page.getByText('Amount is computed as quantity × unit price − discount.')).toBeVisible();

  // The canonical views exist and answer a query.
  await page.getByLabel('SQL query').fill('SELECT count(*) AS n, count(DISTINCT customer_id) AS ids FROM customer_features');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('20,000');

  // Changing the as-of date rebuilds the features relative to it.
  await page.getByLabel('As-of date').fill('2024-12-31');
  await page.getByLabel('As-of date').dispatchEvent('change');
  await expect(view).toContainText('as of 2024-12-31');
  await page.getByLabel('SQL query').fill("SELECT max(last_order_at) <= TIMESTAMP '2025-01-01' AS ok FROM customer_features");
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('region', { name: 'Query result' })).toContainText('true');
});

test('the profile shows per-column statistics and CRM warnings', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  const csv = [
    'customer_id,ordered_at,amount,note',
    'C1,2024-01-02,10.5,a',
    ',2024-01-03,20,b',
    'C2,2024-01-04,-5,c',
    'C2,2024-01-04,-5,c',
    'C3,2099-01-01,12,d',
    'C4,2024-02-01,7,e',
  ].join('\n');
  await page.getByLabel('Add data files').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('tab', { name: 'Profile' }).click();
  const profile = page.getByRole('region', { name: 'Profile of orders' });
  await expect(profile).toContainText('6 rows');
  await expect(profile).toContainText('1 exact duplicate rows');
  const warnings = profile.getByRole('list', { name: 'Data warnings' });
  await expect(warnings).toContainText(/no customer id/i);
  await expect(warnings).toContainText(/negative/i);
  await expect(warnings).toContainText(/exact copies/i);
  await expect(warnings).toContainText(/future/i);
  const amount = profile.getByRole('article', { name: 'Column amount' });
  await expect(amount).toContainText('Min');
  await expect(amount.getByRole('img', { name: 'Distribution of amount' })).toBeVisible();
});
