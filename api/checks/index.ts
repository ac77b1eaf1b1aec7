// Public entry of the compliance engine, for the API services and the web client alike.
export * from './check.types.ts';
export { DEFAULT_CHECK_PARAMS, resolveParams } from './check-params.ts';
export { CHECKS, computeMeasures, reportStatus, runCompliance, type CheckFn } from './run-compliance.ts';
export { analyseSite, type SiteAnalysis } from './site-analysis.ts';
export { checkGeometryValid } from './geometry-valid.ts';
export { checkWithinParcel } from './within-parcel.ts';
export { checkZoneFound } from './zone-found.ts';
export { checkLandUse } from './land-use.ts';
export { checkCoverage } from './coverage.ts';
export { checkFar } from './far.ts';
export { checkFloors } from './floors.ts';
export { checkHeight } from './height.ts';
export { checkSetback } from './setback.ts';
export { checkRedLine } from './red-line.ts';
export { checkConstraints } from './constraints.ts';
export { measurementSrid, planarArea, planarDistance } from './planar.ts';
