/**
 * Statistics and reports 统计与报表 (docs/domain-rules.md "Records, statistics and reports"): report months,
 * the complaint classification table's counting rules, key figures, major/hot complaint reporting deadlines,
 * and the public notice's selection and redaction. Pure, and what production runs: the server reads the rows,
 * puts them through these rules, stores the results and only adds them up in SQL.
 */
export * from './month';
export * from './counting';
export * from './kpis';
export * from './ticket-kpis';
export * from './special';
export * from './notice';
