import { describe, expect, it } from 'vitest';
import { cellNameProblem, uniqueName, MAX_NAME_LENGTH } from '../../../src/lib/notebook';
import { MODEL_RELATIONS } from '../../../src/lib/model/relations';

describe('cell names', () => {
  it('accepts plain lower-case relation names', () => {
    for (const name of ['top_customers', '_x', 'a1', 'sql_12']) expect(cellNameProblem(name, { taken: [] })).toBeNull();
  });

  it('rejects invalid, reserved, canonical, taken and loaded-table names with a plain message', () => {
    expect(cellNameProblem('', { taken: [] })).toMatch(/needs a name/);
    expect(cellNameProblem('1abc', { taken: [] })).toMatch(/not a valid name/);
    expect(cellNameProblem('Top', { taken: [] })).toMatch(/lower-case/);
    expect(cellNameProblem('a-b', { taken: [] })).toMatch(/not a valid name/);
    expect(cellNameProblem('x'.repeat(MAX_NAME_LENGTH + 1), { taken: [] })).toMatch(/too long/);
    expect(cellNameProblem('select', { taken: [] })).toMatch(/SQL keyword/);
    for (const r of MODEL_RELATIONS) expect(cellNameProblem(r, { taken: [] })).toMatch(/data model view/);
    expect(cellNameProblem('identity_map', { taken: [] })).toMatch(/identity stitching/);
    expect(cellNameProblem('a', { taken: ['a'] })).toMatch(/already called/);
    expect(cellNameProblem('orders', { taken: [], loadedTables: ['ORDERS'] })).toMatch(/loaded table/);
  });

  it('makes unique names', () => {
    expect(uniqueName('sql', ['sql'])).toBe('sql_2');
    expect(uniqueName('sql', ['sql_1'], 1)).toBe('sql_2');
    expect(uniqueName('customers', [])).toBe('customers_2');
    expect(uniqueName('My Chart', [])).toBe('my_chart');
    expect(uniqueName('x'.repeat(80), []).length).toBe(MAX_NAME_LENGTH);
  });
});
