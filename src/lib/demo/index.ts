/**
 * Demo data: a deterministic, seeded multi-channel retailer (customers, order lines, events)
 * whose purchases follow BG/NBD and Gamma-Gamma with known parameters. Browser-safe, no I/O.
 * See docs/demo-data.md.
 */
export { generateRetailer, type Retailer, type RetailerChunk, type RetailerCsv } from './retailer';
export type { RetailerOptions, ResolvedOptions } from './context';
export { DEMO_TRUE_PARAMETERS, DEMO_DEFAULTS, CHANNEL_DRIFT, type BgNbdParameters, type GammaGammaParameters, type DemoTrueParameters } from './parameters';
export { CSV_HEADERS, COLUMN_TYPES, TABLE_FILES, formatCents, orderId, type TableName } from './csv';
export { customerId, type SimulatedCustomer, type CustomerTruth, type Order, type Channel, type LoyaltyTier } from './customer';
export { lineValue, type OrderLine } from './basket';
export type { DemoEvent, EventType, EventChannel } from './engagement';
export { PRODUCTS, type Product } from './catalog';
export { TimeWarp } from './seasonality';
export { Rng } from './random';
export {
  generateSystems,
  SYSTEM_TABLES,
  SYSTEM_HEADERS,
  SYSTEMS_IDENTITY_SPEC,
  STORE_PHONE,
  DEMO_COUNTRY_CODE,
  type SystemsOptions,
  type SystemsExport,
  type SystemTable,
} from './systems';
