import { InitialSchema1764200000000 } from './1764200000000-InitialSchema';

/** Every migration, oldest first: listed by hand so the build and ts-jest agree. */
export const MIGRATIONS = [InitialSchema1764200000000];
