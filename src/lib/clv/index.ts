/**
 * Customer-lifetime-value models ("buy till you die"): per-customer summaries, model fits
 * with diagnostics, and predictions. Framework-free; safe to run in a web worker.
 */
export { ClvError } from './errors';
export type { RfmInput, FitOptions, FitResult, ModelName, TransactionPredictor } from './types';

export { summarize } from './summary';
export type { Transaction, CustomerSummary } from './summary';
export { summarySql } from './summarySql';
export type { SummarySqlOptions } from './summarySql';
export type { SummaryOptions, TimeUnit } from './summaryOptions';

export { compressRows, perCustomer } from './compress';
export type { Compressed } from './compress';

export { fitBgNbd, bgNbdPAlive, bgNbdConditionalExpected, bgNbdExpected, bgNbdProbability, bgNbdPredictor } from './bgNbd';
export type { BgNbdParams } from './bgNbd';
export {
  fitModifiedBgNbd,
  modifiedBgNbdPAlive,
  modifiedBgNbdConditionalExpected,
  modifiedBgNbdExpected,
  modifiedBgNbdProbability,
  modifiedBgNbdPredictor,
} from './modifiedBgNbd';
export type { ModifiedBgNbdParams } from './modifiedBgNbd';
export { fitParetoNbd, paretoNbdPAlive, paretoNbdConditionalExpected, paretoNbdExpected, paretoNbdPredictor } from './paretoNbd';
export type { ParetoNbdParams } from './paretoNbd';
export { fitGammaGamma, gammaGammaConditionalSpend, gammaGammaMeanSpend } from './gammaGamma';
export type { GammaGammaParams, GammaGammaOptions, GammaGammaFitResult, SpendInput } from './gammaGamma';
export { fitBgBb, bgBbPAlive, bgBbConditionalExpected, bgBbExpected, bgBbProbability } from './bgbb';
export type { BgBbParams } from './bgbb';
export { fitShiftedBetaGeometric, sbgSurvival, sbgChurnProbability, sbgRetentionRate } from './shiftedBetaGeometric';
export type { SbgParams } from './shiftedBetaGeometric';

export { customerLifetimeValue } from './clv';
export type { ClvOptions } from './clv';

export { minimize } from './optim';
export type { Objective, MinimizeOptions, MinimizeResult } from './optim';
