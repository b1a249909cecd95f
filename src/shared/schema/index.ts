export * from './common';
export * from './campaign';
export * from './condition';
export * from './framework';
export * from './questionnaire';
export * from './response';
export * from './scoring';
export * from './json-schema';
