import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { resolveUrl } from '../services/api';
import type { TicketEvent } from '../services/types';
import { newestFirst } from '../logic/timeline';
import { formatBeijingTime } from '../utils/time';
import './Timeline.css';

const TEXT = {
  noEvents: '暂无处理记录',
  system: '系统',
  internal: '内部',
} as const;

/** A row of photos; a tap previews them full screen. */
export function PhotoStrip({ urls, small = false }: { urls: string[]; small?: boolean }) {
  if (!urls.length) return null;
  return (
    <View className="photo-strip">
      {urls.map((url) => (
        <Image
          key={url}
          className={`photo-strip__photo ${small ? 'photo-strip__photo--small' : ''}`}
          src={url}
          mode="aspectFill"
          onClick={() => Taro.previewImage({ current: url, urls })}
        />
      ))}
    </View>
  );
}

/**
 * A ticket's history, newest first: what happened, who, when, the note and any photos. Internal notes
 * (staff only — the server never sends them to residents) carry a 内部 tag.
 */
export function Timeline({ events }: { events: TicketEvent[] }) {
  if (!events.length) return <Text className="hint">{TEXT.noEvents}</Text>;
  return (
    <>
      {newestFirst(events).map((ev, i) => (
        <View key={ev.id} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__status">
              {ev.label || ev.toStatusLabel || ev.toStatus}
              {ev.internal && <Text className="tag tag--info timeline__internal">{TEXT.internal}</Text>}
            </Text>
            <Text className="timeline__meta">
              {ev.actorName || TEXT.system} · {formatBeijingTime(ev.createdAt)}
            </Text>
            {ev.note && <Text className="timeline__note">{ev.note}</Text>}
            <PhotoStrip urls={(ev.photos ?? []).map((p) => resolveUrl(p.url))} small />
          </View>
        </View>
      ))}
    </>
  );
}
