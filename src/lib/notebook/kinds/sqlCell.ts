/** SQL cell: the analyst's own query. Its result becomes the cell's relation. */
import { raw } from '../../sql';
import type { CellKind } from '../registry';
import { referencedNames } from '../sqlText';
import { objectAt, onlyKeys, stringAt } from './shape';

export interface SqlCellSpec {
  sql: string;
}

export const sqlCell: CellKind<SqlCellSpec> = {
  kind: 'sql',
  label: 'SQL',
  defaultSpec: () => ({ sql: '' }),
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['sql'], '');
    return { sql: stringAt(obj, 'sql', '') };
  },
  // Raw user SQL, deliberately: running the analyst's query is the product, and it runs
  // only on their own data in their own browser. Every other cell kind compiles its SQL.
  sql: (spec) => (spec.sql.trim() === '' ? null : raw(spec.sql)),
  references: (spec) => referencedNames(spec.sql),
};
