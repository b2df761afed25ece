import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { TicketItem } from '../../components/TicketItem';
import { ListFooter, LoadState } from '../../components/LoadState';
import { requireLogin } from '../../services/session';
import { useTicketList } from '../../logic/useTicketList';
import './index.css';

const TEXT = {
  empty: '还没有反馈，点击下方按钮提交第一条',
  fileFirst: '我要反馈',
  total: (n: number) => `共 ${n} 条`,
} as const;

export default function TicketsPage() {
  const paged = useTicketList();
  const { list, error, refresh, loadMore } = paged;

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

  if (list.page === 0 || (error && list.items.length === 0))
    return <LoadState error={error} onRetry={refresh} rows={4} />;
  if (list.items.length === 0) {
    return (
      <LoadState empty={TEXT.empty}>
        <Button
          className="primary-button tickets-page__cta"
          onClick={() => Taro.switchTab({ url: '/pages/file/index' })}
        >
          {TEXT.fileFirst}
        </Button>
      </LoadState>
    );
  }
  return (
    <View className="tickets-page">
      <Text className="hint tickets-page__total">{TEXT.total(list.total)}</Text>
      {list.items.map((t) => (
        <TicketItem key={t.id} ticket={t} onClick={() => open(t.id)} />
      ))}
      <ListFooter {...paged} />
    </View>
  );
}
