import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import './StateView.css';

const TEXT = {
  retry: '重试',
} as const;

/** Grey placeholder rows while a list or page loads. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className="skeleton" data-testid="skeleton">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="skeleton__card">
          <View className="skeleton__line skeleton__line--short" />
          <View className="skeleton__line" />
          <View className="skeleton__line skeleton__line--mid" />
        </View>
      ))}
    </View>
  );
}

/** A failed load, with a retry button. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state--error">
      <Text className="state__text">{message}</Text>
      {onRetry && (
        <Button className="state__button" size="mini" onClick={onRetry}>
          {TEXT.retry}
        </Button>
      )}
    </View>
  );
}

export function EmptyState({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <View className="state state--empty">
      <Text className="state__text">{message}</Text>
      {children}
    </View>
  );
}
