/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 考核指标明细 page (manager sub-package) with miniprogram-simulate: group HQ
 * looks at the company's key figures; a failed load says why and retries.
 */
const { createWx, fire, loadPage, waitFor } = require('./support/weapp');

const HQ = {
  id: 'u-hq',
  name: '总部品质部',
  kind: 'staff',
  role: 'hq',
  roleLabel: '集团总部',
  projectId: null,
  projectName: null,
  households: [],
};

const kpis = (over = {}) => ({
  tickets: 0,
  cancelled: 0,
  meanFirstResponseMinutes: null,
  onTimeReplyRate: null,
  onTimeHandleRate: null,
  resolutionRate: null,
  reopenRate: null,
  visitRate: null,
  satisfactionRate: null,
  meanScore: null,
  complaintRate: null,
  complaints: null,
  households: null,
  ...over,
});

const REPORT = {
  scope: { projectId: null, label: '全公司（2 个项目）', company: true },
  month: '2026-10',
  monthLabel: '2026年10月',
  asOf: '2026-11-01T02:00:00.000Z',
  kpis: kpis({
    tickets: 13,
    cancelled: 1,
    meanFirstResponseMinutes: 42,
    onTimeReplyRate: 11 / 12,
    resolutionRate: 4 / 12,
    reopenRate: 0.25,
    visitRate: 1,
    satisfactionRate: 0.75,
    meanScore: 3.75,
    complaintRate: 8 / 72,
    complaints: 8,
    households: 72,
  }),
  byKind: [{ kind: 'repair', label: '报修', kpis: kpis({ tickets: 1 }) }],
  byCategory: [{ category: '设备管理类', kpis: kpis({ tickets: 4, cancelled: 1 }) }],
  byDepartment: [{ departmentId: 'd-eng', name: '工程部', kpis: kpis({ tickets: 3 }) }],
  byStaff: [{ userId: 'u-eng', name: '张师傅', kpis: kpis({ tickets: 3, visitRate: 1 }) }],
  byProject: [
    { projectId: 'p-1', name: '阳光花园', kpis: kpis({ tickets: 11, resolutionRate: 0.4 }) },
    { projectId: 'p-2', name: '翠湖苑', kpis: kpis({ tickets: 2, resolutionRate: 0 }) },
  ],
  trend: Array.from({ length: 12 }, (_, i) => ({
    month: `${i < 2 ? 2025 : 2026}-${String(((i + 10) % 12) + 1).padStart(2, '0')}`,
    kpis: kpis({ tickets: i, resolutionRate: i / 12, onTimeReplyRate: 1 }),
  })),
};

/** Answers for GET /api/reports/kpis, in order: a 503 first, then the report. */
const kpiAnswers = [];
const answer = (opts) => {
  const url = String(opts.url);
  if (url.includes('/api/reports/projects'))
    return {
      statusCode: 200,
      data: {
        company: true,
        label: '阳光物业集团',
        projects: [
          { id: 'p-1', name: '阳光花园' },
          { id: 'p-2', name: '翠湖苑' },
        ],
      },
    };
  if (url.includes('/api/reports/kpis')) return kpiAnswers.shift();
  return undefined;
};

describe('weapp build: 考核指标明细 (manager)', () => {
  let wx;
  let page;
  const text = () => page.dom.textContent;

  beforeAll(() => {
    wx = createWx({ me: HQ, answer });
    kpiAnswers.push({
      statusCode: 503,
      header: { 'Retry-After': '5' },
      data: { statusCode: 503, message: '服务暂时不可用，请稍后再试' },
    });
    kpiAnswers.push({ statusCode: 200, data: REPORT });
    const { render } = loadPage(wx, 'manager/pages/kpis/index');
    page = render();
  });

  it('says in Chinese why the figures did not load, and loads them on 重试', async () => {
    await waitFor(() => text().includes('服务暂时不可用'), { what: 'the error message' });
    const retry = await waitFor(
      () => Array.from(page.dom.querySelectorAll('wx-button')).find((b) => b.textContent.includes('重试')),
      { what: 'the retry button' },
    );
    fire(page, retry, 'tap');
    await waitFor(() => text().includes('2026年10月'), { what: 'the report after retrying' });
    const asked = wx.calls.request.filter((r) => String(r.url).includes('/api/reports/kpis'));
    expect(asked).toHaveLength(2);
    expect(asked[1].header.Authorization).toBe('Bearer test-token');
    expect(String(asked[1].url)).toMatch(/month=\d{4}-\d{2}/);
  });

  it('shows the company total with rates, minutes and the mean score formatted', () => {
    expect(text()).toContain('考核指标明细');
    expect(text()).toContain('全公司（2 个项目）');
    for (const head of ['受理量', '首次响应', '及时回复', '满意率', '平均分']) expect(text()).toContain(head);
    const total = Array.from(page.dom.querySelectorAll('wx-view')).find((v) =>
      v.textContent.trim().startsWith('合计'),
    );
    expect(total).toBeTruthy();
    expect(total.textContent).toContain('91.7%'); // on-time replies 11/12
    expect(total.textContent).toContain('75%'); // satisfaction
    expect(total.textContent).toContain('3.75'); // mean score
    expect(total.textContent).toContain('33.3%'); // resolution 4/12
  });

  it('breaks the figures down by project, department, staff, kind and category, with the trend charts', () => {
    for (const s of [
      '按项目',
      '阳光花园',
      '翠湖苑',
      '按部门',
      '工程部',
      '张师傅',
      '按类型',
      '报修',
      '设备管理类',
    ])
      expect(text()).toContain(s);
    expect(text()).toContain('近12个月投诉解决率');
    expect(text()).toContain('近12个月及时回复率');
  });

  it('lets HQ pick the whole company or one project', () => {
    expect(wx.calls.request.some((r) => String(r.url).includes('/api/reports/projects'))).toBe(true);
    expect(text()).toContain('阳光物业集团');
  });
});
