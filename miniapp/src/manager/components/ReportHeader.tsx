import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { formatBeijingTime } from '../../utils/time';
import { defaultMonth, monthLabel, projectOptions, quarterText, recentQuarters } from '../../logic/reports';
import type { ReportParams } from '../report';
import type { ReportProjects } from '../types';
import './report.css';

const TEXT = {
  asOf: (t: string) => `数据统计截至 ${t}`,
  pickProject: '选择项目',
  refresh: '刷新数据',
  refreshing: '正在更新…',
  refreshFailed: '刷新失败，请稍后再试',
} as const;

/** The projects the user may pick (HQ: the company's; others: their own). */
export function loadReportProjects(): Promise<ReportProjects> {
  return api.get<ReportProjects>('/api/reports/projects');
}

/**
 * A report page's header: its title, what it covers, the month (or quarter) picker and, for HQ, the
 * project picker (全公司 or one project); and when the figures were taken.
 */
export function ReportHeader(props: {
  title: string;
  params: ReportParams;
  onChange: (p: Partial<ReportParams>) => void;
  period?: 'month' | 'quarter' | 'none';
  scopeLabel?: string;
  asOf?: string | null;
  /** The notice is per compound: HQ must pick a project. */
  projectRequired?: boolean;
  /** Pickers of the page's own (e.g. the reconciliation's day), before the project picker. */
  children?: ReactNode;
  /**
   * Offers 刷新数据 beside the time the figures were taken (they may be up to 10 minutes old): the month is
   * counted again now, then the page reloads.
   */
  onRefreshed?: () => void;
}) {
  const { params, onChange, period = 'month' } = props;
  const [projects, setProjects] = useState<ReportProjects | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    if (refreshing) return;
    setRefreshing(true);
    try {
      await api.post('/api/reports/refresh', {
        month: params.month,
        ...(params.projectId ? { projectId: params.projectId } : {}),
      });
      props.onRefreshed?.();
    } catch {
      Taro.showToast({ title: TEXT.refreshFailed, icon: 'none' });
    } finally {
      setRefreshing(false);
    }
  };
  useEffect(() => {
    loadReportProjects().then(setProjects, () => undefined);
  }, []);
  const options = projects?.company
    ? projectOptions(projects.projects, projects.label).filter((o) => !props.projectRequired || o.id)
    : [];
  const found = options.findIndex((o) => o.id === params.projectId);
  const index = Math.max(0, found);
  const quarters = recentQuarters();
  return (
    <View className="report-header">
      <Text className="report-header__title">{props.title}</Text>
      {props.scopeLabel && <Text className="report-header__scope">{props.scopeLabel}</Text>}
      <View className="report-header__pickers">
        {period === 'month' && (
          <Picker
            mode="date"
            fields="month"
            value={params.month}
            end={defaultMonth()}
            onChange={(e) => onChange({ month: String(e.detail.value).slice(0, 7) })}
          >
            <View className="report-header__picker report-header__month">{monthLabel(params.month)} ▾</View>
          </Picker>
        )}
        {period === 'quarter' && (
          <Picker
            mode="selector"
            range={quarters.map(quarterText)}
            value={Math.max(0, quarters.indexOf(params.quarter))}
            onChange={(e) => onChange({ quarter: quarters[Number(e.detail.value)] })}
          >
            <View className="report-header__picker">{quarterText(params.quarter)} ▾</View>
          </Picker>
        )}
        {props.children}
        {options.length > 0 && (
          <Picker
            key={options.map((o) => o.name).join('|')}
            mode="selector"
            range={options.map((o) => o.name)}
            value={index}
            onChange={(e) => onChange({ projectId: options[Number(e.detail.value)].id })}
          >
            <View className="report-header__picker report-header__project">
              {found >= 0 ? options[found].name : TEXT.pickProject} ▾
            </View>
          </Picker>
        )}
      </View>
      {props.asOf && (
        <View className="report-header__asof">
          <Text>{TEXT.asOf(formatBeijingTime(props.asOf))}</Text>
          {props.onRefreshed && (
            <Text className="report-header__refresh" onClick={refresh}>
              {refreshing ? TEXT.refreshing : TEXT.refresh}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
