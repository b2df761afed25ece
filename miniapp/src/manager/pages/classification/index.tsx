import { Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { bars, formatRate } from '../../../logic/reports';
import { BarChart, DataTable } from '../../components/Charts';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { ClassificationReport, Tally } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '顾客投诉分类统计表',
  chart: '各类投诉件数',
  table: '统计表',
  byProject: '各项目投诉件数',
  head: [
    '投诉类别',
    '投诉件数',
    '受理次数',
    '涉及人数',
    '同一事件',
    '网上投诉',
    '跟帖热度',
    '已办结',
    '办结率',
    '占比',
    '重大',
    '热点',
  ],
  rules:
    '统计口径：按最终原因分类；同一客户的不同投诉分别统计；多人多次对同一事件的投诉按一件统计并注明人数、次数；网上同一事件的投诉或跟帖按一件统计并注明跟帖热度；业主撤销的投诉不计入。',
  empty: '本月没有投诉',
} as const;

const cells = (t: Tally, name = t.category) => [
  name,
  t.items,
  t.times,
  t.people,
  t.eventItems,
  t.onlineItems,
  t.onlineHeat,
  t.closedItems,
  formatRate(t.closeRate),
  formatRate(t.share),
  t.majorItems,
  t.hotItems,
];

/** 顾客投诉分类统计表 of a month, counted by the handbook's rules, with a bar per category. */
export default function ClassificationPage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<ClassificationReport>(
    reportPath('classification', { month: params.month, projectId: params.projectId }),
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
              <Text className="section__title">
                {data.monthLabel}
                {TEXT.chart}（{data.table.total.items}）
              </Text>
              <ExcelButton report="classification" month={params.month} projectId={params.projectId} />
            </View>
            {data.table.total.items === 0 ? (
              <LoadState inline empty={TEXT.empty} />
            ) : (
              <BarChart bars={bars(data.table.rows.map((r) => ({ label: r.category, value: r.items })))} />
            )}
          </View>
          <View className="section classification-table">
            <Text className="section__title">{TEXT.table}</Text>
            <DataTable
              head={[...TEXT.head]}
              rows={[...data.table.rows.map((r) => cells(r)), cells(data.table.total, '合计')]}
              totalLast
            />
            <Text className="hint">{TEXT.rules}</Text>
          </View>
          {data.byProject.length > 0 && (
            <View className="section">
              <Text className="section__title">{TEXT.byProject}</Text>
              <BarChart bars={bars(data.byProject.map((p) => ({ label: p.name, value: p.items })))} />
            </View>
          )}
        </>
      )}
    </View>
  );
}
