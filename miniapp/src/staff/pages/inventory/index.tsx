import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { QueueCard } from '../../components/QueueCard';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { Inventory } from '../../../services/types';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  title: '未办结工单',
  at: (t: string) => `盘点时间 ${t}`,
  byStatus: '按状态',
  overdue: '已超时',
  noOverdue: '没有超时的工单',
  noRecord: '超过一个工作日未填写处理记录',
  noRecordHint: '按规定须填写顾客投诉处理记录并制定纠正措施',
  allRecorded: '没有缺少处理记录的工单',
  count: (n: number) => `${n} 条`,
} as const;

/** 日盘点 daily inventory (docs/domain-rules.md "Time limits"): every open item, so nothing is lost. */
export default function InventoryPage() {
  const [data, setData] = useState<Inventory | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await api.get<Inventory>('/api/staff/inventory'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, []);

  useDidShow(() => {
    if (requireLogin()) load();
  });
  usePullDownRefresh(() => {
    load();
  });

  if (!data) return <LoadState error={error} onRetry={load} />;
  const open = (id: string) =>
    Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(id)}` });

  return (
    <View className="inventory">
      <View className="section inventory__summary">
        <Text className="hint">{TEXT.title}</Text>
        <Text className="inventory__open" data-testid="inventory-open">
          {data.open}
        </Text>
        <Text className="hint">{TEXT.at(formatBeijingTime(data.at))}</Text>
        {data.byStatus.length > 0 && (
          <View className="inventory__statuses">
            {data.byStatus.map((s) => (
              <View key={s.status} className="inventory__status">
                <Text className="inventory__status-count">{s.count}</Text>
                <Text className="inventory__status-label">{s.label}</Text>
              </View>
            ))}
          </View>
        )}
      </View>

      <Text className="section__title inventory__heading">
        {TEXT.overdue}（{TEXT.count(data.overdue.length)}）
      </Text>
      {data.overdue.length === 0 && <LoadState empty={TEXT.noOverdue} />}
      {data.overdue.map((t) => (
        <QueueCard key={t.id} item={t} onClick={() => open(t.id)} />
      ))}

      <Text className="section__title inventory__heading">
        {TEXT.noRecord}（{TEXT.count(data.withoutHandlingRecord.length)}）
      </Text>
      <Text className="hint inventory__hint">{TEXT.noRecordHint}</Text>
      {data.withoutHandlingRecord.length === 0 && <LoadState empty={TEXT.allRecorded} />}
      {data.withoutHandlingRecord.map((t) => (
        <QueueCard key={t.id} item={t} onClick={() => open(t.id)} />
      ))}
    </View>
  );
}
