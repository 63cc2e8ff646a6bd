/**
 * Relations that stitching creates. A loaded table may not use one of these names: stitching
 * would overwrite it. Public (read by the data model, the report and the customer page):
 *   identity_records(source, record_id, person_id)   every record of every source, one person each
 *   identity_map(source, customer_id, person_id)     VIEW: the same, for sources whose record id is a
 *                                                    column (the value the data model reads as customer_id)
 *   identity_people(person_id, records, sources, anchor_source, anchor_record_id)
 *   identity_identifiers(type, namespace, value, records, combinations, status, links)
 *   identity_edges(rec, type, namespace, raw_value, value, status)   every identifier value seen
 * Work tables (internal, integer keys for speed): identity_record_ids, identity_links,
 * identity_pairs, identity_labels, identity_record_roots.
 */
export const IDENTITY_RECORDS = 'identity_records';
export const IDENTITY_MAP = 'identity_map';
export const IDENTITY_PEOPLE = 'identity_people';
export const IDENTITY_IDENTIFIERS = 'identity_identifiers';
export const IDENTITY_EDGES = 'identity_edges';

export const IDENTITY_RAW = 'identity_raw';
export const IDENTITY_VALUES = 'identity_values';
export const IDENTITY_RECORD_IDS = 'identity_record_ids';
export const IDENTITY_LINKS = 'identity_links';
export const IDENTITY_PAIRS = 'identity_pairs';
export const IDENTITY_LABELS = 'identity_labels';
export const IDENTITY_LABELS_NEXT = 'identity_labels_next';
export const IDENTITY_RECORD_ROOTS = 'identity_record_roots';

/** Tables, in an order that can be dropped (views first). */
export const IDENTITY_TABLES: readonly string[] = [
  IDENTITY_RECORDS,
  IDENTITY_PEOPLE,
  IDENTITY_IDENTIFIERS,
  IDENTITY_EDGES,
  IDENTITY_RAW,
  IDENTITY_VALUES,
  IDENTITY_RECORD_IDS,
  IDENTITY_LINKS,
  IDENTITY_PAIRS,
  IDENTITY_LABELS,
  IDENTITY_LABELS_NEXT,
  IDENTITY_RECORD_ROOTS,
];
export const IDENTITY_RELATIONS: readonly string[] = [IDENTITY_MAP, ...IDENTITY_TABLES];

/** True when a loaded table's name would collide with a stitching relation (names are case-insensitive). */
export function isIdentityRelationName(name: string): boolean {
  return IDENTITY_RELATIONS.includes(name.toLowerCase());
}
