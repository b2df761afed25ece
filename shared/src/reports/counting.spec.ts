import { CATEGORY_NAMES } from '../classification/categories';
import {
  classificationTable,
  ComplaintForCount,
  countComplaints,
  countedGroups,
  countedItems,
  DEVELOPER_CATEGORY,
  mergeTallies,
  tallyCauses,
  tallyItems,
  UNCLASSIFIED,
} from './counting';

let seq = 0;
const c = (over: Partial<ComplaintForCount>): ComplaintForCount => ({
  id: `t${++seq}`,
  category: '设备管理类',
  incidentId: null,
  channel: 'miniapp',
  status: 'received',
  complainantKey: 'resident-A',
  peopleCount: 1,
  major: false,
  hot: false,
  ...over,
});

/** [items, times, people, eventItems, onlineItems, onlineHeat, closedItems, majorItems, hotItems] */
type Line = [number, number, number, number, number, number, number, number, number];
const line = (r: {
  items: number;
  times: number;
  people: number;
  eventItems: number;
  onlineItems: number;
  onlineHeat: number;
  closedItems: number;
  majorItems: number;
  hotItems: number;
}): Line => [
  r.items,
  r.times,
  r.people,
  r.eventItems,
  r.onlineItems,
  r.onlineHeat,
  r.closedItems,
  r.majorItems,
  r.hotItems,
];

