/**
 * Customer attributes: columns that describe the customer (email, country, signup date,
 * loyalty tier…), from customer tables or from activity tables, merged per customer.
 */
import { ident, type Sql } from '../sql';
import { customerTables, activityTables, snakeCase, type ColumnMapping, type DataModel, type TableMapping } from './datamodel';
import { dateSql, textSql } from './expressions';
import { NAMED_ATTRIBUTE_ROLES, type AttributeRole } from './roles';

export interface AttributeSource {
  table: TableMapping;
  column: ColumnMapping;
}

export interface CustomerAttribute {
  /** Column name in customers and customer_features. */
  name: string;
  role: AttributeRole;
  /** Where the value comes from, in priority order: customer tables before activity tables. */
  sources: AttributeSource[];
}

function isAttributeRole(role: string): role is AttributeRole {
  return role === 'attribute' || (NAMED_ATTRIBUTE_ROLES as readonly string[]).includes(role);
}

export function attributeName(column: ColumnMapping): string {
  return column.role === 'attribute' ? (column.as ?? snakeCase(column.column)) : column.role;
}

/** The model's customer attributes: named roles first (first name … signup date), then the rest. */
export function customerAttributes(model: DataModel): CustomerAttribute[] {
  const byName = new Map<string, CustomerAttribute>();
  for (const table of [...customerTables(model), ...activityTables(model)]) {
    for (const column of table.columns) {
      if (!isAttributeRole(column.role)) continue;
      const name = attributeName(column);
      // DuckDB column names are case-insensitive: Email and email are one column.
      const found = byName.get(name.toLowerCase());
      if (found) found.sources.push({ table, column });
      else byName.set(name.toLowerCase(), { name, role: column.role, sources: [{ table, column }] });
    }
  }
  const rank = (a: CustomerAttribute): number => {
    const i = (NAMED_ATTRIBUTE_ROLES as readonly string[]).indexOf(a.role);
    return i < 0 ? NAMED_ATTRIBUTE_ROLES.length : i;
  };
  return [...byName.values()].sort((a, b) => rank(a) - rank(b));
}

/** The value of an attribute column, read the way its role wants it. */
export function attributeValueSql(column: ColumnMapping): Sql {
  if (column.role === 'signup_date') return dateSql(column);
  if (column.role === 'attribute') return ident(column.column);
  return textSql(column);
}
