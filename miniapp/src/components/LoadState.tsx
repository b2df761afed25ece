import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { failureReason, footerText, LOAD_TEXT, retryLine } from '../logic/loadState';
import './LoadState.css';

export interface LoadStateProps {
  /** Why the load failed (errorMessage of the caught error): shown with a retry when `onRetry` is given. */
  error?: string | null;
  onRetry?: () => void;
  /** Loaded, and nothing to show: the page's own friendly sentence. */
  empty?: string;
  /** Grey placeholder cards while loading (default 3); 0 shows only 加载中…. */
  rows?: number;
  /** Inside a section: one line of text rather than placeholder cards or the centred block. */
  inline?: boolean;
  /** Inline: the words while loading, e.g. 正在加载房屋… (default 加载中…). */
  loadingText?: string;
  /** Inline: the part that failed to load, e.g. 房屋列表 → 房屋列表加载失败，点此重试. */
  what?: string;
  /** Under the empty sentence, e.g. a button to the filing page. */
  children?: ReactNode;
}

/**
 * What a page (or a part of it) shows instead of its data: a failure with a retry when `error` is set, else the
 * empty sentence when `empty` is given, else that it is loading. Pages render it while they have nothing else to
 * show, e.g. `if (!data) return <LoadState error={error} onRetry={load} />`, and
 * `{items.length === 0 && <LoadState empty="暂无待办，辛苦了" />}`.
 */
export function LoadState({
  error,
  onRetry,
  empty,
  rows = 3,
  inline,
  loadingText,
  what,
  children,
}: LoadStateProps) {
  // Keyed states: on weapp, Taro cannot take the tap handler off a <Text> that stays in place (it looks for a
  // template the build does not have), so a tappable line and a plain one are never the same element.
  if (inline) {
    if (error)
      return (
        <Text key="failed" className="error-text state__inline" onClick={onRetry}>
          {retryLine(error, { what, retry: !!onRetry })}
        </Text>
      );
    return (
      <Text key="quiet" className="hint state__inline">
        {empty ?? loadingText ?? LOAD_TEXT.loading}
      </Text>
    );
  }
  if (error)
    return (
      <View className="state state--error">
        <Text className="state__text">{failureReason(error)}</Text>
        {onRetry && (
          <Button className="state__button" size="mini" onClick={onRetry}>
            {LOAD_TEXT.retryButton}
          </Button>
        )}
      </View>
    );
  if (empty !== undefined)
    return (
      <View className="state state--empty">
        <Text className="state__text">{empty}</Text>
        {children}
      </View>
    );
  return (
    <View className="skeleton" data-testid="skeleton">
      <Text className="skeleton__text">{LOAD_TEXT.loading}</Text>
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

/**
 * The foot of a paged list, given what usePagedList returns: the failure with a retry, else 加载中… / 加载更多 (tap
 * to load the next page; reaching the bottom does too) / 没有更多了.
 */
export function ListFooter(props: {
  loading: boolean;
  more: boolean;
  error: string | null;
  loadMore: () => void;
  retry: () => void;
}) {
  const { loading, more, error, loadMore, retry } = props;
  if (error) return <LoadState key="failed" error={error} onRetry={retry} />;
  return (
    <View key="more" className="list-footer" onClick={() => more && !loading && loadMore()}>
      <Text className="hint">{footerText(loading, more)}</Text>
    </View>
  );
}
