/**
 * Segment cell: the spec IS the segment document (`{ v: 1, name, asOf, match }`, see
 * src/lib/segments). Only its envelope is checked here; full validation needs the data's
 * fields and happens when the cell runs or is edited.
 */
import { SEGMENT_FORMAT, type NodeSpec, type SegmentSpec } from '../../segments';
import { ACTIVITY, CUSTOMER_FEATURES } from '../../model/relations';
import { invalid } from '../errors';
import type { CellKind } from '../registry';
import { isObject, objectAt, onlyKeys } from './shape';

export type SegmentCellSpec = SegmentSpec;

export const segmentCell: CellKind<SegmentCellSpec> = {
  kind: 'segment',
  label: 'Segment',
  defaultSpec: () => ({ v: SEGMENT_FORMAT, name: '', asOf: null, match: { all: [] } }),
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['v', 'name', 'description', 'asOf', 'match'], '');
    if (obj.v !== SEGMENT_FORMAT) {
      throw invalid('v', typeof obj.v === 'number' && obj.v > SEGMENT_FORMAT ? 'comes from a newer version of Arkwright' : `must be ${SEGMENT_FORMAT}`);
    }
    if (obj.name !== undefined && typeof obj.name !== 'string') throw invalid('name', 'must be text');
    if (obj.description !== undefined && typeof obj.description !== 'string') throw invalid('description', 'must be text');
    if (obj.asOf !== undefined && obj.asOf !== null && (typeof obj.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(obj.asOf))) {
      throw invalid('asOf', 'must be a date (YYYY-MM-DD) or null');
    }
    if (!isObject(obj.match)) throw invalid('match', 'must be a rule or a group');
    const out: SegmentCellSpec = { v: SEGMENT_FORMAT, name: obj.name ?? '', asOf: (obj.asOf as string | null | undefined) ?? null, match: obj.match as unknown as NodeSpec };
    if (obj.description !== undefined) out.description = obj.description;
    return out;
  },
  references: (spec) => [CUSTOMER_FEATURES, ACTIVITY, ...segmentReferences(spec.match)],
  // Other cells name a saved segment by its name ({ "segment": name } rules, segment filters).
  provides: (spec) => (spec.name?.trim() ? [spec.name] : []),
};

/** Names of the saved segments a document refers to with `{ "segment": name }`, each once. */
export function segmentReferences(node: unknown): string[] {
  const out = new Set<string>();
  const visit = (n: unknown, depth: number): void => {
    if (!isObject(n) || depth > 64) return;
    if (typeof n.segment === 'string') out.add(n.segment);
    for (const key of ['all', 'any'] as const) {
      const list = n[key];
      if (Array.isArray(list)) for (const child of list) visit(child, depth + 1);
    }
    if (n.not !== undefined) visit(n.not, depth + 1);
  };
  visit(node, 0);
  return [...out];
}

