import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ListFooter, LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import type { VisitListItem } from '../../../services/types';
import { usePagedList } from '../../../logic/usePagedList';
import { placeText } from '../../../logic/queueItem';
import {
  VISIT_DUE_FILTERS,
  VISIT_STATUS_FILTERS,
  canRecordRain,
  visitDueText,
  visitListPath,
  visitTabsFor,
  type VisitDueFilter,
  type VisitScope,
  type VisitStatusFilter,
} from '../../../logic/visitForm';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  notStaff: '该页面仅限物业员工使用',
  rain: '登记降雨',
  rainConfirm: '登记今天下雨后，渗水报修的"雨后回访"将在24小时内到期。确定登记吗？',
  rainDone: (n: number) => (n ? `${n} 条雨后回访已到期` : '暂无等待雨后回访的报修'),
  empty: {
    open: '暂无待回访的任务',
    invited: '暂无等待业主评价的工单',
    done: '还没有已完成的回访',
  } as Record<VisitStatusFilter, string>,
  total: (n: number) => `共 ${n} 条`,
  due: '期限',
  attempts: (n: number, last: string | null) => `已回访 ${n} 次${last ? `，最近：${last}` : ''}`,
  seq: (n: number) => `第${n}次回访`,
  doneAt: (at: string) => `${at} 已回访`,
} as const;

/** 回访任务 (sub-package `staff`): the return visits due, mine or the project's, with filters. */
export default function VisitsPage() {
  const user = getUser();
  const [scope, setScope] = useState<VisitScope>('mine');
  const [status, setStatus] = useState<VisitStatusFilter>('open');
  const [due, setDue] = useState<VisitDueFilter>('all');
  const paged = usePagedList<VisitListItem>(visitListPath(scope, status, due));
  const { list, error, refresh, reset, loadMore } = paged;
  const [shown, setShown] = useState(false);

  useDidShow(() => {
    if (!requireLogin()) return;
    if (shown) refresh();
    else setShown(true);
  });
  useEffect(() => {
    if (shown) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, status, due, shown]);
  usePullDownRefresh(() => {
    refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  if (user && user.kind !== 'staff') return <LoadState empty={TEXT.notStaff} />;

  const rain = async () => {
    const { confirm } = await Taro.showModal({ title: TEXT.rain, content: TEXT.rainConfirm });
    if (!confirm) return;
    try {
      const res = await api.post<{ due: number }>('/api/visits/rain');
      Taro.showToast({ title: TEXT.rainDone(res.due), icon: 'none' });
      reset();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className="visits-page">
      <ChipPicker
        className="staff-tabs"
        chip="staff-tabs__item"
        options={visitTabsFor(user?.role).map((t) => ({ value: t.scope, label: t.label }))}
        value={scope}
        onChange={setScope}
      />
      <View className="visits-page__filters">
        <ChipPicker
          options={VISIT_STATUS_FILTERS.map((f) => ({ value: f.key, label: f.label }))}
          value={status}
          onChange={setStatus}
        />
        <ChipPicker
          options={VISIT_DUE_FILTERS.map((f) => ({ value: f.key, label: f.label }))}
          value={due}
          onChange={setDue}
        >
          {canRecordRain(user?.role) && (
            <Text className="chip visits-page__rain" onClick={rain}>
              {TEXT.rain}
            </Text>
          )}
        </ChipPicker>
      </View>

      {list.page > 0 && <Text className="hint visits-page__total">{TEXT.total(list.total)}</Text>}
      {(list.page === 0 || list.items.length === 0) && (
        <LoadState error={error} onRetry={reset} empty={list.page > 0 ? TEXT.empty[status] : undefined} />
      )}
      {list.items.map((v) => (
        <View
          key={v.id}
          className="visit-card"
          data-testid="visit-card"
          onClick={() => Taro.navigateTo({ url: `/staff/pages/visit/index?id=${encodeURIComponent(v.id)}` })}
        >
          <View className="visit-card__head">
            <Text className="visit-card__kind">{v.ticket.kindLabel}</Text>
            <Text className="visit-card__number">{v.ticket.number}</Text>
            <Text className="visit-card__status">{v.statusLabel}</Text>
          </View>
          <Text className="visit-card__summary">{v.ticket.summary}</Text>
          <Text className="visit-card__meta">
            {placeText(v.ticket)} · {v.formLabel} · {v.visitorRoleLabel}
            {v.complaintLevelLabel ? ` · ${v.complaintLevelLabel}` : ''}
            {v.seq > 1 ? ` · ${TEXT.seq(v.seq)}` : ''}
          </Text>
          <Text className="visit-card__basis">{v.basis}</Text>
          {v.attempts > 0 && (
            <Text className="visit-card__meta">{TEXT.attempts(v.attempts, v.lastResultLabel)}</Text>
          )}
          {v.status === 'done' && v.doneAt ? (
            <Text className="visit-card__due">{TEXT.doneAt(formatBeijingTime(v.doneAt))}</Text>
          ) : (
            <Text className={`visit-card__due ${v.overdue ? 'visit-card__due--overdue' : ''}`}>
              {TEXT.due}：{visitDueText(v, (iso) => formatBeijingTime(iso))}
            </Text>
          )}
        </View>
      ))}
      {list.items.length > 0 && <ListFooter {...paged} />}
    </View>
  );
}
