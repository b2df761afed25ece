import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { formatBeijingTime } from '../../../utils/time';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { SpecialCase, SpecialList } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '重大/热点投诉台账',
  rules:
    '重大投诉（索赔一万元以上）一个工作日内报公司分管领导；热点投诉（一个月内三位以上业主或三人以上集体投诉）一周内上报；办结后提交专题报告并单独归档。',
  none: '暂无重大或热点投诉',
  claim: (n: number) => `索赔 ${n.toLocaleString()} 元`,
} as const;

function deadline(c: SpecialCase): string {
  if (c.followUpAt) return `已归档（${formatBeijingTime(c.followUpAt)}）`;
  if (!c.reportedAt) return `上报期限 ${formatBeijingTime(c.reportDueAt)}`;
  if (c.followUpDueAt) return `专题报告期限 ${formatBeijingTime(c.followUpDueAt)}`;
  return `已于 ${formatBeijingTime(c.reportedAt)} 上报`;
}

/** The major/hot complaint register with what is owed and by when. */
export default function SpecialListPage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<SpecialList>(
    reportPath('special', { projectId: params.projectId }),
  );
  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        period="none"
        scopeLabel={data?.scope.label}
      />
      {!data && <LoadState error={error} onRetry={reload} />}
      {data && (
        <View className="section">
          <View className="report-row">
            <Text className="hint">{TEXT.rules}</Text>
          </View>
          <ExcelButton report="special" projectId={params.projectId} />
          {data.items.length === 0 && <LoadState empty={TEXT.none} />}
          {data.items.map((c) => (
            <View
              key={c.id}
              className="report-item special__item"
              onClick={() => Taro.navigateTo({ url: `/manager/pages/special-case/index?id=${c.id}` })}
            >
              <Text className="report-item__title">
                <Text className={`tag ${c.kind === 'major' ? 'tag--danger' : ''}`}>{c.kindLabel}</Text>
                {c.title}
              </Text>
              <Text className="report-item__line">
                <Text
                  className={`tag ${c.overdue ? 'tag--danger' : c.stage === 'archived' ? 'tag--ok' : ''}`}
                >
                  {c.stageLabel}
                </Text>
                {deadline(c)}
              </Text>
              <Text className="report-item__line">
                {c.projectName}
                {c.compensationYuan ? ` · ${TEXT.claim(c.compensationYuan)}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
