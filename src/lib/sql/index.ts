export { Sql, SqlError, ident, qualified, literal, sql, raw, join, structLiteral, listLiteral } from './quote';
export type { SqlValue } from './quote';
