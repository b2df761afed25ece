import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform, TransformCallback, Writable } from 'node:stream';
import archiver from 'archiver';
import * as ExcelJS from 'exceljs';
import {
  CAUSE_FACTORS,
  CHANNEL_LABELS,
  Channel,
  TICKET_KIND_LABELS,
  TICKET_STATUS_LABELS,
  TicketKind,
  TicketStatus,
} from '@wuye/shared';
import { DataSource, In, ObjectLiteral } from 'typeorm';
import { Incident } from '../incidents/incident.entity';
import { Company, Department, Household, Project, User } from '../org/entities';
import { PayEvent, PayOrder, Quote, QuoteItem, Refund } from '../payments/entities';
import { dialectOf } from '../reports/sql';
import { Storage } from '../storage/storage';
import { Upload } from '../storage/upload.entity';
import { Ticket, TicketEvent, TicketPhoto } from '../tickets/entities';
import { Rating, RepeatComplaint, TicketVisitSettings, VisitAttempt, VisitTask } from '../visits/entities';

/** Tickets read per query: memory stays flat however large the project. */
const PAGE = 200;
const SHANGHAI_MS = 8 * 3600_000;

export interface ArchiveRange {
  /** First and last Beijing day of ticket registration (createdAt), inclusive; null = open. */
  from: string | null;
  to: string | null;
}

export interface ArchiveRequest extends ArchiveRange {
  project: Pick<Project, 'id' | 'companyId' | 'name' | 'address'>;
  /** Who asked for it (recorded in the manifest); null from the command line. */
  generatedBy: { id: string; name: string; role: string } | null;
}

export interface ArchiveSummary {
  tickets: number;
  files: { name: string; bytes: number; sha256: string }[];
  missingAttachments: { id: string; ticketNumber: string; storageKey: string }[];
}

/** UTC instant of 00:00 Beijing time on a YYYY-MM-DD day. */
export function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_MS);
}

export function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === day;
}

const beijing = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 16).replace('T', ' ') : '';

