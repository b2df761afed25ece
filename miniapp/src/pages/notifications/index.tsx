import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ListFooter, LoadState } from '../../components/LoadState';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { getUser, requireLogin } from '../../services/session';
import { usePagedList } from '../../logic/usePagedList';
import { isUrgent, tagOf, targetOf, whenLabel, type NotificationItem } from '../../logic/notifications';
import './index.css';

const TEXT = {
  empty: '暂时没有消息',
  readAll: '全部标为已读',
} as const;

export default function NotificationsPage() {
  const paged = usePagedList<NotificationItem>('/api/notifications');
  const { list, error, refresh, loadMore } = paged;
  const isStaff = getUser()?.kind === 'staff';

  useDidShow(() => {
    if (requireLogin()) refresh();
  });
  usePullDownRefresh(() => {
    refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  const open = async (n: NotificationItem) => {
    if (!n.read) api.post(`/api/notifications/${n.id}/read`).catch(() => undefined);
    const url = targetOf(n, isStaff);
    if (url) Taro.navigateTo({ url });
    else refresh();
  };
  const readAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      refresh();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  if (list.page === 0 || (error && list.items.length === 0))
    return <LoadState error={error} onRetry={refresh} rows={5} />;
  if (list.items.length === 0) return <LoadState empty={TEXT.empty} />;
  const unread = list.items.some((n) => !n.read);
  return (
    <View className="notices">
      {unread && (
        <View className="notices__bar">
          <Text className="link" onClick={readAll} data-testid="read-all">
            {TEXT.readAll}
          </Text>
        </View>
      )}
      {list.items.map((n) => (
        <View
          key={n.id}
          className={`notices__item${n.read ? '' : ' notices__item--unread'}`}
          onClick={() => open(n)}
          data-testid="notice"
        >
          <View className="notices__head">
            <Text className={`notices__tag${isUrgent(n.kind) ? ' notices__tag--urgent' : ''}`}>
              {tagOf(n.kind)}
            </Text>
            <Text className="notices__title">{n.title}</Text>
            {!n.read && <View className="notices__dot" />}
          </View>
          <Text className="notices__body">{n.body}</Text>
          <Text className="notices__time">{whenLabel(n.createdAt)}</Text>
        </View>
      ))}
      <ListFooter {...paged} />
    </View>
  );
}
