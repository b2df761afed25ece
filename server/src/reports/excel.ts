import { Workbook, Worksheet } from 'exceljs';
import {
  ClassificationRow,
  formatShanghai,
  KPI_LABELS,
  KPI_TARGETS,
  KpiName,
  Kpis,
  meetsTarget,
  REPORT_FIELD_LABELS,
  TICKET_KIND_LABELS,
  TICKET_KINDS,
} from '@wuye/shared';
import type { AnalysisReport } from './analysis.service';
import type { ClassificationReport, DeveloperReport } from './classification.service';
import type { KpiReport } from './kpi.service';
import type { NoticeReport } from './notice.service';
import type { SpecialCasesService } from './special-cases.service';

/**
 * Every report as an .xlsx workbook (exceljs): a title row, when the figures were taken, then plain tables
 * — numbers stay numbers (rates with a % format), so HQ can sum and chart them in Excel or WPS.
 */

type Cell = string | number | Date | null | undefined;
type Fmt = 'int' | 'rate' | 'minutes' | 'score' | 'date' | 'text';

interface Column {
  header: string;
  width?: number;
  fmt?: Fmt;
}

const FMT: Record<Fmt, string | undefined> = {
  int: '0',
  rate: '0.0%',
  minutes: '0',
  score: '0.00',
  date: 'yyyy-mm-dd hh:mm',
  text: undefined,
};

const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8F3EE' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFC5CC' } };

function newBook(): Workbook {
  const wb = new Workbook();
  wb.creator = '物业通';
  return wb;
}

/** Shanghai wall-clock time as a Date whose UTC fields read as Shanghai time (Excel has no zones). */
function excelTime(d: Date | string | null | undefined): Date | null {
  if (!d) return null;
  return new Date(new Date(d).getTime() + 8 * 3600_000);
}

/** A sheet with a title, an optional subtitle, and a table. Null values show as "—". */
function table(
  wb: Workbook,
  name: string,
  title: string,
  subtitle: string | null,
  columns: Column[],
  rows: Cell[][],
  opts: { totalRow?: boolean; notes?: string[] } = {},
): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: subtitle ? 3 : 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  const last = String.fromCharCode(64 + Math.max(1, columns.length));
  ws.addRow([title]);
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  if (subtitle) {
    ws.addRow([subtitle]);
    ws.mergeCells(`A2:${last}2`);
    ws.getCell('A2').font = { color: { argb: 'FF666666' } };
  }
  const header = ws.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  rows.forEach((r, i) => {
    const row = ws.addRow(r.map((v) => (v === null || v === undefined ? '—' : v)));
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const f = FMT[c.fmt ?? 'text'];
      if (f && typeof cell.value !== 'string') cell.numFmt = f;
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      if (c.fmt === 'text' || !c.fmt) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    if (opts.totalRow && i === rows.length - 1) row.font = { bold: true };
  });
  for (const n of opts.notes ?? []) {
    const row = ws.addRow([n]);
    ws.mergeCells(`A${row.number}:${last}${row.number}`);
    row.getCell(1).font = { size: 9, color: { argb: 'FF666666' } };
    row.getCell(1).alignment = { wrapText: true };
  }
  return ws;
}

const asOfLine = (asOf: Date | string | null) => (asOf ? `统计截至 ${formatShanghai(new Date(asOf))}` : null);

const CLASSIFICATION_COLUMNS: Column[] = [
  { header: '投诉类别', width: 16 },
  { header: '投诉件数', fmt: 'int' },
  { header: '受理次数', fmt: 'int' },
  { header: '涉及人数', fmt: 'int' },
  { header: '其中同一事件（件）', fmt: 'int', width: 12 },
  { header: '网上投诉（件）', fmt: 'int', width: 12 },
  { header: '跟帖热度（帖）', fmt: 'int', width: 12 },
  { header: '已办结（件）', fmt: 'int', width: 12 },
  { header: '办结率', fmt: 'rate' },
  { header: '占比', fmt: 'rate' },
  { header: '重大投诉', fmt: 'int' },
  { header: '热点投诉', fmt: 'int' },
];

const classificationCells = (r: ClassificationRow, name = r.category): Cell[] => [
  name,
  r.items,
  r.times,
  r.people,
  r.eventItems,
  r.onlineItems,
  r.onlineHeat,
  r.closedItems,
  r.closeRate,
  r.share,
  r.majorItems,
  r.hotItems,
];

