import { describe, expect, it } from 'vitest';
import { detectRoles, hasErrors, ModelError, modelSql, parseDataModel, validateModel, type DataModel } from '../../../src/lib/model';
import type { TableInfo } from '../../../src/lib/engine/schema';

const ORDER_LINES: TableInfo = {
  name: 'order_lines',
  columns: [
    { name: 'order_id', type: 'VARCHAR' },
    { name: 'notes', type: 'VARCHAR' },
    { name: 'ordered_at', type: 'TIMESTAMP' },
    { name: 'amount', type: 'DOUBLE' },
  ],
  rowCount: 10,
};

function messages(model: DataModel, tables?: TableInfo[]): string[] {
  return validateModel(model, tables).map((i) => i.message);
}

describe('validateModel', () => {
  it('says in words which role is missing', () => {
    const model = detectRoles([ORDER_LINES]).model;
    expect(messages(model)).toContain('Choose which column holds the customer id in order_lines.');
    expect(() => modelSql(model)).toThrow(ModelError);
    expect(() => modelSql(model)).toThrow('Choose which column holds the customer id in order_lines.');
  });

  it('asks for an activity table and a date', () => {
    expect(messages({ v: 1, tables: [], asOf: null })).toEqual(['Choose at least one table of orders or events (an activity table).']);
    const noDate: DataModel = { v: 1, asOf: null, tables: [{ table: 't', kind: 'activity', columns: [{ column: 'c', role: 'customer_id', type: 'VARCHAR' }] }] };
    expect(messages(noDate)).toContain('Choose which column holds the date or time in t.');
  });

  it('refuses a loaded table named like a model view', () => {
    const d = detectRoles([{ name: 'customers', columns: [{ name: 'customer_id', type: 'INTEGER' }, { name: 'email', type: 'VARCHAR' }], rowCount: 1 }, { ...ORDER_LINES, name: 'orders', columns: [...ORDER_LINES.columns, { name: 'customer_id', type: 'INTEGER' }] }]);
    expect(messages(d.model)).toContain("The loaded table customers has the same name as the model's customers view.");
  });

  it('catches two columns in one role, roles in the wrong kind of table, unreadable types and a bad as-of date', () => {
    const model: DataModel = {
      v: 1,
      asOf: '2023-02-30',
      tables: [
        {
          table: 'orders',
          kind: 'activity',
          columns: [
            { column: 'a', role: 'customer_id', type: 'VARCHAR' },
            { column: 'b', role: 'customer_id', type: 'VARCHAR' },
            { column: 'd', role: 'occurred_at', type: 'BIGINT' },
            { column: 'x', role: 'amount', type: 'DATE' },
          ],
        },
        { table: 'people', kind: 'customers', columns: [{ column: 'id', role: 'customer_id', type: 'VARCHAR' }, { column: 'amount', role: 'amount', type: 'DOUBLE' }] },
      ],
    };
    expect(messages(model)).toEqual([
      'The as-of date "2023-02-30" is not a date written as YYYY-MM-DD.',
      'd in orders holds BIGINT values, which cannot be read as the date or time. If they are dates written like 19970101, choose the yyyymmdd format.',
      'x in orders holds DATE values, which cannot be read as the amount.',
      'Only one column of orders can be the customer id: a and b both are.',
      'amount in people is marked as amount, which only applies to tables of orders or events.',
    ]);
  });

  it('checks the model against the tables loaded now', () => {
    const model = detectRoles([{ ...ORDER_LINES, columns: [...ORDER_LINES.columns, { name: 'customer_id', type: 'INTEGER' }] }]).model;
    expect(hasErrors(validateModel(model))).toBe(false);
    expect(messages(model, [])).toEqual(['The table order_lines is not loaded.']);
    const changed: TableInfo = { ...ORDER_LINES, columns: [...ORDER_LINES.columns.filter((c) => c.name !== 'amount'), { name: 'customer_id', type: 'VARCHAR' }] };
    expect(messages(model, [changed])).toEqual([
      'order_lines has no column amount any more; map its amount again.',
      'customer_id in order_lines was INTEGER when it was mapped and is VARCHAR now; map it again.',
    ]);
  });

  it('warns when an activity table carries neither amounts nor events', () => {
    const model: DataModel = {
      v: 1,
      asOf: null,
      tables: [{ table: 'visits', kind: 'activity', columns: [{ column: 'c', role: 'customer_id', type: 'VARCHAR' }, { column: 't', role: 'occurred_at', type: 'DATE' }] }],
    };
    const issues = validateModel(model);
    expect(hasErrors(issues)).toBe(false);
    expect(issues[0].severity).toBe('warning');
  });

  it('round-trips a model through JSON and rejects malformed ones', () => {
    const model = detectRoles([{ ...ORDER_LINES, columns: [...ORDER_LINES.columns, { name: 'customer_id', type: 'INTEGER' }] }]).model;
    expect(parseDataModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(() => parseDataModel({ v: 2 })).toThrow(ModelError);
    expect(() => parseDataModel({ v: 1, asOf: null, tables: [{ table: 't', kind: 'activity', columns: [{ column: 'c', role: 'DROP TABLE', type: 'x' }] }] })).toThrow(
      'column c of t has an unknown role',
    );
  });
});