const parseJson = (s: string | null | undefined): unknown => {
  if (s === null || s === undefined) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** Counts bytes and sha256 of what passes through, for the manifest. */
class Digest extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

const README = `物业通 工单档案
================

本压缩包是一个项目全部工单（投诉、报修、建议、表扬、咨询）的完整记录，供永久保存（投诉记录按手册要求永久保存）。

文件说明
- tickets.jsonl   每行一张工单（JSON）：工单本身的全部字段，以及它的完整经过——处理记录（events，含内部记录）、
                  照片、回访计划与回访记录、业主评价、报价、支付与退款记录、重复投诉。时间均为 UTC（ISO 8601）。
- tickets.xlsx    工单索引（Excel），一行一张工单，时间为北京时间，便于查找。
- attachments/    照片、评价图片、上门回访签名等附件原件，按工单编号分目录；tickets.jsonl 中的 file 字段指向这里。
- manifest.json   导出范围、导出人、导出时间、各类记录数量，以及每个文件的字节数和 SHA-256 校验值
                  （可用 sha256sum 等工具核对文件是否完整、未被改动）。
`;

/**
 * Writes one project's complete ticket archive as a ZIP to `out`, streamed: tickets are read a page at a
 * time (keyset on createdAt, id), each ticket with its whole history becomes one line of tickets.jsonl, an
 * index row of tickets.xlsx (exceljs streaming writer, to a temporary file) and its attachments are copied
 * from Storage; manifest.json with every file's sha256 comes last.
 */
export class ArchiveWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly storage: Storage,
  ) {}

  async write(req: ArchiveRequest, out: Writable, now = new Date()): Promise<ArchiveSummary> {
    const tmp = mkdtempSync(join(tmpdir(), 'wuye-archive-'));
    const zip = archiver('zip', { zlib: { level: 6 } });
    const failed = new Promise<never>((_, reject) => {
      zip.on('error', reject);
      zip.on('warning', reject);
      out.on('error', reject);
      // A client that goes away mid-download never drains the stream again: stop instead of waiting.
      out.on('close', () => {
        if (!out.writableFinished) reject(new Error('archive download interrupted'));
      });
    });
    failed.catch(() => undefined);
    zip.pipe(out);
    const files: ArchiveSummary['files'] = [];
    const add = async (name: string, source: Readable | string, store = false) => {
      const digest = new Digest();
      const input = typeof source === 'string' ? Readable.from([Buffer.from(source, 'utf8')]) : source;
      input.on('error', (e) => digest.destroy(e));
      const entry = new Promise<void>((resolve) => {
        const onEntry = (e: { name: string }) => {
          if (e.name !== name) return;
          zip.off('entry', onEntry);
          resolve();
        };
        zip.on('entry', onEntry);
      });
      zip.append(input.pipe(digest), { name, date: now, store });
      await Promise.race([entry, failed]);
      files.push({ name, bytes: digest.bytes, sha256: digest.hash.digest('hex') });
    };

    try {
      const company = await this.ds.getRepository(Company).findOneByOrFail({ id: req.project.companyId });
      await add('README.txt', README);

      // tickets.jsonl, with tickets.xlsx and the list of attachments written beside it in the same pass.
      const xlsxFile = join(tmp, 'tickets.xlsx');
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: xlsxFile,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = book.addWorksheet('工单索引', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = INDEX_COLUMNS.map(([header, width]) => ({ header, width }));
      sheet.getRow(1).font = { bold: true };
      const listFile = join(tmp, 'attachments.jsonl');
      const list = createWriteStream(listFile);
      const counts: Record<string, number> = {};
      await add('tickets.jsonl', Readable.from(this.lines(req, now, sheet, list, counts)));
      sheet.commit();
      await book.commit();
      list.end();
      await once(list, 'close');
      await add('tickets.xlsx', createReadStream(xlsxFile));

      const missing: ArchiveSummary['missingAttachments'] = [];
      const lines = createInterface({ input: createReadStream(listFile), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        const a = JSON.parse(line) as { id: string; key: string; file: string; number: string };
        if (!(await this.storage.exists(a.key))) {
          missing.push({ id: a.id, ticketNumber: a.number, storageKey: a.key });
          continue;
        }
        // Photos are compressed already: stored, not deflated again.
        await add(a.file, await this.storage.read(a.key), true);
      }

      const manifest = {
        format: 'wuyetong-ticket-archive',
        version: 1,
        project: { id: req.project.id, name: req.project.name, address: req.project.address },
        company: { id: company.id, name: company.name },
        range: {
          from: req.from,
          to: req.to,
          field: 'tickets.createdAt, Beijing days, inclusive',
          until: now.toISOString(),
        },
        generatedAt: now.toISOString(),
        generatedBy: req.generatedBy ?? { cli: true },
        counts: { ...counts, attachmentsMissing: missing.length },
        files,
        missingAttachments: missing,
      };
      const summary = { tickets: counts.tickets ?? 0, files: [...files], missingAttachments: missing };
      await add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
      await Promise.race([zip.finalize(), failed]);
      return summary;
    } catch (e) {
      zip.abort();
      throw e;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** One JSON line per ticket, page by page; also its index row and its attachments' list entries. */
  private async *lines(
    req: ArchiveRequest,
    now: Date,
    sheet: ExcelJS.Worksheet,
    list: Writable,
    counts: Record<string, number>,
  ): AsyncGenerator<string> {
    const d = dialectOf(this.ds);
    // The cursor as the database's own text, microseconds included (a JS Date would cut them to ms).
    const cursorExpr =
      this.ds.options.type === 'better-sqlite3'
        ? 't.createdAt'
        : `DATE_FORMAT(t.createdAt, '%Y-%m-%d %H:%i:%s.%f')`;
    const bump = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);
    for (const k of COUNTED) counts[k] = 0;
    let cursor: { at: string; id: string } | null = null;
    for (;;) {
      const qb = this.ds
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .addSelect(cursorExpr, 'cursor_at')
        .where('t.projectId = :p', { p: req.project.id })
        .andWhere('t.createdAt <= :until', { until: d.time(now) });
      if (req.from) qb.andWhere('t.createdAt >= :from', { from: d.time(dayStart(req.from)) });
      if (req.to)
        qb.andWhere('t.createdAt < :to', { to: d.time(new Date(dayStart(req.to).getTime() + 86_400_000)) });
      if (cursor)
        qb.andWhere('(t.createdAt > :ca OR (t.createdAt = :ca AND t.id > :cid))', {
          ca: cursor.at,
          cid: cursor.id,
        });
      const { entities: tickets, raw } = await qb
        .orderBy('t.createdAt', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(PAGE)
        .getRawAndEntities();
      if (!tickets.length) return;
      const last = raw[raw.length - 1] as { cursor_at: string | Date; t_id: string };
      cursor = { at: String(last.cursor_at), id: last.t_id };

      const ctx = await this.history(tickets);
      for (const t of tickets) {
        const record = this.record(t, ctx);
        for (const a of record.attachments)
          if (
            !list.write(
              `${JSON.stringify({ id: a.id, key: a.storageKey, file: a.file, number: t.number })}\n`,
            )
          )
            await once(list, 'drain');
        const rating = record.visits.ratings.at(-1);
        sheet
          .addRow([
            t.number,
            TICKET_KIND_LABELS[t.kind as TicketKind] ?? t.kind,
            TICKET_STATUS_LABELS[t.status as TicketStatus] ?? t.status,
            CHANNEL_LABELS[t.channel as Channel] ?? t.channel,
            beijing(t.createdAt),
            record.household?.label ?? t.location ?? '',
            t.anonymous ? '匿名' : (t.contactName ?? ''),
            t.anonymous ? '' : (t.contactPhone ?? ''),
            t.category ?? '',
            causeLabel(t.causeFactor, t.causeSub),
            record.department?.name ?? '',
            t.assigneeId ? (record.people[t.assigneeId]?.name ?? '') : '',
            beijing(t.handledAt),
            beijing(t.closedAt),
            rating ? (rating.satisfied ? '满意' : '不满意') : '',
            record.events.length,
            record.attachments.length,
            t.content,
          ])
          .commit();
        bump('tickets', 1);
        bump('events', record.events.length);
        bump('attachments', record.attachments.length);
        bump('visitTasks', record.visits.tasks.length);
        bump('visitAttempts', record.visits.attempts.length);
        bump('ratings', record.visits.ratings.length);
        bump('quotes', record.charges.quotes.length);
        bump('payOrders', record.charges.orders.length);
        bump('refunds', record.charges.refunds.length);
        bump('payEvents', record.charges.events.length);
        bump('repeatComplaints', record.repeatComplaints.length);
        yield `${JSON.stringify(record)}\n`;
      }
      if (tickets.length < PAGE) return;
    }
  }

  /** Everything recorded about a page of tickets, a query per table. */
  private async history(tickets: Ticket[]) {
    const ids = tickets.map((t) => t.id);
    const byTicket = <E extends ObjectLiteral>(entity: { new (): E }, order: Record<string, 'ASC'>) =>
      this.ds.getRepository(entity).find({ where: { ticketId: In(ids) } as never, order: order as never });
    const [events, photos, uploads, settings, tasks, attempts, ratings, quotes, orders, refunds, payEvents] =
      await Promise.all([
        byTicket(TicketEvent, { ticketVersion: 'ASC' }),
        byTicket(TicketPhoto, { position: 'ASC' }),
        byTicket(Upload, { createdAt: 'ASC', id: 'ASC' }),
        byTicket(TicketVisitSettings, {}),
        byTicket(VisitTask, { round: 'ASC', seq: 'ASC' }),
        byTicket(VisitAttempt, { createdAt: 'ASC', id: 'ASC' }),
        byTicket(Rating, { round: 'ASC', seq: 'ASC' }),
        byTicket(Quote, { seq: 'ASC' }),
        byTicket(PayOrder, { createdAt: 'ASC', id: 'ASC' }),
        byTicket(Refund, { createdAt: 'ASC', id: 'ASC' }),
        byTicket(PayEvent, { createdAt: 'ASC', id: 'ASC' }),
      ]);
    const repeats = await this.ds
      .getRepository(RepeatComplaint)
      .find({ where: { originalTicketId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const quoteIds = quotes.map((q) => q.id);
    const items = quoteIds.length
      ? await this.ds
          .getRepository(QuoteItem)
          .find({ where: { quoteId: In(quoteIds) }, order: { position: 'ASC' } })
      : [];
    const some = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
    const householdIds = some(tickets.map((t) => t.householdId));
    const departmentIds = some(tickets.map((t) => t.departmentId));
    const incidentIds = some(tickets.map((t) => t.incidentId));
    const userIds = some(
      tickets.flatMap((t) => [t.residentId, t.createdById, t.firstReceiverId, t.assigneeId]),
    );
    const [households, departments, incidents, users] = await Promise.all([
      householdIds.length ? this.ds.getRepository(Household).findBy({ id: In(householdIds) }) : [],
      departmentIds.length ? this.ds.getRepository(Department).findBy({ id: In(departmentIds) }) : [],
      incidentIds.length ? this.ds.getRepository(Incident).findBy({ id: In(incidentIds) }) : [],
      userIds.length ? this.ds.getRepository(User).findBy({ id: In(userIds) }) : [],
    ]);
    const group = <E extends { ticketId: string | null }>(rows: E[]) => {
      const m = new Map<string, E[]>();
      for (const r of rows) {
        if (!r.ticketId) continue;
        const list = m.get(r.ticketId);
        if (list) list.push(r);
        else m.set(r.ticketId, [r]);
      }
      return (id: string) => m.get(id) ?? [];
    };
    const itemsOf = new Map<string, QuoteItem[]>();
    for (const i of items) itemsOf.set(i.quoteId, [...(itemsOf.get(i.quoteId) ?? []), i]);
    return {
      events: group(events),
      photos: group(photos),
      uploads: group(uploads),
      settings: new Map(settings.map((s) => [s.ticketId, s])),
      tasks: group(tasks),
      attempts: group(attempts),
      ratings: group(ratings),
      quotes: group(quotes),
      itemsOf,
      orders: group(orders),
      refunds: group(refunds),
      payEvents: group(payEvents),
      repeats: group(repeats.map((r) => ({ ...r, ticketId: r.originalTicketId }))),
      households: new Map(households.map((h) => [h.id, h])),
      departments: new Map(departments.map((x) => [x.id, x])),
      incidents: new Map(incidents.map((x) => [x.id, x])),
      users: new Map(users.map((u) => [u.id, u])),
    };
  }

  private record(t: Ticket, c: Awaited<ReturnType<ArchiveWriter['history']>>) {
    const files = new Map(
      c.uploads(t.id).map((u) => [u.id, `attachments/${t.number}/${u.id}${extname(u.storageKey) || ''}`]),
    );
    // An anonymous ticket shows staff no household and nobody behind it, also an older one that still holds a
    // flat (docs/domain-rules.md "What each person sees"): the archive is a staff view like the others.
    const hidden = t.anonymous ? new Set([t.residentId].filter((x): x is string => !!x)) : new Set<string>();
    const who = (id: string | null) => (id && hidden.has(id) ? null : id);
    const household = t.householdId && !t.anonymous ? c.households.get(t.householdId) : undefined;
    const department = t.departmentId ? c.departments.get(t.departmentId) : undefined;
    const incident = t.incidentId ? c.incidents.get(t.incidentId) : undefined;
    const people: Record<string, { name: string; role: string }> = {};
    for (const id of [t.residentId, t.createdById, t.firstReceiverId, t.assigneeId]) {
      const u = id && !hidden.has(id) ? c.users.get(id) : undefined;
      if (u) people[u.id] = { name: u.name, role: u.role };
    }
    const ticket = t.anonymous
      ? {
          ...t,
          householdId: null,
          residentId: null,
          createdById: who(t.createdById),
          contactName: null,
          contactPhone: null,
          priorityReason: null,
        }
      : t;
    return {
      id: t.id,
      number: t.number,
      ticket: { ...ticket, classification: parseJson(t.classification) },
      household: household ? { id: household.id, label: household.label } : null,
      department: department ? { id: department.id, code: department.code, name: department.name } : null,
      incident: incident
        ? {
            id: incident.id,
            title: incident.title,
            category: incident.category,
            hot: incident.hot,
            hotAt: incident.hotAt,
            ticketCount: incident.ticketCount,
            complainantCount: incident.complainantCount,
          }
        : null,
      people,
      events: c.events(t.id).map((e) => ({
        ...e,
        actorId: who(e.actorId),
        actorName: t.anonymous && e.actorRole === 'resident' ? '匿名住户' : e.actorName,
        data: parseJson(e.data),
      })),
      photos: c.photos(t.id).map((p) => ({
        uploadId: p.uploadId,
        position: p.position,
        file: files.get(p.uploadId) ?? null,
      })),
      attachments: c.uploads(t.id).map((u) => ({
        id: u.id,
        file: files.get(u.id)!,
        storageKey: u.storageKey,
        mime: u.mime,
        size: u.size,
        uploaderId: who(u.uploaderId),
        createdAt: u.createdAt,
      })),
      visits: {
        settings: c.settings.get(t.id) ?? null,
        tasks: c.tasks(t.id),
        attempts: c.attempts(t.id),
        ratings: c.ratings(t.id).map((r) => ({
          ...r,
          recordedById: who(r.recordedById),
          scores: parseJson(r.scores),
          photoIds: parseJson(r.photoIds),
        })),
      },
      charges: {
        quotes: c.quotes(t.id).map((q) => ({ ...q, items: c.itemsOf.get(q.id) ?? [] })),
        orders: c.orders(t.id),
        refunds: c.refunds(t.id),
        events: c.payEvents(t.id).map((e) => ({ ...e, data: parseJson(e.data) })),
      },
      repeatComplaints: c
        .repeats(t.id)
        .map(({ ticketId: _t, ...r }) => (t.anonymous ? { ...r, householdId: null } : r)),
    };
  }
}

const COUNTED = [
  'tickets',
  'events',
  'attachments',
  'visitTasks',
  'visitAttempts',
  'ratings',
  'quotes',
  'payOrders',
  'refunds',
  'payEvents',
  'repeatComplaints',
];

const INDEX_COLUMNS: [string, number][] = [
  ['工单编号', 18],
  ['类型', 6],
  ['状态', 10],
  ['渠道', 10],
  ['登记时间', 17],
  ['房号/地点', 16],
  ['联系人', 10],
  ['联系电话', 14],
  ['投诉分类', 12],
  ['原因', 16],
  ['责任部门', 10],
  ['处理人', 10],
  ['处理完成', 17],
  ['办结时间', 17],
  ['回访评价', 8],
  ['记录条数', 8],
  ['附件数', 7],
  ['内容', 60],
];

function causeLabel(factor: string | null, sub: string | null): string {
  if (!factor) return '';
  const f = (CAUSE_FACTORS as Record<string, { label: string; subs: Record<string, string> }>)[factor];
  if (!f) return factor;
  return sub ? `${f.label}·${f.subs[sub] ?? sub}` : f.label;
}