export const COUNTING_NOTES = [
  '统计说明：按投诉产生的最终原因分类；同一客户的不同投诉分别统计；多人多次对同一事件的投诉按一件统计，并注明人数、次数；',
  '网上同一事件的投诉或跟帖按一件统计并注明跟帖热度，跟帖中的新内容另行统计；业主撤销的投诉不计入。',
];

export async function classificationWorkbook(r: ClassificationReport): Promise<Buffer> {
  const wb = newBook();
  table(
    wb,
    '分类统计表',
    `${r.scope.label} ${r.monthLabel} 顾客投诉分类统计表`,
    asOfLine(r.asOf),
    CLASSIFICATION_COLUMNS,
    [...r.table.rows.map((x) => classificationCells(x)), classificationCells(r.table.total, '合计')],
    { totalRow: true, notes: COUNTING_NOTES },
  );
  if (r.byProject.length)
    table(
      wb,
      '各项目',
      `${r.monthLabel} 各项目投诉件数`,
      null,
      [
        { header: '项目', width: 20 },
        { header: '投诉件数', fmt: 'int' },
        { header: '受理次数', fmt: 'int' },
        { header: '涉及人数', fmt: 'int' },
      ],
      r.byProject.map((p) => [p.name, p.items, p.times, p.people]),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const KPI_ORDER: KpiName[] = [
  'tickets',
  'meanFirstResponseMinutes',
  'onTimeReplyRate',
  'onTimeHandleRate',
  'resolutionRate',
  'reopenRate',
  'visitRate',
  'satisfactionRate',
  'meanScore',
  'complaintRate',
];
const fmtOf = (n: KpiName): Fmt => {
  const u = KPI_LABELS[n].unit;
  return u === 'count' ? 'int' : u === 'minutes' ? 'minutes' : u === 'score' ? 'score' : 'rate';
};
const KPI_COLUMNS: Column[] = KPI_ORDER.map((n) => ({
  header: KPI_LABELS[n].label + (KPI_LABELS[n].unit === 'minutes' ? '（分钟）' : ''),
  fmt: fmtOf(n),
  width: 12,
}));
const kpiCells = (k: Kpis): Cell[] => KPI_ORDER.map((n) => k[n]);

export async function kpiWorkbook(r: KpiReport): Promise<Buffer> {
  const wb = newBook();
  const target = (n: KpiName) =>
    n === 'visitRate'
      ? `≥ ${KPI_TARGETS.visitRate.atLeast * 100}%`
      : n === 'complaintRate'
        ? `< ${KPI_TARGETS.complaintRate.below * 100}%`
        : '';
  const ws = table(
    wb,
    '本月指标',
    `${r.scope.label} ${r.monthLabel} 服务考核指标`,
    asOfLine(r.asOf),
    [
      { header: '指标', width: 16 },
      { header: '数值', width: 14 },
      { header: '目标', width: 10 },
      { header: '是否达标', width: 10 },
      { header: '口径说明', width: 48 },
    ],
    KPI_ORDER.map((n) => {
      const ok = meetsTarget(n, r.kpis[n]);
      return [
        KPI_LABELS[n].label,
        r.kpis[n],
        target(n),
        ok === null ? '' : ok ? '达标' : '未达标',
        KPI_LABELS[n].hint,
      ];
    }),
    {
      notes: [
        `总户数 ${r.kpis.households ?? 0} 户，本月投诉 ${r.kpis.complaints ?? 0} 件。`,
        '回访率、满意率按工单的回访结果统计（回访满意办结、回访不满意重新处理）；平均分为业主评价的平均分（1–5 分）。',
      ],
    },
  );
  KPI_ORDER.forEach((n, i) => {
    const cell = ws.getRow((r.asOf ? 4 : 3) + i).getCell(2);
    if (typeof cell.value === 'number') cell.numFmt = FMT[fmtOf(n)]!;
  });
  const dim = (sheet: string, first: string, rows: { name: string; kpis: Kpis }[]) =>
    table(
      wb,
      sheet,
      `${r.scope.label} ${r.monthLabel} ${sheet}`,
      null,
      [{ header: first, width: 18 }, ...KPI_COLUMNS],
      rows.map((x) => [x.name, ...kpiCells(x.kpis)]),
    );
  dim(
    '按类型',
    '类型',
    r.byKind.map((k) => ({ name: k.label, kpis: k.kpis })),
  );
  dim(
    '按投诉类别',
    '投诉类别',
    r.byCategory.map((k) => ({ name: k.category, kpis: k.kpis })),
  );
  dim('按部门', '部门', r.byDepartment);
  dim('按员工', '员工', r.byStaff);
  if (r.byProject.length) dim('按项目', '项目', r.byProject);
  table(
    wb,
    '近12个月趋势',
    `${r.scope.label} 近12个月服务考核指标`,
    null,
    [{ header: '月份', width: 10 }, ...KPI_COLUMNS],
    r.trend.map((t) => [t.month, ...kpiCells(t.kpis)]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function analysisWorkbook(r: AnalysisReport): Promise<Buffer> {
  const wb = newBook();
  const t = r.totals;
  table(
    wb,
    '总体分析',
    `${r.scope.label} ${r.monthLabel} 投诉分析报告`,
    [
      `统计期间：${r.period}（${r.statisticalMonthLabel}）`,
      r.asOf ? `数据提取时间：${formatShanghai(new Date(r.asOf))}` : '数据提取时间：暂无数据',
      `报集团公司期限：${formatShanghai(new Date(r.dueAt))} 前`,
    ].join('　'),
    [
      { header: '项目', width: 24 },
      { header: '数值', width: 14 },
    ],
    [
      ['本月投诉件数', t.complaints],
      ['上月投诉件数', t.previous],
      ['较上月变化', t.changeFromPrevious],
      ['去年同月投诉件数', t.yearAgo],
      ['较去年同月变化', t.changeFromYearAgo],
      ['涉及人数', t.people],
      ['受理次数', t.times],
      ['已办结（件）', t.closedItems],
      ['投诉率', t.kpis.complaintRate],
      ['及时回复率', t.kpis.onTimeReplyRate],
      ['及时处理率', t.kpis.onTimeHandleRate],
      ['投诉解决率', t.kpis.resolutionRate],
      ['回访率', t.kpis.visitRate],
      ['满意率', t.kpis.satisfactionRate],
      [
        '提交状态',
        r.submission
          ? `已由${r.submission.submittedByName}于${formatShanghai(new Date(r.submission.submittedAt))}提交`
          : '未提交',
      ],
    ],
  ).eachRow((row) => {
    const label = String(row.getCell(1).value ?? '');
    if (/变化|率/.test(label) && typeof row.getCell(2).value === 'number') row.getCell(2).numFmt = FMT.rate!;
  });
  table(
    wb,
    '月度趋势',
    `${r.scope.label} 近12个月投诉及工单量`,
    null,
    [
      { header: '月份', width: 10 },
      { header: '投诉件数', fmt: 'int' },
      ...TICKET_KINDS.map((k) => ({ header: `${TICKET_KIND_LABELS[k]}工单`, fmt: 'int' as Fmt })),
    ],
    r.trend.map((m) => [m.month, m.complaints, ...TICKET_KINDS.map((k) => m.tickets[k])]),
  );
  table(
    wb,
    '分类分析',
    `${r.monthLabel} 各类投诉对比`,
    null,
    [
      { header: '投诉类别', width: 16 },
      { header: '本月件数', fmt: 'int' },
      { header: '上月件数', fmt: 'int' },
      { header: '环比', fmt: 'rate' },
      { header: '占比', fmt: 'rate' },
      { header: '涉及人数', fmt: 'int' },
      { header: '已办结', fmt: 'int' },
    ],
    r.categories.map((c) => [c.category, c.items, c.previous, c.change, c.share, c.people, c.closedItems]),
  );
  table(
    wb,
    '原因分析',
    `${r.monthLabel} 投诉原因分析（人、机、料、法、环）`,
    null,
    [
      { header: '因素', width: 14 },
      { header: '细项', width: 16 },
      { header: '投诉件数', fmt: 'int' },
    ],
    r.causes.flatMap((f) => [
      [`${f.label}（${f.name}）`, '小计', f.items] as Cell[],
      ...f.subs.map((s): Cell[] => ['', s.label, s.items]),
    ]),
  );
  table(
    wb,
    '纠正措施',
    `${r.monthLabel} 纠正及预防措施`,
    null,
    [
      { header: '项目', width: 14 },
      { header: '投诉类别', width: 14 },
      { header: '存在问题', width: 36 },
      { header: '纠正/预防措施', width: 40 },
      { header: '责任人', width: 10 },
      { header: '完成期限', width: 12 },
      { header: '状态', width: 10 },
      { header: '实施结果', width: 30 },
    ],
    r.correctiveActions.map((a) => [
      a.projectName,
      a.category,
      a.problem,
      a.action,
      a.owner,
      a.dueDate,
      ({ planned: '计划', in_progress: '实施中', done: '已完成' } as Record<string, string>)[a.status] ??
        a.status,
      a.result,
    ]),
  );
  table(
    wb,
    '代表性案例',
    `${r.monthLabel} 代表性投诉个案分析`,
    null,
    [
      { header: '工单编号', width: 18 },
      { header: '投诉类别', width: 14 },
      { header: '投诉内容', width: 36 },
      { header: '要点及突出问题', width: 30 },
      { header: '产生原因', width: 30 },
      { header: '处理过程和结果', width: 30 },
      { header: '经验教训及纠正措施', width: 30 },
      { header: '状态', width: 10 },
    ],
    r.cases.map((c) => [
      c.number,
      c.category,
      c.summary,
      c.keyPoints,
      c.cause,
      c.handling,
      c.lessons,
      c.statusLabel,
    ]),
  );
  table(
    wb,
    '重大热点投诉',
    `${r.monthLabel} 重大投诉、热点投诉`,
    null,
    [
      { header: '类型', width: 10 },
      { header: '项目', width: 14 },
      { header: '事项', width: 40 },
      { header: '认定时间', fmt: 'date', width: 18 },
      { header: '上报期限', fmt: 'date', width: 18 },
      { header: '上报时间', fmt: 'date', width: 18 },
      { header: '专题报告', fmt: 'date', width: 18 },
    ],
    r.specialCases.map((s) => [
      s.kind === 'major' ? '重大投诉' : '热点投诉',
      s.projectName,
      s.title,
      excelTime(s.flaggedAt),
      excelTime(s.reportDueAt),
      excelTime(s.reportedAt),
      excelTime(s.followUpAt),
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function developerWorkbook(r: DeveloperReport): Promise<Buffer> {
  const wb = newBook();
  table(
    wb,
    '季度汇总',
    `${r.scope.label} ${r.quarterLabel} 开发商相关类投诉汇总`,
    asOfLine(r.asOf),
    CLASSIFICATION_COLUMNS.map((c, i) => (i === 0 ? { header: '月份', width: 14 } : c)),
    [...r.months.map((m) => classificationCells(m, m.monthLabel)), classificationCells(r.total, '季度合计')],
    {
      totalRow: true,
      notes: ['施工方遗留问题（工程设计缺陷、工程质量等）每季度统计、整理一次，报集团公司。'],
    },
  );
  table(
    wb,
    '原因分析',
    `${r.quarterLabel} 开发商相关类投诉原因`,
    null,
    [
      { header: '因素', width: 14 },
      { header: '细项', width: 16 },
      { header: '投诉件数', fmt: 'int' },
    ],
    r.causes.flatMap((f) => [
      [`${f.label}（${f.name}）`, '小计', f.items] as Cell[],
      ...f.subs.map((s): Cell[] => ['', s.label, s.items]),
    ]),
  );
  if (r.byProject.length)
    table(
      wb,
      '各项目',
      `${r.quarterLabel} 各项目开发商相关类投诉`,
      null,
      [
        { header: '项目', width: 20 },
        { header: '投诉件数', fmt: 'int' },
      ],
      r.byProject.map((p) => [p.name, p.items]),
    );
  else
    table(
      wb,
      '投诉明细',
      `${r.quarterLabel} 开发商相关类投诉明细（共 ${r.itemCount} 条）`,
      null,
      [
        { header: '工单编号', width: 18 },
        { header: '受理时间', fmt: 'date', width: 18 },
        { header: '位置', width: 16 },
        { header: '投诉内容', width: 48 },
        { header: '原因', width: 16 },
        { header: '状态', width: 12 },
      ],
      r.items.map((i) => [i.number, excelTime(i.createdAt), i.place, i.summary, i.cause, i.statusLabel]),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function noticeWorkbook(r: NoticeReport): Promise<Buffer> {
  const wb = newBook();
  table(
    wb,
    '公示',
    r.title,
    r.intro,
    [
      { header: '序号', width: 6, fmt: 'int' },
      { header: '类型', width: 10 },
      { header: '投诉类别', width: 14 },
      { header: '位置', width: 14 },
      { header: '反映事项', width: 40 },
      { header: '反映人数', width: 10, fmt: 'int' },
      { header: '反映次数', width: 10, fmt: 'int' },
      { header: '处理情况', width: 40 },
      { header: '状态', width: 10 },
    ],
    r.items.map((i, n) => [
      n + 1,
      i.reasonLabel,
      i.category,
      i.place,
      i.summary,
      i.people,
      i.times,
      i.handling,
      i.statusLabel,
    ]),
    { notes: [r.items.length ? r.closing : '本月无此类投诉。'] },
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type SpecialList = Awaited<ReturnType<SpecialCasesService['list']>>;

export async function specialWorkbook(r: SpecialList): Promise<Buffer> {
  const wb = newBook();
  const fields = (o: Record<string, string> | null) =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${REPORT_FIELD_LABELS[k as keyof typeof REPORT_FIELD_LABELS] ?? k}：${v}`)
          .join('\n')
      : null;
  table(
    wb,
    '重大热点投诉台账',
    `${r.scope.label} 重大投诉、热点投诉台账`,
    null,
    [
      { header: '类型', width: 10 },
      { header: '项目', width: 14 },
      { header: '事项', width: 36 },
      { header: '索赔金额（元）', width: 12, fmt: 'int' },
      { header: '认定时间', fmt: 'date', width: 18 },
      { header: '上报期限', fmt: 'date', width: 18 },
      { header: '上报时间', fmt: 'date', width: 18 },
      { header: '上报人', width: 10 },
      { header: '上报对象', width: 16 },
      { header: '上报内容', width: 40 },
      { header: '办结时间', fmt: 'date', width: 18 },
      { header: '专题报告期限', fmt: 'date', width: 18 },
      { header: '专题报告', width: 40 },
      { header: '状态', width: 16 },
    ],
    r.items.map((c) => [
      c.kindLabel,
      c.projectName,
      c.title,
      c.compensationYuan,
      excelTime(c.flaggedAt),
      excelTime(c.reportDueAt),
      excelTime(c.reportedAt),
      c.reportedByName,
      c.reportedTo,
      fields(c.report),
      excelTime(c.closedAt),
      excelTime(c.followUpDueAt),
      fields(c.followUp),
      c.stageLabel,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What the 重点客户 / 特殊需求台账 export needs (OrgService.ledger). */
export interface LedgerForExcel {
  items: {
    household: { label: string };
    keyCustomerReasons: { label: string }[];
    specialNeeds: string | null;
    emergencyContacts: { name: string; phone: string; relation?: string | null }[];
    residents: { name: string; relation: string; phone: string | null }[];
    moveInDate: string | null;
  }[];
}

const RELATIONS: Record<string, string> = { owner: '业主', tenant: '租户', family: '家属' };

/** 重点客户及特殊需求台账: one row per household, for the service centre's binder and the duty phone. */
export async function ledgerWorkbook(r: LedgerForExcel, projectName: string, asOf: Date): Promise<Buffer> {
  const wb = newBook();
  table(
    wb,
    '台账',
    `${projectName}重点客户及特殊需求台账`,
    `导出于 ${formatShanghai(asOf)}，共 ${r.items.length} 户`,
    [
      { header: '序号', width: 6, fmt: 'int' },
      { header: '房屋', width: 16 },
      { header: '重点客户类型', width: 30 },
      { header: '特殊服务需求', width: 36 },
      { header: '紧急联系人', width: 28 },
      { header: '住户', width: 28 },
      { header: '入住日期', width: 12 },
    ],
    r.items.map((i, n) => [
      n + 1,
      i.household.label,
      i.keyCustomerReasons.map((x) => x.label).join('；') || null,
      i.specialNeeds,
      i.emergencyContacts
        .map((c) => `${c.name}${c.relation ? `（${c.relation}）` : ''} ${c.phone}`)
        .join('\n') || null,
      i.residents
        .map((p) => `${p.name}（${RELATIONS[p.relation] ?? p.relation}）${p.phone ? ` ${p.phone}` : ''}`)
        .join('\n') || null,
      i.moveInDate,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
