/**
 * Segment comparison cell: 2–4 saved segments (by name) side by side. The names are checked
 * here only for shape; whether they exist is the runner's question, since segments come and go.
 */
import { COMPARE_MAX } from '../../segments';
import { ACTIVITY, AS_OF_DATE, CUSTOMER_FEATURES } from '../../model/relations';
import { invalid } from '../errors';
import type { CellKind } from '../registry';
import { objectAt, onlyKeys } from './shape';

export interface SegmentCompareCellSpec {
  segments: string[];
}

export const segmentCompareCell: CellKind<SegmentCompareCellSpec> = {
  kind: 'segment_compare',
  label: 'Compare segments',
  defaultSpec: () => ({ segments: [] }),
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['segments'], '');
    const list = obj.segments ?? [];
    if (!Array.isArray(list) || list.length > COMPARE_MAX) throw invalid('segments', `must be a list of at most ${COMPARE_MAX} segment names`);
    list.forEach((n, i) => {
      if (typeof n !== 'string' || n.trim() === '') throw invalid(`segments[${i}]`, 'must be the name of a saved segment');
    });
    return { segments: [...(list as string[])] };
  },
  references: (spec) => [CUSTOMER_FEATURES, ACTIVITY, AS_OF_DATE, ...spec.segments],
};
