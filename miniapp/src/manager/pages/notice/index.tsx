import { Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { NoticeReport } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '月度投诉处理公示',
  pick: '公示按小区张贴，请先在上方选择项目',
  none: '本月没有需要公示的投诉（公共部位、共性问题、业户纠纷），可不例行公布',
  count: (people: number, times: number) => `${people} 位业主反映 ${times} 次`,
  privacy: '公示内容已去除业主姓名、电话和房号，可直接张贴。',
} as const;

/** 投诉处理情况公示 for the notice board: no resident's name, phone or room number. */
export default function NoticePage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<NoticeReport>(
    reportPath('notice', { month: params.month, projectId: params.projectId }),
  );
  const needsProject = !!error && !data && /选择项目/.test(error);
  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        scopeLabel={data?.scope.label}
        projectRequired
      />
      {needsProject && <LoadState empty={TEXT.pick} />}
      {!data && !needsProject && <LoadState error={error} onRetry={reload} />}
      {data && (
        <View className="section notice">
          <View className="report-row">
            <Text className="section__title">{data.title}</Text>
          </View>
          <ExcelButton report="notice" month={params.month} projectId={params.projectId} />
          <Text className="hint">{TEXT.privacy}</Text>
          {data.items.length === 0 ? (
            <LoadState empty={TEXT.none} />
          ) : (
            <>
              <Text className="report-item__line">{data.intro}</Text>
              {data.items.map((i, n) => (
                <View key={n} className="report-item notice__item">
                  <Text className="report-item__title">
                    {n + 1}. {i.summary}
                  </Text>
                  <Text className="report-item__line">
                    <Text className="tag">{i.reasonLabel}</Text>
                    <Text className="tag">{i.category}</Text>
                    <Text className={`tag ${i.closed ? 'tag--ok' : ''}`}>{i.statusLabel}</Text>
                  </Text>
                  <Text className="report-item__line">
                    {i.place} · {TEXT.count(i.people, i.times)}
                  </Text>
                  <Text className="report-item__line">处理情况：{i.handling}</Text>
                </View>
              ))}
              <Text className="report-item__line">{data.closing}</Text>
            </>
          )}
        </View>
      )}
    </View>
  );
}
