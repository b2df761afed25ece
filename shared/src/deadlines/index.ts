/** Deadlines 时限: working-day calendar, working hours and the handbook's time limits. */
export * from './calendar';
export * from './rules';
export * from './compute';
export * from './working-time';
export * from './escalation';
export { formatShanghai, dayKeyOf, type DayKey } from './shanghai';
export * from './reply';
export * from './repairs';
