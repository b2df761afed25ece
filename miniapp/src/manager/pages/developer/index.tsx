import { Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { formatBeijingTime } from '../../../utils/time';
import { bars } from '../../../logic/reports';
import { BarChart } from '../../components/Charts';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { DeveloperReport } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '开发商相关类投诉季度汇总',
  months: '各月件数',
  causes: '原因分析',
  byProject: '各项目件数',
  items: (n: number) => `投诉明细（共 ${n} 条）`,
  none: '本季度没有开发商相关类投诉',
  note: '施工方遗留问题（工程设计缺陷、工程质量等）每季度统计、整理一次，报集团公司。',
} as const;

/** Quarterly summary of developer-related complaints 开发商相关类 for HQ (the customer-service handbook). */
export default function DeveloperPage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<DeveloperReport>(
    reportPath('developer', { quarter: params.quarter, projectId: params.projectId }),
  );
  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        period="quarter"
        scopeLabel={data?.scope.label}
        asOf={data?.asOf}
      />
      {!data && <LoadState error={error} onRetry={reload} />}
      {data && (
        <>
          <View className="section">
            <View className="report-row">
              <Text className="section__title">
                {data.quarterLabel}（{data.total.items} 件）
              </Text>
              <ExcelButton report="developer" quarter={params.quarter} projectId={params.projectId} />
            </View>
            <BarChart bars={bars(data.months.map((m) => ({ label: m.monthLabel, value: m.items })))} />
            <Text className="hint">{TEXT.note}</Text>
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.causes}</Text>
            <BarChart
              bars={bars(data.causes.map((c) => ({ label: `${c.label} ${c.name}`, value: c.items })))}
            />
          </View>
          {data.byProject.length > 0 && (
            <View className="section">
              <Text className="section__title">{TEXT.byProject}</Text>
              <BarChart bars={bars(data.byProject.map((p) => ({ label: p.name, value: p.items })))} />
            </View>
          )}
          {data.byProject.length === 0 && (
            <View className="section">
              <Text className="section__title">{TEXT.items(data.itemCount)}</Text>
              {data.items.length === 0 && <LoadState empty={TEXT.none} />}
              {data.items.map((i) => (
                <View key={i.id} className="report-item">
                  <Text className="report-item__title">{i.number}</Text>
                  <Text className="report-item__line">{i.summary}</Text>
                  <Text className="report-item__line">
                    {formatBeijingTime(i.createdAt)} · {i.place} · {i.statusLabel}
                    {i.cause ? ` · ${i.cause}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  );
}
