import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { QueueCard } from '../../components/QueueCard';
import { ListFooter, LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { getUser, logout, refreshMe, requireLogin } from '../../../services/session';
import { api } from '../../../services/api';
import { askSubscriptions, prefetchSubscriptions } from '../../../services/subscribe';
import type { QueueItem, User } from '../../../services/types';
import { usePagedList } from '../../../logic/usePagedList';
import { canSeeInventory, tabPath, tabsFor, type QueueScope } from '../../../logic/queueItem';
import { bindingsButton, reviewsBindings } from '../../../logic/bindingReview';
import { canSeeReports } from '../../../logic/reportRoles';
import './index.css';

const TEXT = {
  title: '员工工作台',
  notStaff: '该页面仅限物业员工使用',
  register: '代客登记',
  inventory: '日盘点',
  replies: '回复口径',
  prices: '价目表',
  notices: (n: number) => (n > 0 ? `消息 ${n > 99 ? '99+' : n}` : '消息'),
  visits: '回访任务',
  incidents: '同一事件',
  reports: '统计报表',
  empty: {
    mine: '暂无待办，辛苦了',
    department: '部门暂无待领取的工单',
    triage: '暂无待分派的工单',
    project: '本项目暂无未办结的工单',
    registered: '您还没有代客登记过工单',
  } as Record<QueueScope, string>,
  search: '查找工单',
  ledger: '重点客户台账',
  total: (n: number) => `共 ${n} 条`,
  residentSide: '住户端',
  logout: '退出登录',
} as const;

/** Staff workbench 员工工作台 (sub-package `staff`): queues by tab, 代客登记, 回访任务, 日盘点 and the 价目表. */
export default function StaffIndexPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [scope, setScope] = useState<QueueScope>('mine');
  const paged = usePagedList<QueueItem>(tabPath(scope));
  const { list, error, refresh, reset, loadMore } = paged;
  const [shown, setShown] = useState(false);
  const [unread, setUnread] = useState(0);
  const [pendingBindings, setPendingBindings] = useState(0);

  useDidShow(() => {
    if (!requireLogin()) return;
    refreshMe().then(setUser, () => undefined);
    void prefetchSubscriptions('staff');
    api
      .get<{ unread: number }>('/api/notifications/unread-count')
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
    // The service centre sees how many binding applications wait (a badge on 住户绑定).
    if (reviewsBindings(getUser()?.role))
      api
        .get<unknown[]>('/api/bindings/pending')
        .then((r) => setPendingBindings(r.length))
        .catch(() => undefined);
    if (shown) refresh();
    else setShown(true);
  });
  // First show and every tab switch: a fresh list for the tab.
  useEffect(() => {
    if (shown) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, shown]);
  usePullDownRefresh(() => {
    refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  if (user && user.kind !== 'staff') return <LoadState empty={TEXT.notStaff} />;

  const tabs = tabsFor(user?.role);
  const open = (id: string) =>
    Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(id)}` });

  return (
    <View className="staff-page">
      <View className="staff-page__header">
        <Text className="staff-page__title">{TEXT.title}</Text>
        {user && (
          <Text className="staff-page__who">
            {user.name} · {user.departmentName ?? user.roleLabel}
            {user.projectName ? ` · ${user.projectName}` : ''}
          </Text>
        )}
        <View className="staff-page__links">
          <Text className="staff-page__link" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            {TEXT.residentSide}
          </Text>
          <Text className="staff-page__link" onClick={logout}>
            {TEXT.logout}
          </Text>
        </View>
        <View className="staff-page__buttons">
          <View
            className="staff-page__button"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/register/index' })}
          >
            {TEXT.register}
          </View>
          <View
            className="staff-page__button"
            data-testid="staff-search"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/search/index' })}
          >
            {TEXT.search}
          </View>
          {reviewsBindings(user?.role) && (
            <View
              className={`staff-page__button ${pendingBindings > 0 ? 'staff-page__button--badge' : ''}`}
              data-testid="staff-bindings"
              onClick={() => Taro.navigateTo({ url: '/staff/pages/bindings/index' })}
            >
              {bindingsButton(pendingBindings)}
            </View>
          )}
          {reviewsBindings(user?.role) && (
            <View
              className="staff-page__button"
              data-testid="staff-ledger"
              onClick={() => Taro.navigateTo({ url: '/staff/pages/ledger/index' })}
            >
              {TEXT.ledger}
            </View>
          )}
          <View
            className="staff-page__button"
            data-testid="staff-notices"
            onClick={() => {
              askSubscriptions('staff'); // new tickets, reminders and escalations by WeChat, as the user allows
              Taro.navigateTo({ url: '/pages/notifications/index' });
            }}
          >
            {TEXT.notices(unread)}
          </View>
          <View
            className="staff-page__button"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/replies/index' })}
          >
            {TEXT.replies}
          </View>
          <View
            className="staff-page__button"
            data-testid="staff-prices"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/prices/index' })}
          >
            {TEXT.prices}
          </View>
          <View
            className="staff-page__button"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/visits/index' })}
          >
            {TEXT.visits}
          </View>
          <View
            className="staff-page__button"
            data-testid="staff-incidents"
            onClick={() => Taro.navigateTo({ url: '/staff/pages/incidents/index' })}
          >
            {TEXT.incidents}
          </View>
          {canSeeInventory(user?.role) && (
            <View
              className="staff-page__button"
              onClick={() => Taro.navigateTo({ url: '/staff/pages/inventory/index' })}
            >
              {TEXT.inventory}
            </View>
          )}
          {canSeeReports(user?.role) && (
            <View
              className="staff-page__button staff-page__reports"
              onClick={() => Taro.navigateTo({ url: '/manager/pages/index/index' })}
            >
              {TEXT.reports}
            </View>
          )}
        </View>
      </View>

      <ChipPicker
        className="staff-tabs"
        chip="staff-tabs__item"
        options={tabs.map((t) => ({ value: t.scope, label: t.label }))}
        value={scope}
        onChange={setScope}
      />

      {list.page > 0 && <Text className="hint staff-page__total">{TEXT.total(list.total)}</Text>}
      {(list.page === 0 || list.items.length === 0) && (
        <LoadState error={error} onRetry={reset} empty={list.page > 0 ? TEXT.empty[scope] : undefined} />
      )}
      {list.items.map((t) => (
        <QueueCard key={t.id} item={t} onClick={() => open(t.id)} />
      ))}
      {list.items.length > 0 && <ListFooter {...paged} />}
    </View>
  );
}
