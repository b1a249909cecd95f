/**
 * Where the results screen sits in the office app and what its nav entry says. The office shell adds the route
 * (`RESULTS_PATH`, Home Affairs only) and spreads `resultsNavVi` / `resultsNavEn` into its own catalogues, then says
 * `t(RESULTS_NAV_KEY)` like its other entries.
 */
export const RESULTS_PATH = '/results';
export const RESULTS_NAV_KEY = 'nav.results';

export const resultsNavVi = { [RESULTS_NAV_KEY]: 'Kết quả chỉ số' } as const;
export const resultsNavEn: Record<keyof typeof resultsNavVi, string> = { [RESULTS_NAV_KEY]: 'Index results' };
