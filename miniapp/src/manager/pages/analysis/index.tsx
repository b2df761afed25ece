import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser } from '../../../services/session';
import { formatBeijingTime } from '../../../utils/time';
import {
  bars,
  canWriteReports,
  formatChange,
  formatRate,
  trendBars,
  trendRange,
} from '../../../logic/reports';
import { BarChart, ColumnChart, DataTable } from '../../components/Charts';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import { CATEGORY_NAMES, CAUSE_FACTORS } from '../../shared';
import type { AnalysisReport } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '月度投诉分析报告',
  due: (day: string) => `须于${day}前报集团公司`,
  submitted: (name: string, t: string) => `已由${name}于 ${t} 提交集团`,
  submit: '提交集团公司',
  totals: '投诉总体情况',
  totalLine: (n: number, prev: string, year: string) => `本月投诉 ${n} 件，环比 ${prev}，同比 ${year}`,
  trend: '近12个月投诉件数',
  categories: '各类投诉对比',
  causes: '原因分析（人、机、料、法、环）',
  actions: '纠正措施',
  noActions: '尚未填写纠正措施',
  cases: '代表性投诉个案',
  noCases: '尚未选取代表性案例',
  special: '重大/热点投诉',
  noSpecial: '本月没有重大或热点投诉',
  addAction: '添加纠正措施',
  addCase: '选取案例',
  problem: '存在问题',
  action: '纠正/预防措施',
  owner: '责任人（选填）',
  category: '投诉类别（选填）',
  cause: '原因类别（选填）',
  ticketNumber: '工单编号，如 TS20261012-0003',
  keyPoints: '投诉要点及突出问题',
  lessons: '经验教训和纠正措施',
  save: '保存',
  saved: '已保存',
  status: { planned: '计划', in_progress: '实施中', done: '已完成' } as Record<string, string>,
  remove: '删除',
  head: ['投诉类别', '本月', '上月', '环比', '占比'],
} as const;

