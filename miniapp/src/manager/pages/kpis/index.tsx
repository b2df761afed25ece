import { Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { bars, formatMinutes, formatRate, formatScore, trendBars, trendRange } from '../../../logic/reports';
import { BarChart, ColumnChart, DataTable } from '../../components/Charts';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { KpiReport, Kpis } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '考核指标明细',
  head: [
    '',
    '受理量',
    '首次响应',
    '及时回复',
    '及时处理',
    '投诉解决率',
    '重新处理',
    '回访率',
    '满意率',
    '平均分',
  ],
  byProject: '按项目',
  byDepartment: '按部门',
  byStaff: '按员工（当前处理人）',
  byKind: '按类型',
  byCategory: '按投诉类别',
  resolution: '近12个月投诉解决率',
  onTime: '近12个月及时回复率',
  visitsNote:
    '满意率 = 评价满意的次数 ÷ 全部评价次数（业主在线评价和员工回访记录的评价都计入）；投诉解决率只统计投诉（不含撤销），报修、建议、表扬不计入；投诉率 = 当月投诉件数（同一事件计一次）÷ 项目登记的总户数；平均分为业主评价的平均分（1–5 分）。',
} as const;

const row = (name: string, k: Kpis) => [
  name,
  k.tickets,
  formatMinutes(k.meanFirstResponseMinutes),
  formatRate(k.onTimeReplyRate),
  formatRate(k.onTimeHandleRate),
  formatRate(k.resolutionRate),
  formatRate(k.reopenRate),
  formatRate(k.visitRate),
  formatRate(k.satisfactionRate),
  formatScore(k.meanScore),
];

/** Key figures of the month by project, department, staff member, kind and category, and their trend. */
export default function KpiPage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<KpiReport>(
    reportPath('kpis', { month: params.month, projectId: params.projectId }),
  );
  const table = (title: string, rows: { name: string; kpis: Kpis }[], cls = '') =>
    rows.length > 0 && (
      <View className={`section ${cls}`}>
        <Text className="section__title">{title}</Text>
        <DataTable head={[...TEXT.head]} rows={rows.map((r) => row(r.name, r.kpis))} />
      </View>
    );
  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        scopeLabel={data?.scope.label}
        asOf={data?.asOf}
      />
      {!data && <LoadState error={error} onRetry={reload} />}
      {data && (
        <>
          <View className="section">
            <View className="report-row">
              <Text className="section__title">{data.monthLabel}</Text>
              <ExcelButton report="kpis" month={params.month} projectId={params.projectId} />
            </View>
            <DataTable head={[...TEXT.head]} rows={[row('合计', data.kpis)]} />
            <Text className="hint">{TEXT.visitsNote}</Text>
          </View>
          {table(TEXT.byProject, data.byProject)}
          {data.byProject.length > 0 && (
            <View className="section">
              <BarChart
                bars={bars(
                  data.byProject.map((p) => ({ label: p.name, value: p.kpis.resolutionRate ?? 0 })),
                  formatRate,
                )}
              />
            </View>
          )}
          {table(TEXT.byDepartment, data.byDepartment, 'kpi-departments')}
          {table(TEXT.byStaff, data.byStaff, 'kpi-staff')}
          {table(
            TEXT.byKind,
            data.byKind.map((k) => ({ name: k.label, kpis: k.kpis })),
          )}
          {table(
            TEXT.byCategory,
            data.byCategory.map((k) => ({ name: k.category, kpis: k.kpis })),
          )}
          <View className="section">
            <Text className="section__title">{TEXT.resolution}</Text>
            <Text className="hint">{trendRange(data.trend)}</Text>
            <ColumnChart
              bars={trendBars(data.trend, (t) => t.kpis.resolutionRate ?? 0).map((b) => ({
                ...b,
                text: formatRate(b.value, 0),
              }))}
            />
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.onTime}</Text>
            <Text className="hint">{trendRange(data.trend)}</Text>
            <ColumnChart
              bars={trendBars(data.trend, (t) => t.kpis.onTimeReplyRate ?? 0).map((b) => ({
                ...b,
                text: formatRate(b.value, 0),
              }))}
            />
          </View>
        </>
      )}
    </View>
  );
}
