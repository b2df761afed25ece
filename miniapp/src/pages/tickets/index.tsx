import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { TicketItem } from '../../components/TicketItem';
import { EmptyState, ErrorState, Skeleton } from '../../components/StateView';
import { requireLogin } from '../../services/session';
import { useTicketList } from '../../logic/useTicketList';
import './index.css';

const TEXT = {
  empty: '还没有反馈，点击下方按钮提交第一条',
  fileFirst: '我要反馈',
  loadMore: '加载更多',
  loading: '加载中…',
  noMore: '没有更多了',
  total: (n: number) => `共 ${n} 条`,
} as const;

export default function TicketsPage() {
  const { list, loading, error, refresh, loadMore, more } = useTicketList();

  useDidShow(() => {
    if (requireLogin()) refresh();
  });
  usePullDownRefresh(() => {
    refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  const open = (id: string) =>
    Taro.navigateTo({ url: `/pages/ticket-detail/index?id=${encodeURIComponent(id)}` });

  if (list.page === 0) {
    if (error) return <ErrorState message={error} onRetry={refresh} />;
    return <Skeleton rows={4} />;
  }
  if (list.items.length === 0) {
    return (
      <EmptyState message={TEXT.empty}>
        <Button
          className="primary-button tickets-page__cta"
          onClick={() => Taro.switchTab({ url: '/pages/file/index' })}
        >
          {TEXT.fileFirst}
        </Button>
      </EmptyState>
    );
  }
  return (
    <View className="tickets-page">
      <Text className="hint tickets-page__total">{TEXT.total(list.total)}</Text>
      {list.items.map((t) => (
        <TicketItem key={t.id} ticket={t} onClick={() => open(t.id)} />
      ))}
      {error && <ErrorState message={error} onRetry={loadMore} />}
      {!error && (
        <View className="tickets-page__footer" onClick={() => more && !loading && loadMore()}>
          <Text className="hint">{loading ? TEXT.loading : more ? TEXT.loadMore : TEXT.noMore}</Text>
        </View>
      )}
    </View>
  );
}
