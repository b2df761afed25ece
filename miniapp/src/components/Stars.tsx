import { Text, View } from '@tarojs/components';
import { SCORE_MAX } from '../shared';
import { scoreLabel } from '../logic/ratingForm';
import './Stars.css';

/** One question scored 1–5 with stars (tap a star), its meaning beside it (很不满意 … 非常满意). */
export function Stars({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number | undefined;
  onChange?: (score: number) => void;
  testId?: string;
}) {
  return (
    <View className="stars" data-testid={testId}>
      <Text className="stars__label">{label}</Text>
      <View className="stars__row">
        {Array.from({ length: SCORE_MAX }, (_, i) => i + 1).map((n) => (
          <Text
            key={n}
            className={`stars__star ${value && n <= value ? 'stars__star--on' : ''}`}
            data-score={n}
            onClick={onChange ? () => onChange(n) : undefined}
          >
            ★
          </Text>
        ))}
        <Text className="stars__meaning">{scoreLabel(value)}</Text>
      </View>
    </View>
  );
}
