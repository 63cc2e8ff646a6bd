import { test, expect, openApp, filePayload, dropFiles } from './fixtures';

test('a CSV picked with the file input becomes a table with its row count', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  const csv = 'customer_id,date,amount\nC1,2024-01-02,10.5\nC2,2024-01-03,20\nC1,2024-02-01,5\n';
  await page.getByLabel('Add data files').setInputFiles(filePayload('orders.csv', csv));
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await expect(tables.getByRole('button', { name: /orders/ })).toContainText('3 rows');
  await expect(page.getByRole('region', { name: 'Rows of orders' })).toContainText('C2');
});

test('files dropped on the page load, and a duplicate asks before loading again', async ({ page, foreignRequests }) => {
  void foreignRequests;
  await openApp(page);
  const csv = 'a;b\n1,5;x\n2,5;y\n';
  await dropFiles(page, [{ name: 'euro.csv', content: csv }]);
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await expect(tables.getByRole('button', { name: /euro/ })).toContainText('2 rows');
});