/** 月度投诉分析报告: totals and trend, categories, causes, corrective actions, cases; submitted to HQ before the 28th. */
export default function AnalysisPage() {
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<AnalysisReport>(
    reportPath('analysis', { month: params.month, projectId: params.projectId }),
  );
  const writer = canWriteReports(getUser()?.role) && !!data && !data.scope.company;
  const [action, setAction] = useState({ problem: '', action: '', owner: '', category: '', causeFactor: '' });
  const [pick, setPick] = useState({ ticketNumber: '', keyPoints: '', lessons: '' });
  const [busy, setBusy] = useState(false);

  const send = async (fn: () => Promise<unknown>, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
      after?.();
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      await reload();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const base = { month: params.month };

  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        scopeLabel={data?.scope.label}
        asOf={data?.asOf}
      />
      {!data && <LoadState error={error} onRetry={reload} rows={4} />}
      {data && (
        <>
          <View className="section">
            <View className="report-row">
              <Text className="section__title">{TEXT.totals}</Text>
              <ExcelButton report="analysis" month={params.month} projectId={params.projectId} />
            </View>
            <Text className="report-item__line analysis__totals">
              {TEXT.totalLine(
                data.totals.complaints,
                formatChange(data.totals.changeFromPrevious),
                formatChange(data.totals.changeFromYearAgo),
              )}
            </Text>
            <Text className="report-item__line">
              涉及 {data.totals.people} 人、受理 {data.totals.times} 次，已办结 {data.totals.closedItems}{' '}
              件；投诉率 {formatRate(data.totals.kpis.complaintRate, 2)}，回访率{' '}
              {formatRate(data.totals.kpis.visitRate)}
            </Text>
            {!data.scope.company && (
              <Text className="hint">
                {data.submission
                  ? TEXT.submitted(
                      data.submission.submittedByName,
                      formatBeijingTime(data.submission.submittedAt),
                    )
                  : TEXT.due(formatBeijingTime(data.dueAt).replace(/\s*00:00$/, ''))}
              </Text>
            )}
            {writer && !data.submission && (
              <Button
                className="primary-button"
                disabled={busy || undefined}
                onClick={() =>
                  send(() =>
                    api.post('/api/reports/submissions', { kind: 'monthly_analysis', period: params.month }),
                  )
                }
              >
                {TEXT.submit}
              </Button>
            )}
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.trend}</Text>
            <Text className="hint">{trendRange(data.trend)}</Text>
            <ColumnChart bars={trendBars(data.trend, (t) => t.complaints)} />
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.categories}</Text>
            <DataTable
              head={[...TEXT.head]}
              rows={data.categories.map((c) => [
                c.category,
                c.items,
                c.previous,
                formatChange(c.change),
                formatRate(c.share),
              ])}
            />
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.causes}</Text>
            {data.causes.map((f) => (
              <View key={f.factor} className="report-item">
                <Text className="report-item__title">
                  {f.label} {f.name}（{f.items}）
                </Text>
                <BarChart bars={bars(f.subs.map((s) => ({ label: s.label, value: s.items })))} />
              </View>
            ))}
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.actions}</Text>
            {data.correctiveActions.length === 0 && <LoadState inline empty={TEXT.noActions} />}
            {data.correctiveActions.map((a) => (
              <View key={a.id} className="report-item">
                <Text className="report-item__title">{a.problem}</Text>
                <Text className="report-item__line">措施：{a.action}</Text>
                <Text className="report-item__line">
                  <Text className="tag">{TEXT.status[a.status] ?? a.status}</Text>
                  {[a.category, a.owner, a.dueDate, data.scope.company ? a.projectName : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {writer && (
                  <Text
                    className="link"
                    onClick={() => send(() => api.del(`/api/reports/corrective-actions/${a.id}`))}
                  >
                    {TEXT.remove}
                  </Text>
                )}
              </View>
            ))}
            {writer && (
              <View className="analysis__action-form">
                <Text className="report-form__label">{TEXT.addAction}</Text>
                <Textarea
                  className="textarea"
                  placeholder={TEXT.problem}
                  value={action.problem}
                  onInput={(e) => setAction({ ...action, problem: e.detail.value })}
                />
                <Textarea
                  className="textarea"
                  placeholder={TEXT.action}
                  value={action.action}
                  onInput={(e) => setAction({ ...action, action: e.detail.value })}
                />
                <Input
                  className="input"
                  placeholder={TEXT.owner}
                  value={action.owner}
                  onInput={(e) => setAction({ ...action, owner: e.detail.value })}
                />
                <Text className="report-form__label">{TEXT.category}</Text>
                <ChipPicker
                  options={CATEGORY_NAMES.map((c) => ({ value: c, label: c }))}
                  clearable
                  value={action.category}
                  onChange={(category) => setAction({ ...action, category: category ?? '' })}
                />
                <Text className="report-form__label">{TEXT.cause}</Text>
                <ChipPicker
                  options={Object.entries(CAUSE_FACTORS).map(([code, f]) => ({
                    value: code,
                    label: `${f.label} ${f.name}`,
                  }))}
                  clearable
                  value={action.causeFactor}
                  onChange={(causeFactor) => setAction({ ...action, causeFactor: causeFactor ?? '' })}
                />
                <Button
                  className="primary-button"
                  disabled={
                    busy || action.problem.trim().length < 2 || action.action.trim().length < 2 || undefined
                  }
                  onClick={() =>
                    send(
                      () =>
                        api.post('/api/reports/corrective-actions', {
                          ...base,
                          problem: action.problem.trim(),
                          action: action.action.trim(),
                          ...(action.owner.trim() ? { owner: action.owner.trim() } : {}),
                          ...(action.category ? { category: action.category } : {}),
                          ...(action.causeFactor ? { causeFactor: action.causeFactor } : {}),
                        }),
                      () => setAction({ problem: '', action: '', owner: '', category: '', causeFactor: '' }),
                    )
                  }
                >
                  {TEXT.save}
                </Button>
              </View>
            )}
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.cases}</Text>
            {data.cases.length === 0 && <LoadState inline empty={TEXT.noCases} />}
            {data.cases.map((c) => (
              <View key={c.id} className="report-item">
                <Text className="report-item__title">
                  {c.number} · {c.category ?? ''} · {c.statusLabel}
                </Text>
                <Text className="report-item__line">{c.summary}</Text>
                {c.keyPoints && <Text className="report-item__line">要点：{c.keyPoints}</Text>}
                {c.lessons && <Text className="report-item__line">经验教训：{c.lessons}</Text>}
                {writer && (
                  <Text className="link" onClick={() => send(() => api.del(`/api/reports/cases/${c.id}`))}>
                    {TEXT.remove}
                  </Text>
                )}
              </View>
            ))}
            {writer && (
              <View>
                <Text className="report-form__label">{TEXT.addCase}</Text>
                <Input
                  className="input"
                  placeholder={TEXT.ticketNumber}
                  value={pick.ticketNumber}
                  onInput={(e) => setPick({ ...pick, ticketNumber: e.detail.value })}
                />
                <Textarea
                  className="textarea"
                  placeholder={TEXT.keyPoints}
                  value={pick.keyPoints}
                  onInput={(e) => setPick({ ...pick, keyPoints: e.detail.value })}
                />
                <Textarea
                  className="textarea"
                  placeholder={TEXT.lessons}
                  value={pick.lessons}
                  onInput={(e) => setPick({ ...pick, lessons: e.detail.value })}
                />
                <Button
                  className="primary-button"
                  disabled={busy || pick.ticketNumber.trim().length < 5 || undefined}
                  onClick={() =>
                    send(
                      () =>
                        api.post('/api/reports/cases', {
                          ...base,
                          ticketNumber: pick.ticketNumber.trim(),
                          ...(pick.keyPoints.trim() ? { keyPoints: pick.keyPoints.trim() } : {}),
                          ...(pick.lessons.trim() ? { lessons: pick.lessons.trim() } : {}),
                        }),
                      () => setPick({ ticketNumber: '', keyPoints: '', lessons: '' }),
                    )
                  }
                >
                  {TEXT.save}
                </Button>
              </View>
            )}
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.special}</Text>
            {data.specialCases.length === 0 && <LoadState inline empty={TEXT.noSpecial} />}
            {data.specialCases.map((s) => (
              <View
                key={s.id}
                className="report-item"
                onClick={() => Taro.navigateTo({ url: `/manager/pages/special-case/index?id=${s.id}` })}
              >
                <Text className="report-item__title">
                  <Text className={`tag ${s.kind === 'major' ? 'tag--danger' : ''}`}>
                    {s.kind === 'major' ? '重大' : '热点'}
                  </Text>
                  {s.title}
                </Text>
                <Text className="report-item__line">
                  {s.reportedAt
                    ? `已于 ${formatBeijingTime(s.reportedAt)} 上报`
                    : `应于 ${formatBeijingTime(s.reportDueAt)} 前上报`}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  );
}
