export { minimize } from './minimize';
export type { MinimizeOutcome } from './minimize';
export { bfgs } from './bfgs';
export { nelderMead } from './nelderMead';
export { numericalHessian, withNumericGradient } from './differences';
export { invertSpd } from './linalg';
export type { Objective, MinimizeOptions, MinimizeResult } from './types';
