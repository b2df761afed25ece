/** Return visits 回访: schedules, exemptions, complaint levels, rating questions, repeat complaints. */
export * from './repair-types';
export * from './levels';
export * from './rules';
export * from './schedule';
export * from './exemptions';
export * from './rating';
export * from './repeat';
