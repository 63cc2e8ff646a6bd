/** Note cell: markdown text, rendered safely by the UI. No SQL, no relation. */
import type { CellKind } from '../registry';
import { objectAt, onlyKeys, stringAt } from './shape';

export interface NoteCellSpec {
  markdown: string;
}

export const noteCell: CellKind<NoteCellSpec> = {
  kind: 'note',
  label: 'Note',
  defaultSpec: () => ({ markdown: '' }),
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['markdown'], '');
    return { markdown: stringAt(obj, 'markdown', '') };
  },
  references: () => [],
};
