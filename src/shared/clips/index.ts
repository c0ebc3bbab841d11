export * from './clip-planner.ts';
export * from './crop-square.ts';
export * from './defaults.ts';
export * from './downscale-planes.ts';
