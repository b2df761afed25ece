import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { CATEGORY_NAMES } from '../../shared';
import { QueueCard } from '../../components/QueueCard';
import { ListFooter, LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { requireLogin } from '../../../services/session';
import type { QueueItem } from '../../../services/types';
import { usePagedList } from '../../../logic/usePagedList';
import {
  EMPTY_FILTERS,
  KIND_FILTERS,
  STATUS_FILTERS,
  filtersError,
  filtersSummary,
  searchPath,
  type SearchFilters,
} from '../../../logic/ticketSearch';
import './index.css';

const TEXT = {
  placeholder: '单号、手机尾号、房号/地址或关键词',
  search: '搜索',
  registered: '只看我登记的',
  category: '投诉分类',
  allCategories: '全部分类',
  from: '开始日期',
  to: '结束日期',
  clearDates: '清除日期',
  reset: '清空条件',
  empty: '没有符合条件的工单，换个条件试试',
} as const;

const CATEGORY_RANGE: string[] = [TEXT.allCategories, ...CATEGORY_NAMES];

/**
 * 查找工单 (staff sub-package): the project's tickets by number, phone tail, address or words, filtered by status,
 * kind, category and the days received; `?registered=1` opens it on 我登记的.
 */
export default function SearchPage() {
  const { params } = useRouter();
  const [draft, setDraft] = useState<SearchFilters>(() => ({
    ...EMPTY_FILTERS,
    registered: params.registered === '1',
  }));
  // What the list shows: the filters as of the last 搜索 (chips and dates apply at once, the words on 搜索).
  const [applied, setApplied] = useState<SearchFilters>(draft);
  const [formError, setFormError] = useState<string | null>(null);
  const paged = usePagedList<QueueItem>(searchPath(applied));
  const { list, error, reset, loadMore } = paged;
  const [shown, setShown] = useState(false);

  useDidShow(() => {
    if (!requireLogin()) return;
    if (shown) paged.refresh();
    else setShown(true);
  });
  useEffect(() => {
    if (shown) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [applied, shown]);
  usePullDownRefresh(() => {
    paged.refresh();
  });
  useReachBottom(() => {
    loadMore();
  });

  const apply = (next: SearchFilters) => {
    setDraft(next);
    const problem = filtersError(next);
    setFormError(problem);
    if (!problem) setApplied(next);
  };
  const set = (patch: Partial<SearchFilters>) => apply({ ...draft, ...patch });
  const categoryIndex = Math.max(0, CATEGORY_RANGE.indexOf(draft.category || TEXT.allCategories));

  return (
    <View className="search-page">
      <View className="section search-page__filters">
        <View className="search-page__bar">
          <Input
            className="input search-page__input"
            value={draft.q}
            placeholder={TEXT.placeholder}
            confirmType="search"
            maxlength={50}
            onInput={(e) => setDraft({ ...draft, q: e.detail.value })}
            onConfirm={() => apply(draft)}
          />
          <Button className="primary-button search-page__go" size="mini" onClick={() => apply(draft)}>
            {TEXT.search}
          </Button>
        </View>
        <ChipPicker
          testId="search-registered"
          multiple
          options={[{ value: 'registered', label: TEXT.registered }]}
          value={draft.registered ? ['registered'] : []}
          onChange={(v) => set({ registered: v.includes('registered') })}
        />
        <ChipPicker
          testId="search-status"
          options={STATUS_FILTERS}
          value={draft.status}
          onChange={(status) => set({ status })}
        />
        <ChipPicker
          testId="search-kind"
          options={KIND_FILTERS}
          value={draft.kind}
          onChange={(kind) => set({ kind })}
        />
        <View className="search-page__row">
          <Text className="search-page__label">{TEXT.category}</Text>
          <Picker
            mode="selector"
            range={CATEGORY_RANGE}
            value={categoryIndex}
            onChange={(e) => {
              const i = Number(e.detail.value);
              set({ category: i > 0 ? CATEGORY_RANGE[i] : '' });
            }}
          >
            <View className="input search-page__picker" data-testid="search-category">
              {draft.category || TEXT.allCategories} ▾
            </View>
          </Picker>
        </View>
        <View className="search-page__row">
          <Picker mode="date" value={draft.from} onChange={(e) => set({ from: String(e.detail.value) })}>
            <View className="input search-page__picker" data-testid="search-from">
              {draft.from || TEXT.from} ▾
            </View>
          </Picker>
          <Text className="search-page__to">至</Text>
          <Picker mode="date" value={draft.to} onChange={(e) => set({ to: String(e.detail.value) })}>
            <View className="input search-page__picker" data-testid="search-to">
              {draft.to || TEXT.to} ▾
            </View>
          </Picker>
        </View>
        {formError && <Text className="error-text">{formError}</Text>}
        <View className="search-page__links">
          {(draft.from || draft.to) && (
            <Text className="link" onClick={() => set({ from: '', to: '' })}>
              {TEXT.clearDates}
            </Text>
          )}
          <Text className="link" onClick={() => apply({ ...EMPTY_FILTERS })}>
            {TEXT.reset}
          </Text>
        </View>
      </View>

      {list.page > 0 && (
        <Text className="hint search-page__total" data-testid="search-total">
          {filtersSummary(applied, list.total)}
        </Text>
      )}
      {(list.page === 0 || list.items.length === 0) && (
        <LoadState error={error} onRetry={reset} empty={list.page > 0 ? TEXT.empty : undefined} />
      )}
      {list.items.map((t) => (
        <QueueCard
          key={t.id}
          item={t}
          onClick={() => Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(t.id)}` })}
        />
      ))}
      {list.items.length > 0 && <ListFooter {...paged} />}
    </View>
  );
}