describe('顾客投诉分类统计表: the counting rules', () => {
  it('counts one complainant’s different issues separately', () => {
    const t = countComplaints([
      c({ category: '设备管理类' }),
      c({ category: '环境管理类' }),
      c({ category: '设备管理类' }),
    ]);
    expect(t.rows.find((r) => r.category === '设备管理类')).toMatchObject({ items: 2, times: 2, people: 2 });
    expect(t.rows.find((r) => r.category === '环境管理类')).toMatchObject({ items: 1, times: 1, people: 1 });
    expect(t.total).toMatchObject({ items: 3, times: 3 });
  });

  it('counts one event complained about by many people once, with its people and times', () => {
    const t = countComplaints([
      c({ incidentId: 'lift', complainantKey: 'B' }),
      c({ incidentId: 'lift', complainantKey: 'C' }),
      c({ incidentId: 'lift', complainantKey: 'B' }), // B complained twice: one person, two times
      c({ incidentId: 'lift', complainantKey: 'phone:139', peopleCount: 5 }), // collective complaint of 5
    ]);
    expect(t.total).toMatchObject({ items: 1, times: 4, people: 3 + 4, eventItems: 1 });
  });

  it('counts online posts on one event once with their heat, and a post with new content separately', () => {
    const t = countComplaints([
      c({ category: '综合服务类', incidentId: 'fee', channel: 'online', complainantKey: 'E' }),
      c({ category: '综合服务类', incidentId: 'fee', channel: 'online', complainantKey: 'F' }),
      c({ category: '综合服务类', incidentId: 'fee', channel: 'online', complainantKey: 'E' }),
      c({ category: '综合服务类', channel: 'online', complainantKey: 'E' }), // new content: its own ticket
    ]);
    expect(t.rows.find((r) => r.category === '综合服务类')).toMatchObject({
      items: 2,
      times: 4,
      onlineItems: 2,
      onlineHeat: 4,
      eventItems: 1,
    });
  });

  it('classifies by the final (corrected) category, even inside one event', () => {
    const t = countComplaints([
      c({ incidentId: 'i', complainantKey: 'A' }),
      c({ incidentId: 'i', complainantKey: 'B' }),
      c({ incidentId: 'i', complainantKey: 'C', category: '业户纠纷类' }),
    ]);
    expect(t.rows.find((r) => r.category === '设备管理类')).toMatchObject({ items: 1, times: 2 });
    expect(t.rows.find((r) => r.category === '业户纠纷类')).toMatchObject({ items: 1, times: 1 });
  });

  it('leaves out withdrawn complaints and counts anonymous ones each as one person', () => {
    const t = countComplaints([
      c({ status: 'cancelled' }),
      c({ complainantKey: null, incidentId: 'x' }),
      c({ complainantKey: null, incidentId: 'x' }),
    ]);
    expect(t.total).toMatchObject({ items: 1, times: 2, people: 2 });
  });

  it('an event is closed only when every complaint in it is', () => {
    const items = countedItems([
      c({ incidentId: 'a', status: 'closed' }),
      c({ incidentId: 'a', status: 'handled' }),
      c({ incidentId: 'b', status: 'closed' }),
    ]);
    expect(items.map((i) => [i.key, i.closed])).toEqual([
      ['incident:a', false],
      ['incident:b', true],
    ]);
  });

  it('produces the hand-checked table of a sample month', () => {
    const month = [
      c({ id: 'T1', complainantKey: 'A', status: 'closed', channel: 'phone' }),
      c({ id: 'T2', complainantKey: 'A', category: '环境管理类', status: 'in_progress' }),
      c({ id: 'T3', complainantKey: 'B', incidentId: 'I1', status: 'closed', hot: true }),
      c({ id: 'T4', complainantKey: 'C', incidentId: 'I1', status: 'closed', hot: true }),
      c({ id: 'T5', complainantKey: 'D', incidentId: 'I1', peopleCount: 4, status: 'handled', hot: true }),
      c({
        id: 'T6',
        complainantKey: 'E',
        category: '综合服务类',
        incidentId: 'I2',
        channel: 'online',
        status: 'closed',
      }),
      c({
        id: 'T7',
        complainantKey: 'F',
        category: '综合服务类',
        incidentId: 'I2',
        channel: 'online',
        status: 'closed',
      }),
      c({
        id: 'T8',
        complainantKey: 'E',
        category: '综合服务类',
        incidentId: 'I2',
        channel: 'online',
        status: 'closed',
      }),
      c({ id: 'T9', complainantKey: 'G', category: '综合服务类', channel: 'online', status: 'in_progress' }),
      c({ id: 'T10', complainantKey: 'H', category: '业户纠纷类', incidentId: 'I1', hot: true }),
      c({ id: 'T11', complainantKey: 'K', category: '安全管理类', status: 'cancelled' }),
      c({ id: 'T12', complainantKey: null, category: '安全管理类', major: true, status: 'closed' }),
      c({ id: 'T13', complainantKey: null, category: null }),
      c({ id: 'T14', complainantKey: 'A' }),
    ];
    const t = countComplaints(month);
    const byName = Object.fromEntries(t.rows.map((r) => [r.category, line(r)]));
    //                        items times people event online heat closed major hot
    expect(byName).toEqual({
      房屋管理类: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      设备管理类: [3, 5, 8, 1, 0, 0, 1, 0, 1],
      安全管理类: [1, 1, 1, 0, 0, 0, 1, 1, 0],
      环境管理类: [1, 1, 1, 0, 0, 0, 0, 0, 0],
      综合服务类: [2, 4, 3, 1, 2, 4, 1, 0, 0],
      业户纠纷类: [1, 1, 1, 1, 0, 0, 0, 0, 1],
      开发商相关类: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      其它类: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      [UNCLASSIFIED]: [1, 1, 1, 0, 0, 0, 0, 0, 0],
    });
    expect(line(t.total)).toEqual([9, 13, 15, 3, 2, 4, 3, 1, 2]);
    expect(t.rows.map((r) => r.category).slice(0, 8)).toEqual([
      '房屋管理类',
      '设备管理类',
      '安全管理类',
      '环境管理类',
      '综合服务类',
      '业户纠纷类',
      '开发商相关类',
      '其它类',
    ]);
    expect(t.rows.find((r) => r.category === '设备管理类')!.share).toBeCloseTo(3 / 9);
    expect(t.rows.find((r) => r.category === '设备管理类')!.closeRate).toBeCloseTo(1 / 3);
    expect(t.rows.find((r) => r.category === '房屋管理类')!.share).toBe(0);
    expect(t.rows.find((r) => r.category === '房屋管理类')!.closeRate).toBeNull();
    expect(t.total.share).toBe(1);
  });

  it('an empty month is a table of zeros without the 未分类 row', () => {
    const t = countComplaints([]);
    expect(t.rows).toHaveLength(8);
    expect(t.total).toMatchObject({ items: 0, share: null });
  });

  it('adds projects into the company table category by category', () => {
    const a = countComplaints([c({}), c({ category: '其它类' })]);
    const b = countComplaints([c({}), c({ incidentId: 'z' }), c({ incidentId: 'z', complainantKey: 'Q' })]);
    const company = classificationTable(mergeTallies([...a.rows, ...b.rows]));
    expect(company.rows.find((r) => r.category === '设备管理类')).toMatchObject({
      items: 3,
      times: 4,
      people: 4,
    });
    expect(company.total).toMatchObject({ items: 4, times: 5 });
  });

  it('gives each counted item one cause, so an event counts once in the cause analysis', () => {
    const items = countedItems([
      c({ incidentId: 'lift', causeFactor: 'machine', causeSub: 'quality' }),
      c({ incidentId: 'lift', complainantKey: 'B', causeFactor: 'machine', causeSub: 'maintenance' }),
      c({ incidentId: 'lift', complainantKey: 'C' }),
      c({ causeFactor: 'people', causeSub: null }),
      c({}),
      c({ causeFactor: 'people', causeSub: 'skills', status: 'cancelled' }),
    ]);
    expect(items.map((i) => i.cause)).toEqual([
      { factor: 'machine', sub: 'maintenance' }, // the smallest "factor:sub" pair of the event
      { factor: 'people', sub: '' },
      null,
    ]);
    expect(tallyCauses(items)).toEqual([
      { category: '设备管理类', factor: 'machine', sub: 'maintenance', items: 1 },
      { category: '设备管理类', factor: 'people', sub: '', items: 1 },
    ]);
  });

  it('groups any rows by the counting rules, in the order they first appear', () => {
    const rows = [
      { id: 'a', category: '其它类', incidentId: 'i', status: 'closed', extra: 1 },
      { id: 'b', category: null, incidentId: null, status: 'received', extra: 2 },
      { id: 'c', category: '其它类', incidentId: 'i', status: 'handled', extra: 3 },
      { id: 'd', category: '其它类', incidentId: 'i', status: 'cancelled', extra: 4 },
    ];
    expect(countedGroups(rows).map((g) => g.map((r) => r.extra))).toEqual([[1, 3], [2]]);
  });

  it('tallies items per category, the table’s sums', () => {
    const items = countedItems([c({}), c({ incidentId: 'e', major: true }), c({ category: null })]);
    expect(tallyItems(items)).toEqual([
      expect.objectContaining({ category: '设备管理类', items: 2, eventItems: 1, majorItems: 1 }),
      expect.objectContaining({ category: UNCLASSIFIED, items: 1 }),
    ]);
  });

  it('shows a category outside the eight rather than dropping it', () => {
    const t = classificationTable([{ ...tallyItems(countedItems([c({})]))[0], category: '旧类别' }]);
    expect(t.rows.map((r) => r.category)).toEqual([...CATEGORY_NAMES, '旧类别']);
    expect(t.total.items).toBe(1);
    expect(CATEGORY_NAMES).toContain(DEVELOPER_CATEGORY);
  });
});
