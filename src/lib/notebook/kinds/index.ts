/** The kinds of the notebook issue, registered once on import. */
import { registerCellKind } from '../registry';
import { chartCell } from './chartCell';
import { noteCell } from './noteCell';
import { sqlCell } from './sqlCell';
import { clvCell } from './clvCell';
import { segmentCell } from './segmentCell';
import { rfmCell, cohortCell, journeyCell, lifecycleCell } from './analyticsCells';
import { segmentCompareCell } from './segmentCompareCell';

registerCellKind(sqlCell);
registerCellKind(chartCell);
registerCellKind(noteCell);
registerCellKind(clvCell);
registerCellKind(segmentCell);
registerCellKind(segmentCompareCell);
registerCellKind(rfmCell);
registerCellKind(cohortCell);
registerCellKind(journeyCell);
registerCellKind(lifecycleCell);

export { sqlCell, chartCell, noteCell };
export type { SqlCellSpec } from './sqlCell';
export type { NoteCellSpec } from './noteCell';
export { CHART_MARKS, TIME_BINS, AGGREGATES, type ChartCellSpec, type ChartMark, type TimeBin, type ChartAggregate } from './chartCell';
export { rfmCell, cohortCell, journeyCell, lifecycleCell, ANALYSIS_REFERENCES, type RfmCellSpec, type CohortCellSpec, type JourneyCellSpec, type LifecycleCellSpec } from './analyticsCells';
export { segmentCell, segmentReferences, type SegmentCellSpec } from './segmentCell';
export { segmentCompareCell, type SegmentCompareCellSpec } from './segmentCompareCell';
export { clvCell, defaultClvSpec, CLV_CELL_MODELS, CLV_CELL_UNITS, type ClvCellSpec, type ClvCellModel, type ClvCellUnit, type ClvHoldout } from './clvCell';
