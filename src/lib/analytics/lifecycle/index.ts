export { lifecycleSql, lifecycleCustomersSql, type LifecycleQueries, type LifecycleSelection } from './lifecycleSql';
export { parseLifecycleSpec, validateLifecycleSpec, DEFAULT_LIFECYCLE_SPEC, type LifecycleSpec, type LifecycleSpecInput } from './spec';
export { LIFECYCLE_STAGES, STAGE_LABELS, type LifecycleStage } from './stages';
