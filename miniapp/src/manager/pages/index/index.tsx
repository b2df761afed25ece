import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ChipPicker } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser } from '../../../services/session';
import { canSeeReports, kpiCards, trendBars, trendRange } from '../../../logic/reports';
import { ColumnChart } from '../../components/Charts';
import { ExcelButton } from '../../components/ExcelButton';
import { ReportHeader } from '../../components/ReportHeader';
import { reportPath, useReport, useReportParams } from '../../report';
import type { KpiReport } from '../../types';
import '../../components/report.css';

const TEXT = {
  title: '统计报表',
  notAllowed: '统计报表仅限客服主管、项目经理和集团总部查看',
  kpis: '考核指标',
  trend: '近12个月受理量',
  complaints: '近12个月投诉件数',
  reports: '报表',
  statMonth: '统计月份',
  statMonthHint: '集团总部设置；更改后各月数据按新口径重新统计',
  statMonthSaved: '统计月份已更改',
  met: '达标',
  missed: '未达标',
  links: [
    { page: 'classification', label: '投诉分类统计表' },
    { page: 'kpis', label: '考核指标明细' },
    { page: 'analysis', label: '月度投诉分析报告' },
    { page: 'special', label: '重大/热点投诉' },
    { page: 'developer', label: '开发商相关类季度汇总' },
    { page: 'notice', label: '月度投诉处理公示' },
    { page: 'reconciliation', label: '微信支付对账' },
    { page: 'calendar', label: '节假日安排（工作日历）' },
    { page: 'phrases', label: '服务禁语（统一回复口径）' },
    { page: 'duty-phone', label: '24小时值班电话' },
  ],
} as const;

/** GET/PUT /api/reports/settings: how the company cuts its statistical months. */
interface ReportSettings {
  statisticalMonth: string;
  label: string;
  choices: { value: string; label: string }[];
}

/** 报表中心 (sub-package `manager`): the month's key figures, the trend, and the way to every report. */
export default function ReportsHomePage() {
  const user = getUser();
  const allowed = canSeeReports(user?.role);
  const [params, setParams] = useReportParams();
  const { data, error, reload } = useReport<KpiReport>(
    allowed ? reportPath('kpis', { month: params.month, projectId: params.projectId }) : null,
  );
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  useEffect(() => {
    if (allowed)
      api
        .get<ReportSettings>('/api/reports/settings')
        .then(setSettings)
        .catch(() => undefined);
  }, [allowed]);
  const changeMonth = async (statisticalMonth: string) => {
    try {
      setSettings(await api.put<ReportSettings>('/api/reports/settings', { statisticalMonth }));
      Taro.showToast({ title: TEXT.statMonthSaved, icon: 'success' });
      await reload();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  if (!allowed) return <LoadState empty={TEXT.notAllowed} />;

  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        scopeLabel={data?.scope.label}
        asOf={data?.asOf}
        onRefreshed={reload}
      />
      {!data && <LoadState error={error} onRetry={reload} />}
      {data && (
        <>
          <View className="section">
            <View className="report-row">
              <Text className="section__title">
                {data.monthLabel}
                {TEXT.kpis}
              </Text>
              <ExcelButton report="kpis" month={params.month} projectId={params.projectId} />
            </View>
            <View className="kpi-cards">
              {kpiCards(data.kpis as unknown as Record<string, number | null>).map((c) => (
                <View key={c.name} className="kpi-card">
                  <Text
                    className={`kpi-card__value ${c.ok === true ? 'kpi-card__value--ok' : c.ok === false ? 'kpi-card__value--bad' : ''}`}
                  >
                    {c.text}
                  </Text>
                  <Text className="kpi-card__label">
                    {c.label}
                    {c.ok === null ? '' : `（${c.ok ? TEXT.met : TEXT.missed}）`}
                  </Text>
                </View>
              ))}
            </View>
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.complaints}</Text>
            <Text className="hint">{trendRange(data.trend)}</Text>
            <ColumnChart bars={trendBars(data.trend, (t) => t.kpis.complaints ?? 0)} />
          </View>
          <View className="section">
            <Text className="section__title">{TEXT.trend}</Text>
            <Text className="hint">{trendRange(data.trend)}</Text>
            <ColumnChart bars={trendBars(data.trend, (t) => t.kpis.tickets)} />
          </View>
        </>
      )}
      {settings && (
        <View className="section" data-testid="stat-month">
          <Text className="section__title">{TEXT.statMonth}</Text>
          {user?.role === 'hq' ? (
            <>
              <ChipPicker
                options={settings.choices}
                value={settings.statisticalMonth}
                onChange={(v) => void changeMonth(v)}
              />
              <Text className="hint">{TEXT.statMonthHint}</Text>
            </>
          ) : (
            <Text className="hint">{settings.label}</Text>
          )}
        </View>
      )}
      <View className="section">
        <Text className="section__title">{TEXT.reports}</Text>
        <View className="report-links">
          {TEXT.links.map((l) => (
            <Text
              key={l.page}
              className="report-link"
              onClick={() => Taro.navigateTo({ url: `/manager/pages/${l.page}/index` })}
            >
              {l.label} ›
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}
