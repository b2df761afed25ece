import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ChipPicker } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import { incidentCounts } from '../../../logic/incidentWork';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  all: '全部事件',
  hot: '热点投诉',
  empty: '本项目暂无同一事件',
  emptyHot: '本项目暂无热点投诉',
  hotBadge: '热点',
  last: (t: string) => `最近投诉 ${t}`,
} as const;

interface IncidentRow {
  id: string;
  title: string;
  category: string;
  ticketCount: number;
  complainantCount: number;
  hot: boolean;
  lastAt: string;
}

/** 同一事件: the project's events (complaints about one matter counted once), hot ones on their own tab. */
export default function IncidentsPage() {
  const [hotOnly, setHotOnly] = useState<'all' | 'hot'>('hot');
  const [list, setList] = useState<IncidentRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (which: 'all' | 'hot') => {
    setError(null);
    try {
      setList(await api.get<IncidentRow[]>(`/api/incidents${which === 'hot' ? '?hot=true' : ''}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, []);

  useDidShow(() => {
    if (requireLogin()) load(hotOnly);
  });
  usePullDownRefresh(() => {
    load(hotOnly);
  });

  return (
    <View className="incidents">
      <ChipPicker
        className="incidents__tabs"
        chip="incidents__tab"
        options={[
          { value: 'hot' as const, label: TEXT.hot },
          { value: 'all' as const, label: TEXT.all },
        ]}
        value={hotOnly}
        onChange={(v) => {
          setHotOnly(v);
          setList(null);
          load(v);
        }}
      />
      {(!list || list.length === 0) && (
        <LoadState
          error={error}
          onRetry={() => load(hotOnly)}
          empty={list ? (hotOnly === 'hot' ? TEXT.emptyHot : TEXT.empty) : undefined}
        />
      )}
      {list?.map((i) => (
        <View
          key={i.id}
          className="section incidents__item"
          data-testid="incident-row"
          onClick={() =>
            Taro.navigateTo({ url: `/staff/pages/incident/index?id=${encodeURIComponent(i.id)}` })
          }
        >
          <View className="incidents__head">
            {i.hot && <Text className="incidents__badge">{TEXT.hotBadge}</Text>}
            <Text className="incidents__title">{i.title}</Text>
          </View>
          <Text className="hint">
            {i.category} · {incidentCounts(i)} · {TEXT.last(formatBeijingTime(i.lastAt))}
          </Text>
        </View>
      ))}
    </View>
  );
}
