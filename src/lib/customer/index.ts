/**
 * The single customer view: find a customer, and everything the page about one customer reads
 * — attributes, figures, timeline, saved segments, flags, and the P(alive) history.
 */
export * from './search';
export * from './timeline';
export * from './membership';
export * from './flags';
export * from './profile';
export * from './aliveHistory';
export * from './stage';
