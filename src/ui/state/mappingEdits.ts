/** Edits the person makes on the mapping screen, as pure functions of the data model. */
import { isSingleColumnRole, type DataModel, type Role, type TableKind } from '../../lib/model';

export function setTableKind(model: DataModel, table: string, kind: TableKind): DataModel {
  return { ...model, tables: model.tables.map((t) => (t.table === table ? { ...t, kind } : t)) };
}

/** Give a column a role (or none); a single-column role moves off the column that had it. */
export function setColumnRole(model: DataModel, table: string, column: string, type: string, role: Role | null): DataModel {
  return {
    ...model,
    tables: model.tables.map((t) => {
      if (t.table !== table) return t;
      let columns = t.columns.filter((c) => c.column !== column);
      if (role !== null) {
        if (isSingleColumnRole(role)) columns = columns.filter((c) => c.role !== role);
        const before = t.columns.find((c) => c.column === column);
        columns = [...columns, { column, type, role, ...(before?.role === role ? { format: before.format } : {}) }];
      }
      return { ...t, columns };
    }),
  };
}
