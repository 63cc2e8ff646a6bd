/**
 * Lifetime value cell: a BTYD model (BG/NBD, MBG/NBD or Pareto/NBD) with Gamma-Gamma spend,
 * fitted in the models worker on the customer view's purchases, optionally of a saved
 * segment's customers only. Its result is the per-customer table; the run also writes
 * p_alive, expected_purchases and predicted_clv onto customer_features.
 */
import { invalid } from '../errors';
import type { CellKind } from '../registry';
import { isObject, join, objectAt, oneOf, onlyKeys, segmentFilterAt, stringAt } from './shape';

export const CLV_CELL_MODELS = ['bgnbd', 'mbgnbd', 'paretonbd'] as const;
export const CLV_CELL_UNITS = ['week', 'day'] as const;

export type ClvCellModel = (typeof CLV_CELL_MODELS)[number];
export type ClvCellUnit = (typeof CLV_CELL_UNITS)[number];
/** Which purchases are held out to check the model: the last quarter of the period, those after a date, or none. */
export type ClvHoldout = 'last-quarter' | { calibrationEnd: string } | null;

export interface ClvCellSpec {
  model: ClvCellModel;
  unit: ClvCellUnit;
  holdout: ClvHoldout;
  /** Forecast horizon in `unit`s. */
  horizon: number;
  /** Annual discount rate (0.1 = 10 %). */
  discountRate: number;
  /** Share of revenue that is profit, 0–1. */
  margin: number;
  /** L2 penalty on the model parameters (lifetimes' penalizer_coef); 0 for none. */
  penalizer: number;
  /** Name of a saved segment whose customers alone are modelled; null for all customers. */
  segment: string | null;
}

/** Largest penalizer accepted: far beyond the 0.001–0.1 analysts use. */
export const CLV_MAX_PENALIZER = 10;

export const defaultClvSpec = (): ClvCellSpec => ({
  model: 'bgnbd',
  unit: 'week',
  holdout: 'last-quarter',
  horizon: 52,
  discountRate: 0.1,
  margin: 0.3,
  penalizer: 0,
  segment: null,
});

function numberAt(obj: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(key, 'must be a number');
  if (v < min || v > max) throw invalid(key, `must be between ${min} and ${max}`);
  return v;
}

function holdoutAt(v: unknown): ClvHoldout {
  if (v === null || v === 'last-quarter') return v;
  if (!isObject(v)) throw invalid('holdout', 'must be "last-quarter", null or { "calibrationEnd": "YYYY-MM-DD" }');
  onlyKeys(v, ['calibrationEnd'], 'holdout');
  const end = stringAt(v, 'calibrationEnd', 'holdout');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(end))) throw invalid(join('holdout', 'calibrationEnd'), 'must be a date written YYYY-MM-DD');
  return { calibrationEnd: end };
}

export const clvCell: CellKind<ClvCellSpec> = {
  kind: 'clv',
  label: 'Lifetime value',
  defaultSpec: defaultClvSpec,
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['model', 'unit', 'holdout', 'horizon', 'discountRate', 'margin', 'penalizer', 'segment'], '');
    const d = defaultClvSpec();
    const out: ClvCellSpec = {
      model: obj.model === undefined ? d.model : oneOf(obj, 'model', CLV_CELL_MODELS, ''),
      unit: obj.unit === undefined ? d.unit : oneOf(obj, 'unit', CLV_CELL_UNITS, ''),
      holdout: obj.holdout === undefined ? d.holdout : holdoutAt(obj.holdout),
      horizon: obj.horizon === undefined ? d.horizon : numberAt(obj, 'horizon', 1, 3650),
      discountRate: obj.discountRate === undefined ? d.discountRate : numberAt(obj, 'discountRate', 0, 5),
      margin: obj.margin === undefined ? d.margin : numberAt(obj, 'margin', 0.0001, 1),
      penalizer: obj.penalizer === undefined ? d.penalizer : numberAt(obj, 'penalizer', 0, CLV_MAX_PENALIZER),
      segment: segmentFilterAt(obj, ''),
    };
    return out;
  },
  // The saved segment answers to its name (see dependencies.ts): a change to it makes this cell stale.
  references: (spec) => (spec.segment === null ? [] : [spec.segment.toLowerCase()]),
};
