/** Column names as words, whatever the export's convention: customer_id, CustomerID, "Customer ID". */
import { isIdentityRelationName } from '../identity/relations';
import { isModelRelationName } from './relations';

/** Lower-case words of a name: "InvoiceDate" → [invoice, date], "CustomerID" → [customer, id]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** The words run together: "Customer ID" and "customer_id" both give "customerid". */
export function compactName(name: string): string {
  return nameTokens(name).join('');
}

/**
 * A name that says nothing: column0, col_3, V1, field2, "1" — what a file without a header
 * row loads as. Such tables are mapped by types instead.
 */
export function isUnnamed(name: string): boolean {
  return /^(column|col|field|var|v|c|x|f|unnamed)?[\s_:.-]*\d+$/i.test(name.trim()) || name.trim() === '';
}

/**
 * True when a loaded table may not have this name: the data model's views (activity, customers…)
 * or the relations identity stitching creates (identity_records, identity_map…) would replace it.
 * DuckDB names are case-insensitive.
 */
export function isReservedTableName(name: string): boolean {
  return isModelRelationName(name) || isIdentityRelationName(name);
}
