import { emptyList, hasMore, mergePage } from './paging';

const t = (id: string) => ({ id });

describe('paged ticket list', () => {
  it('replaces on refresh and appends on load-more without repeats', () => {
    let list = mergePage(emptyList<{ id: string }>(), 1, { items: [t('a'), t('b')], total: 4 });
    expect(hasMore(list)).toBe(true);
    // A new ticket arrived meanwhile, shifting 'b' onto page 2.
    list = mergePage(list, 2, { items: [t('b'), t('c'), t('d')], total: 5 });
    expect(list.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    list = mergePage(list, 1, { items: [t('e')], total: 1 });
    expect(list.items.map((i) => i.id)).toEqual(['e']);
    expect(hasMore(list)).toBe(false);
  });

  it('has more before the first load', () => expect(hasMore(emptyList())).toBe(true));
});
