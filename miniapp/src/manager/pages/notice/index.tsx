import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
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
  privacy: '公示内容已去除姓名、电话、微信号、房号、车牌和身份证号；请项目经理预览无误后审核发布。',
  approved: (by: string, at: string) => `已由${by}审核发布（${at}），业主可在小程序查看`,
  pending: '待项目经理预览审核，审核后才会发布',
  approve: '预览无误，审核发布',
  reapprove: '内容有更新，重新审核发布',
  done: '已审核发布',
} as const;

interface NoticeApproval {
  approved: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  canApprove: boolean;
}

/** 投诉处理情况公示 for the notice board: no resident's name, phone or room number. */
export default function NoticePage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<NoticeReport>(
    reportPath('notice', { month: params.month, projectId: params.projectId }),
  );
  const needsProject = !!error && !data && /选择项目/.test(error);
  // The project manager previews the notice and approves it; what they approved is what residents read.
  const approval = useReport<NoticeApproval>(
    data ? reportPath('notice/approval', { month: params.month, projectId: params.projectId }) : null,
  );
  const [approving, setApproving] = useState(false);
  const approve = async () => {
    if (approving) return;
    setApproving(true);
    try {
      await api.post('/api/reports/notice/approval', {
        month: params.month,
        ...(params.projectId ? { projectId: params.projectId } : {}),
      });
      Taro.showToast({ title: TEXT.done, icon: 'success' });
      await approval.reload();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setApproving(false);
    }
  };
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
          {approval.data && (
            <View className="notice__approval" data-testid="notice-approval">
              <Text className={approval.data.approved ? 'tag tag--ok' : 'tag'}>
                {approval.data.approved
                  ? TEXT.approved(
                      approval.data.approvedBy ?? '',
                      (approval.data.approvedAt ?? '').slice(0, 10),
                    )
                  : TEXT.pending}
              </Text>
              {approval.data.canApprove && (
                <View className="chip notice__approve" data-testid="notice-approve" onClick={approve}>
                  {approval.data.approved ? TEXT.reapprove : TEXT.approve}
                </View>
              )}
            </View>
          )}
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
