import { Text, View } from '@tarojs/components';
import { TICKET_KIND_LABELS } from '../../shared';
import type { QueueItem } from '../../services/types';
import { dueText, placeText, tagsOf } from '../../logic/queueItem';
import './QueueCard.css';

const TEXT = {
  unassigned: '待领取',
  noDepartment: '未派部门',
  due: '时限',
  category: '分类',
} as const;

/** One ticket in a staff queue: what, where, who, by when, and why it is urgent. */
export function QueueCard({ item, onClick }: { item: QueueItem; onClick: () => void }) {
  const tags = tagsOf(item);
  return (
    <View className="queue-card" onClick={onClick} data-testid="queue-card">
      <View className="queue-card__head">
        <Text className="queue-card__kind">{TICKET_KIND_LABELS[item.kind] ?? item.kind}</Text>
        <Text className="queue-card__number">{item.number}</Text>
        <Text className="queue-card__status">{item.statusLabel}</Text>
      </View>
      {tags.length > 0 && (
        <View className="queue-card__tags">
          {tags.map((t) => (
            <Text key={t.text} className={`tag tag--${t.tone}`}>
              {t.text}
            </Text>
          ))}
        </View>
      )}
      <Text className="queue-card__summary">{item.summary}</Text>
      {item.priorityReason && <Text className="queue-card__priority">{item.priorityReason}</Text>}
      <Text className="queue-card__meta">
        {placeText(item)}
        {item.category ? ` · ${TEXT.category}：${item.category}` : ''}
      </Text>
      <Text className="queue-card__meta">
        {item.department ?? TEXT.noDepartment} · {item.assignee ?? TEXT.unassigned}
      </Text>
      <Text className={`queue-card__due ${item.overdue ? 'queue-card__due--overdue' : ''}`}>
        {TEXT.due}：{dueText(item)}
      </Text>
    </View>
  );
}
