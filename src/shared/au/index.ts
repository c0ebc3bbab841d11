/** The action-unit stage: pure, DOM-free. See docs/action-units.md. */
export { createAuEstimator, type AuEstimator, type AuInput, type AuOutput } from './create-au-estimator.ts';
export { AU_DEFAULTS, mergeAuOptions, type AuConfig, type AuOptions } from './defaults.ts';
export { AU_REGISTRY, BLENDSHAPE_LEFT_IS_PERSONS_LEFT, type AuDef } from './registry.ts';
export { MEASURES, type MeasureDef } from './measures.ts';
export { poseFromMatrix, rotationFromEuler } from './pose.ts';
export { BLENDSHAPE_NAMES, BLENDSHAPE_INDEX, type BlendshapeName } from './blendshapes.ts';
export { NEUTRAL_BASELINE_VERSION, validateNeutralBaseline, type NeutralBaseline } from './neutral-baseline.ts';
export { AU_CHANNELS, AU_CHANNEL_INDEX, AU_INTENSITY_MAX, AU_LIST, type AuChannel, type AuId } from '../contract/index.ts';
