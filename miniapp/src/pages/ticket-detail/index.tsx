import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, TICKET_KIND_LABELS, TICKET_STATUS_LABELS } from '../../shared';
import { ErrorState, Skeleton } from '../../components/StateView';
import { api, resolveUrl } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { requireLogin } from '../../services/session';
import type { TicketDetail } from '../../services/types';
import { newestFirst } from '../../logic/timeline';
import { formatBeijingTime } from '../../utils/time';
import './index.css';

const TEXT = {
  number: '工单编号',
  kind: '类型',
  status: '当前状态',
  channel: '来源',
  createdAt: '提交时间',
  location: '位置',
  anonymous: '匿名',
  anonymousYes: '是（工作人员无法回电）',
  anonymousNo: '否',
  content: '反馈内容',
  photos: '图片',
  timeline: '处理进度',
  noEvents: '暂无处理记录',
  system: '系统',
  missingId: '缺少工单编号',
  backToList: '查看我的全部反馈',
} as const;

export default function TicketDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) {
      setError(TEXT.missingId);
      return;
    }
    setError(null);
    try {
      setTicket(await api.get<TicketDetail>(`/api/tickets/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  useDidShow(() => {
    if (requireLogin()) load();
  });

  if (!ticket) {
    if (error) return <ErrorState message={error} onRetry={load} />;
    return <Skeleton rows={2} />;
  }

  const photoUrls = ticket.photos.map((p) => resolveUrl(p.url));
  const location = ticket.household?.label ?? (ticket.location ? `公共区域：${ticket.location}` : '—');
  const rows: Array<[string, string]> = [
    [TEXT.kind, TICKET_KIND_LABELS[ticket.kind] ?? ticket.kind],
    [TEXT.status, TICKET_STATUS_LABELS[ticket.status] ?? ticket.status],
    [TEXT.location, location],
    [TEXT.anonymous, ticket.anonymous ? TEXT.anonymousYes : TEXT.anonymousNo],
    [TEXT.channel, CHANNEL_LABELS[ticket.channel] ?? ticket.channel],
    [TEXT.createdAt, formatBeijingTime(ticket.createdAt)],
  ];

  return (
    <View className="detail-page">
      <View className="section">
        <Text className="hint">{TEXT.number}</Text>
        <Text className="detail-page__number" data-testid="ticket-number">
          {ticket.number}
        </Text>
        {rows.map(([label, value]) => (
          <View key={label} className="detail-page__row">
            <Text className="detail-page__label">{label}</Text>
            <Text className="detail-page__value">{value}</Text>
          </View>
        ))}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.content}</Text>
        <Text className="detail-page__content">{ticket.content}</Text>
        {photoUrls.length > 0 && (
          <View className="detail-page__photos">
            {photoUrls.map((url) => (
              <Image
                key={url}
                className="detail-page__photo"
                src={url}
                mode="aspectFill"
                onClick={() => Taro.previewImage({ current: url, urls: photoUrls })}
              />
            ))}
          </View>
        )}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.timeline}</Text>
        {ticket.events.length === 0 && <Text className="hint">{TEXT.noEvents}</Text>}
        {newestFirst(ticket.events).map((ev, i) => (
          <View key={ev.id} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <Text className="timeline__status">{TICKET_STATUS_LABELS[ev.toStatus] ?? ev.toStatus}</Text>
              <Text className="timeline__meta">
                {ev.actorName || TEXT.system} · {formatBeijingTime(ev.createdAt)}
              </Text>
              {ev.note && <Text className="timeline__note">{ev.note}</Text>}
            </View>
          </View>
        ))}
      </View>

      <View className="detail-page__actions">
        <Button className="detail-page__back" onClick={() => Taro.switchTab({ url: '/pages/tickets/index' })}>
          {TEXT.backToList}
        </Button>
      </View>
    </View>
  );
}
