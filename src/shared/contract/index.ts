/**
 * The contract: the types and the few constants that cross a boundary (worker and page, page and
 * store, page and Node, app and exports). It imports nothing from the rest of the code; everything
 * else imports it from here.
 */
export * from './action-units.ts';
export * from './clip.ts';
export * from './errors.ts';
export * from './flash-event.ts';
export * from './frame.ts';
export * from './neutral-baseline.ts';
export * from './personal-model.ts';
export * from './rules.ts';
export * from './speech.ts';
export * from './worker-api.ts';
