/**
 * Statistics and reports 统计与报表 (docs/domain-rules.md "Records, statistics and reports"): report months,
 * the complaint classification table's counting rules, key figures, major/hot complaint reporting deadlines,
 * and the public notice's selection and redaction. Pure: the server runs the SQL, these are the rules.
 */
export * from './month';
export * from './counting';
export * from './kpis';
export * from './special';
export * from './notice';
