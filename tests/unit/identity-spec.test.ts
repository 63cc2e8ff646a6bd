/** The identity spec (validation with paths, defaults, column types) and the identifier suggestions. */
import { describe, expect, it } from 'vitest';
import {
  IdentityError,
  parseIdentitySpec,
  stitchPlan,
  suggestIdentitySpec,
  validateIdentitySpec,
  DEFAULT_IDENTITY_OPTIONS,
} from '../../src/lib/identity';
import type { TableInfo } from '../../src/lib/engine/schema';

const tables: TableInfo[] = [
  { name: 'web', rowCount: 3, columns: [{ name: 'CustomerID', type: 'DOUBLE' }, { name: 'E-mail', type: 'VARCHAR' }, { name: 'order_id', type: 'VARCHAR' }] },
  { name: 'tills', rowCount: 3, columns: [{ name: 'receipt_no', type: 'VARCHAR' }, { name: 'Clubcard', type: 'VARCHAR' }, { name: 'contact', type: 'VARCHAR' }, { name: 'amount', type: 'DOUBLE' }] },
];

describe('spec', () => {
  it('fills defaults and column types from the loaded tables', () => {
    const spec = parseIdentitySpec({ sources: [{ table: 'web', recordId: 'customerid', identifiers: [{ column: 'E-mail', type: 'email' }] }] }, tables);
    expect(spec.options).toEqual(DEFAULT_IDENTITY_OPTIONS);
    expect(spec.sources[0]).toEqual({ table: 'web', recordId: 'customerid', recordIdType: 'DOUBLE', identifiers: [{ column: 'E-mail', type: 'email', columnType: 'VARCHAR' }] });
  });

  it('reports every problem with a path', () => {
    const issues = validateIdentitySpec(
      {
        v: 2,
        sources: [
          { table: 'web', recordId: null, identifiers: [{ column: 'E-mail', type: 'mail' }, { column: 'nope', type: 'phone' }] },
          { table: 'web', recordId: 'order_id', identifiers: [] },
          { table: 'missing', recordId: null, identifiers: [{ column: 'x', type: 'email' }] },
        ],
        options: { defaultCountryCode: '0044', maxRecordsPerIdentifier: 1, keep: [{ type: 'phone' }], disabledTypes: ['fax'], colour: 'red' },
      },
      tables,
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['v', 'bad-version'],
      ['sources[0].identifiers[0].type', 'bad-type'],
      ['sources[0].identifiers[1]', 'unknown-column'],
      ['sources[1].identifiers', 'no-identifiers'],
      ['sources[1].table', 'duplicate-source'],
      ['sources[2].table', 'unknown-table'],
      ['options.colour', 'unknown-key'],
      ['options.defaultCountryCode', 'bad-value'],
      ['options.maxRecordsPerIdentifier', 'bad-value'],
      ['options.keep[0].value', 'bad-shape'],
      ['options.disabledTypes[0]', 'bad-type'],
    ]);
  });

  it('throws an IdentityError naming the first problem, with a hint', () => {
    expect(() => parseIdentitySpec({ sources: [] })).toThrow(IdentityError);
    try {
      parseIdentitySpec({ sources: [] });
    } catch (e) {
      expect((e as IdentityError).message).toBe('sources: No table is chosen for stitching.');
      expect((e as IdentityError).hint).toMatch(/Add at least one loaded table/);
    }
  });

  it('accepts +44 as a country code, and two sources of one table under different names', () => {
    const spec = parseIdentitySpec({
      sources: [
        { table: 'web', name: 'web a', recordId: null, identifiers: [{ column: 'E-mail', type: 'email' }] },
        { table: 'web', name: 'web b', recordId: null, identifiers: [{ column: 'E-mail', type: 'email' }] },
      ],
      options: { defaultCountryCode: '+44' },
    });
    expect(spec.options.defaultCountryCode).toBe('44');
  });

  it('never splices values into SQL: quotes in names and placeholders stay literals', () => {
    const plan = stitchPlan(parseIdentitySpec({
      sources: [{ table: 'we"b', name: "o'brien", recordId: null, identifiers: [{ column: 'e"mail', type: 'email' }] }],
      options: { placeholders: ["x'); DROP TABLE web; --"], keep: [{ type: 'email', value: "a'b" }] },
    }));
    const text = plan.prepare.map(String).join('\n');
    expect(text).toContain('"we""b"');
    expect(text).toContain("'o''brien'");
    expect(text).toContain("'x''); drop table web; --'");
    expect(text).toContain("'a''b'");
  });
});

describe('suggestions', () => {
  it('finds identifiers by name and by sample values, and picks the record id', () => {
    const samples = {
      tills: [
        { receipt_no: 'R1', Clubcard: '6337 0001', contact: '+44 7700 900123', amount: '1.5' },
        { receipt_no: 'R2', Clubcard: '6337 0002', contact: '07700 900124', amount: '2' },
      ],
      web: [{ CustomerID: '17850', 'E-mail': 'a@example.com', order_id: 'O1' }],
    };
    const { spec, sources } = suggestIdentitySpec(tables, samples);
    expect(sources.map((s) => [s.table, s.recordId, s.identifiers.map((i) => `${i.column}:${i.type}`)])).toEqual([
      ['web', 'CustomerID', ['CustomerID:customer_id', 'E-mail:email']],
      ['tills', 'receipt_no', ['Clubcard:loyalty_card', 'contact:phone']],
    ]);
    expect(sources[1].identifiers[1].confidence).toBeLessThan(0.8); // from values alone
    expect(() => parseIdentitySpec(spec, tables)).not.toThrow();
  });

  it('leaves out columns that only look like identifiers', () => {
    const t: TableInfo[] = [
      { name: 'x', rowCount: 1, columns: [{ name: 'card_type', type: 'VARCHAR' }, { name: 'loyalty_points', type: 'INTEGER' }, { name: 'signup_date', type: 'DATE' }, { name: 'order_total', type: 'DOUBLE' }] },
    ];
    expect(suggestIdentitySpec(t, { x: [{ card_type: 'visa', loyalty_points: '120', order_total: '12345678' }] }).sources).toEqual([]);
  });
});
