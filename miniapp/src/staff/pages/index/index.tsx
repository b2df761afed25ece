import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { TicketItem } from '../../../components/TicketItem';
import { EmptyState, ErrorState, Skeleton } from '../../../components/StateView';
import { getUser, logout, refreshMe, requireLogin } from '../../../services/session';
import type { User } from '../../../services/types';
import { useTicketList } from '../../../logic/useTicketList';
import './index.css';

const TEXT = {
  title: '员工工作台',
  notStaff: '该页面仅限物业员工使用',
  tickets: '本项目工单',
  empty: '本项目暂无工单',
  loadMore: '加载更多',
  loading: '加载中…',
  noMore: '没有更多了',
  total: (n: number) => `共 ${n} 条`,
  residentSide: '住户端',
  logout: '退出登录',
} as const;

/** Staff workbench 员工工作台 (sub-package `staff`): the project's tickets. Later issues add actions. */
export default function StaffIndexPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const { list, loading, error, refresh, loadMore, more } = useTicketList();

  useDidShow(() => {
    if (!requireLogin()) return;
    refreshMe().then(setUser, () => undefined);
    refresh();
  });
  usePullDownRefresh(() => {
    refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  if (user && user.kind !== 'staff') return <EmptyState message={TEXT.notStaff} />;

  const open = (id: string) =>
    Taro.navigateTo({ url: `/pages/ticket-detail/index?id=${encodeURIComponent(id)}` });

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
      </View>

      <Text className="section__title staff-page__section">
        {list.page > 0 ? `${TEXT.tickets}（${TEXT.total(list.total)}）` : TEXT.tickets}
      </Text>
      {list.page === 0 && !error && <Skeleton rows={3} />}
      {list.page === 0 && error && <ErrorState message={error} onRetry={refresh} />}
      {list.page > 0 && list.items.length === 0 && <EmptyState message={TEXT.empty} />}
      {list.items.map((t) => (
        <TicketItem key={t.id} ticket={t} onClick={() => open(t.id)} />
      ))}
      {list.page > 0 && error && <ErrorState message={error} onRetry={loadMore} />}
      {list.items.length > 0 && !error && (
        <View className="staff-page__footer">
          {more ? (
            <Button size="mini" disabled={loading || undefined} onClick={loadMore}>
              {loading ? TEXT.loading : TEXT.loadMore}
            </Button>
          ) : (
            <Text className="hint">{TEXT.noMore}</Text>
          )}
        </View>
      )}
    </View>
  );
}
