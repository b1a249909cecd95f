/**
 * The app's version, one place for both sides: every response records the version that collected it (DESIGN §4 rule
 * 8) and the API's documentation names it. package.json's "version" says the same (test/shared/version.test.ts).
 */
export const APP_VERSION = '0.1.0';
