import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { exportArchiveCli } from '../src/archive/cli';
import { Clock } from '../src/common/clock';
import { Company, Household, Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);

/** supertest: the body as one Buffer, whatever the content type. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface ArchiveLine {
  id: string;
  number: string;
  ticket: { projectId: string; status: string; content: string };
  events: {
    id: string;
    action: string;
    toStatus: string;
    note: string | null;
    internal: boolean;
    actorName: string;
    actorRole: string;
    createdAt: string;
    data: unknown;
  }[];
  photos: { uploadId: string; file: string }[];
  attachments: { id: string; file: string; mime: string }[];
  visits: {
    tasks: unknown[];
    ratings: { satisfied: boolean; source: string; scores: Record<string, number> }[];
  };
  charges: {
    quotes: { status: string; totalFen: number; items: { name: string }[] }[];
    orders: { channel: string; status: string }[];
  };
}

/**
 * The project ticket archive 工单档案 (GET /api/projects/:id/archive): a ZIP with every ticket of a project and
 * its whole history, for the project manager and group HQ only.
 */
describe.each(DRIVERS)('project ticket archive on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const tk: Record<string, string> = {};
  let projectA: Project;
  let projectB: Project;

  const auth = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
  const clock = () => t.app.get(Clock);
  const version = async (id: string) => (await t.ds.getRepository(Ticket).findOneByOrFail({ id })).version;
  const act = async (id: string, who: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/tickets/${id}/actions`)
      .set(auth(who))
      .send({ version: await version(id), ...body });
    if (res.status !== 200)
      throw new Error(`${who} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const post = (url: string, who: string, body: object = {}) => t.http.post(url).set(auth(who)).send(body);
  const upload = async (who: string) =>
    (await t.http.post('/api/uploads').set(auth(who)).attach('file', PNG_1x1, 'p.png').expect(201)).body
      .id as string;
  const file = async (who: string, body: Record<string, unknown>) =>
    (
      await t.http
        .post('/api/tickets')
        .set(auth(who))
        .set('Idempotency-Key', idemKey())
        .send(body)
        .expect(201)
    ).body.id as string;
  const fetchZip = async (url: string, who?: string) => {
    const req = t.http.get(url).buffer(true).parse(binary);
    const res = await (who ? req.set(auth(who)) : req);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    projectA = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    // A second compound of the company with its own manager, and another company's HQ.
    projectB = await t.ds.getRepository(Project).save({ companyId: projectA.companyId, name: '碧水湾' });
    const other = await t.ds.getRepository(Company).save({ name: '别家物业有限公司' });
    const staff = (
      demoKey: string,
      companyId: string,
      projectId: string | null,
      role: string,
      name: string,
    ) =>
      t.ds.getRepository(User).save({
        companyId,
        projectId,
        departmentId: null,
        kind: 'staff',
        role,
        name,
        phone: null,
        openid: null,
        demoKey,
      });
    await staff('pm-b', projectA.companyId, projectB.id, 'project_manager', '碧水湾经理');
    await staff('hq-2', other.id, null, 'hq', '别家总部');
    for (const k of [
      'resident-1',
      'resident-2',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'hq',
      'pm-b',
      'hq-2',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    const home = async (label: string) => (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;

    // 30 September: a phone complaint the front desk registers, left open.
    clock().freeze(BJ('2026-09-30T16:00:00'));
    tk.C2 = await file('front-desk', {
      kind: 'complaint',
      channel: 'phone',
      content: '北门岗亭晚上没人值班，外来车辆随便进',
      location: '北门',
      contactName: '赵先生',
      contactPhone: '13700000001',
    });

    // 12 October: a paid repair with a photo, taken through to the resident's rating.
    clock().freeze(BJ('2026-10-12T09:00:00'));
    const photo = await upload('resident-1');
    tk.R1 = await file('resident-1', {
      kind: 'repair',
      content: '卫生间水龙头一直滴水，关不紧',
      householdId: await home('1栋1单元101'),
      photoIds: [photo],
    });
    await act(tk.R1, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    const item = (
      await post('/api/pay/price-items', 'pm', { kind: 'labour', name: '更换水龙头', priceFen: 5000 }).expect(
        201,
      )
    ).body.id as string;
    const quote = (
      await post(`/api/tickets/${tk.R1}/quotes`, 'eng-1', { items: [{ priceItemId: item, quantity: 1 }] })
        .set('Idempotency-Key', idemKey())
        .expect(201)
    ).body.quotes[0].id as string;
    await post(`/api/tickets/${tk.R1}/quotes/${quote}/offline-payment`, 'eng-1', {
      method: 'cash',
      note: '收据 No.0042',
    }).expect(200);
    clock().freeze(BJ('2026-10-12T11:00:00'));
    await act(tk.R1, 'eng-1', { action: 'start' });
    await act(tk.R1, 'eng-1', { action: 'internal_note', note: '需带备用阀芯' });
    await act(tk.R1, 'eng-1', { action: 'mark_handled', note: '已更换水龙头，不再滴水' });
    clock().freeze(BJ('2026-10-12T18:00:00'));
    const ratingPhoto = await upload('resident-1');
    await post(`/api/tickets/${tk.R1}/rating`, 'resident-1', {
      scores: { timeliness: 5, process: 5, attitude: 5, result: 4 },
      satisfied: true,
      chargeCorrect: true,
      comment: '师傅很快',
      photoIds: [ratingPhoto],
    }).expect(201);

    // 13 October: a complaint handled with its cause.
    clock().freeze(BJ('2026-10-13T10:00:00'));
    tk.C1 = await file('resident-2', {
      kind: 'complaint',
      content: '楼下餐馆油烟太大，窗户都不敢开',
      householdId: await home('2栋2单元602'),
    });
    await act(tk.C1, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(tk.C1, 'eng-1', { action: 'start' });
    await act(tk.C1, 'eng-1', {
      action: 'mark_handled',
      note: '已联系餐馆加装油烟净化器',
      cause: { factor: 'environment', sub: 'external' },
    });

    // The other compound's ticket, which must never appear in 阳光花园's archive.
    await t.ds.getRepository(Ticket).insert({
      companyId: projectB.companyId,
      projectId: projectB.id,
      number: 'TS20261013-9001',
      kind: 'complaint',
      status: 'received',
      channel: 'phone',
      content: '碧水湾的投诉',
      location: '碧水湾大门',
      createdById: ids['pm-b'],
      idempotencyKey: idemKey(),
      requestHash: 'x',
      createdAt: BJ('2026-10-13T12:00:00'),
    });
    clock().freeze(BJ('2026-10-14T09:00:00'));
  });
  afterAll(() => t?.close());

  const unpack = async (body: Buffer) => {
    const zip = await JSZip.loadAsync(body);
    const text = async (name: string) => {
      const f = zip.file(name);
      if (!f) throw new Error(`${name} missing from the archive`);
      return f.async('string');
    };
    const lines = (await text('tickets.jsonl'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ArchiveLine);
    const manifest = JSON.parse(await text('manifest.json'));
    return { zip, lines, manifest };
  };

  it('gives the project manager every ticket of the project with its whole history', async () => {
    const res = await fetchZip(`/api/projects/${projectA.id}/archive`, 'pm');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('阳光花园-工单档案.zip'));
    const { zip, lines, manifest } = await unpack(res.body as Buffer);

    // Every ticket of the project, nothing of the other compound, in registration order.
    const [{ n }] = await t.ds.query(`SELECT COUNT(*) AS n FROM tickets WHERE projectId = ?`, [projectA.id]);
    expect(lines).toHaveLength(Number(n));
    expect(lines.map((l) => l.id)).toEqual([tk.C2, tk.R1, tk.C1]);
    expect(lines.every((l) => l.ticket.projectId === projectA.id)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('碧水湾的投诉');
    expect(manifest).toMatchObject({
      format: 'wuyetong-ticket-archive',
      project: { id: projectA.id, name: '阳光花园' },
      generatedBy: { id: ids.pm, role: 'project_manager' },
      range: { from: null, to: null },
    });
    const [{ e }] = await t.ds.query(
      `SELECT COUNT(*) AS e FROM ticket_events WHERE ticketId IN (SELECT id FROM tickets WHERE projectId = ?)`,
      [projectA.id],
    );
    expect(manifest.counts).toMatchObject({
      tickets: 3,
      events: Number(e),
      ratings: 1,
      quotes: 1,
      payOrders: 1,
    });

    // The history of the repair is the one the API shows staff, internal notes included.
    const api = (await t.http.get(`/api/tickets/${tk.R1}`).set(auth('pm')).expect(200)).body;
    const r1 = lines.find((l) => l.id === tk.R1)!;
    const pick = (ev: ArchiveLine['events'][number]) => ({
      id: ev.id,
      action: ev.action,
      toStatus: ev.toStatus,
      note: ev.note,
      internal: ev.internal,
      actorName: ev.actorName,
      actorRole: ev.actorRole,
      createdAt: ev.createdAt,
      data: ev.data ?? {},
    });
    expect(r1.events.map(pick)).toEqual(api.events.map(pick));
    expect(r1.events.map((ev) => ev.action)).toEqual(
      expect.arrayContaining(['create', 'assign', 'start', 'internal_note', 'mark_handled', 'close']),
    );
    expect(r1.ticket.status).toBe(api.status);
    const visits = (await t.http.get(`/api/tickets/${tk.R1}/visits`).set(auth('pm')).expect(200)).body;
    expect(r1.visits.ratings).toHaveLength(visits.ratings.length);
    expect(r1.visits.ratings[0]).toMatchObject({
      satisfied: true,
      source: 'online',
      scores: { timeliness: 5, process: 5, attitude: 5, result: 4 },
    });
    expect(r1.charges.quotes).toEqual([expect.objectContaining({ status: 'paid', totalFen: 5000 })]);
    expect(r1.charges.quotes[0].items.map((i) => i.name)).toEqual(['更换水龙头']);
    expect(r1.charges.orders).toEqual([expect.objectContaining({ channel: 'offline', status: 'paid' })]);

    // The ticket photo and the rating photo are in the archive, byte for byte.
    expect(r1.attachments).toHaveLength(2);
    expect(r1.photos.map((p) => p.file)).toEqual([expect.stringMatching(/^attachments\/BX\d{8}-\d{4}\//)]);
    // (uploads are re-encoded on arrival: the archive holds exactly what storage holds)
    for (const a of r1.attachments) {
      const bytes = await zip.file(a.file)!.async('nodebuffer');
      const [row] = await t.ds.query(`SELECT storageKey FROM uploads WHERE id = ?`, [a.id]);
      expect(bytes.equals(readFileSync(join(t.config.uploadDir, row.storageKey)))).toBe(true);
      expect(bytes.subarray(0, 8).equals(PNG_1x1.subarray(0, 8))).toBe(true); // still a PNG
    }

    // Each file's sha256 in the manifest is that of the bytes in the archive.
    const names = Object.keys(zip.files).filter((f) => !zip.files[f].dir && f !== 'manifest.json');
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(names.sort());
    for (const f of manifest.files as { name: string; bytes: number; sha256: string }[]) {
      const bytes = await zip.file(f.name)!.async('nodebuffer');
      expect({
        name: f.name,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }).toEqual(f);
    }

    // The Excel index: one row per ticket.
    const book = new Workbook();
    await book.xlsx.load((await zip.file('tickets.xlsx')!.async('nodebuffer')) as never);
    const sheet = book.getWorksheet('工单索引')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工单编号');
    const numbers = [2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value);
    expect(numbers).toEqual(lines.map((l) => l.number));
    expect(sheet.getRow(5).getCell(1).value ?? null).toBeNull();
    expect(sheet.getRow(3).getCell(15).value).toBe('满意');
  });

  it('exports a period of registration days, Beijing time', async () => {
    const october = await unpack(
      (await fetchZip(`/api/projects/${projectA.id}/archive?from=2026-10-01&to=2026-10-31`, 'pm')).body,
    );
    expect(october.lines.map((l) => l.id)).toEqual([tk.R1, tk.C1]);
    expect(october.manifest.range).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    const september = await unpack(
      (await fetchZip(`/api/projects/${projectA.id}/archive?to=2026-09-30`, 'hq')).body,
    );
    expect(september.lines.map((l) => l.id)).toEqual([tk.C2]);
    const oneDay = await unpack(
      (await fetchZip(`/api/projects/${projectA.id}/archive?from=2026-10-13&to=2026-10-13`, 'pm')).body,
    );
    expect(oneDay.lines.map((l) => l.id)).toEqual([tk.C1]);

    const bad = await t.http
      .get(`/api/projects/${projectA.id}/archive?from=20261001`)
      .set(auth('pm'))
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('开始日期格式应为 YYYY-MM-DD');
    const noDay = await t.http
      .get(`/api/projects/${projectA.id}/archive?to=2026-02-30`)
      .set(auth('pm'))
      .expect(400);
    expect(noDay.body.message).toBe('没有这一天：2026-02-30');
    const reversed = await t.http
      .get(`/api/projects/${projectA.id}/archive?from=2026-10-31&to=2026-10-01`)
      .set(auth('pm'))
      .expect(400);
    expect(reversed.body.message).toBe('开始日期不能晚于结束日期');
  });

  it('is for the project manager and HQ only: residents, other staff and other projects get 403', async () => {
    const url = `/api/projects/${projectA.id}/archive`;
    for (const who of ['resident-1', 'front-desk', 'cs-lead', 'eng-1']) {
      const res = await t.http.get(url).set(auth(who));
      expect({ who, status: res.status, message: res.body.message }).toEqual({
        who,
        status: 403,
        message: '只有项目经理和集团总部可以导出工单档案',
      });
    }
    const otherPm = await t.http.get(url).set(auth('pm-b')).expect(403);
    expect(otherPm.body.message).toBe('只能导出本项目的工单档案');
    const otherCompany = await t.http.get(url).set(auth('hq-2')).expect(403);
    expect(otherCompany.body.message).toBe('只能导出本公司项目的工单档案');
    await t.http.get(url).expect(401);
    await t.http.post(`${url}/link`).set(auth('resident-1')).expect(403);

    // HQ exports any project of its company; the other compound's archive holds only its own ticket.
    const b = await unpack((await fetchZip(`/api/projects/${projectB.id}/archive`, 'hq')).body);
    expect(b.lines.map((l) => l.number)).toEqual(['TS20261013-9001']);
    await t.http.get(`/api/projects/${projectB.id}/archive`).set(auth('pm')).expect(403);
    await t.http
      .get('/api/projects/00000000-0000-4000-8000-000000000000/archive')
      .set(auth('hq'))
      .expect(404);
    await t.http.get('/api/projects/not-a-uuid/archive').set(auth('hq')).expect(400);
  });

  it('downloads through a signed link valid ten minutes, checked again as its user', async () => {
    const link = (await post(`/api/projects/${projectA.id}/archive/link?from=2026-10-01`, 'pm').expect(200))
      .body;
    expect(link.url).toMatch(/^\/api\/archive\/download\?token=/);
    expect(link.filename).toBe('阳光花园-工单档案-2026-10-01至今.zip');
    const res = await fetchZip(link.url);
    expect(res.status).toBe(200);
    expect((await unpack(res.body)).lines.map((l) => l.id)).toEqual([tk.R1, tk.C1]);

    const tampered = link.url.replace(
      /token=(.)/,
      (_: string, c: string) => `token=${c === 'a' ? 'b' : 'a'}`,
    );
    expect((await t.http.get(tampered)).status).toBe(403);
    // The manager moved to another compound: the old link no longer works.
    await t.ds.getRepository(User).update({ id: ids.pm }, { projectId: projectB.id });
    expect((await t.http.get(link.url)).status).toBe(403);
    await t.ds.getRepository(User).update({ id: ids.pm }, { projectId: projectA.id });
    clock().freeze(new Date(clock().nowMs() + 11 * 60_000));
    const expired = await t.http.get(link.url).expect(403);
    expect(expired.body.message).toBe('下载链接已过期，请重新导出');
  });

  it('pages through a large project without losing or repeating a ticket', async () => {
    // 450 tickets more in 碧水湾, 300 of them registered at the very same instant (the cursor's tie-break).
    const rows = Array.from({ length: 450 }, (_, i) => ({
      companyId: projectB.companyId,
      projectId: projectB.id,
      number: `TS20261014-${String(1000 + i)}`,
      kind: 'complaint',
      status: 'received',
      channel: 'phone',
      content: `批量投诉 ${i}`,
      location: '碧水湾',
      createdById: ids['pm-b'],
      idempotencyKey: idemKey(),
      requestHash: 'x',
      createdAt:
        i < 300 ? BJ('2026-10-14T08:00:00') : new Date(BJ('2026-10-14T08:00:00').getTime() + i * 1000),
    }));
    for (let i = 0; i < rows.length; i += 50) await t.ds.getRepository(Ticket).insert(rows.slice(i, i + 50));
    const { lines, manifest } = await unpack(
      (await fetchZip(`/api/projects/${projectB.id}/archive`, 'hq')).body,
    );
    const expected = await t.ds.getRepository(Ticket).find({
      where: { projectId: projectB.id },
      order: { createdAt: 'ASC', id: 'ASC' },
      select: { id: true },
    });
    expect(expected).toHaveLength(451);
    expect(lines.map((l) => l.id)).toEqual(expected.map((r) => r.id));
    expect(manifest.counts.tickets).toBe(451);
  });

  it('writes the same archive from the command line (pnpm archive:export)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuye-archive-cli-'));
    try {
      const out = join(dir, 'a.zip');
      const env = {
        NODE_ENV: 'test',
        DATA_DIR: t.dataDir,
        ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}),
      };
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(
          await exportArchiveCli(['--project', '阳光花园', '--from', '2026-10-01', '--out', out], env),
        ).toBe(0);
        expect(log.mock.calls.join('\n')).toContain('阳光花园: 2 tickets');
        expect(await exportArchiveCli(['--project', '没有这个小区'], env)).toBe(2);
        expect(await exportArchiveCli(['--project', '阳光花园', '--from', '2026-13-01'], env)).toBe(2);
      } finally {
        log.mockRestore();
        err.mockRestore();
      }
      const { lines, manifest } = await unpack(readFileSync(out));
      expect(lines.map((l) => l.id)).toEqual([tk.R1, tk.C1]);
      expect(manifest.generatedBy).toEqual({ cli: true });
      const api = await unpack(
        (await fetchZip(`/api/projects/${projectA.id}/archive?from=2026-10-01`, 'pm')).body,
      );
      expect(lines).toEqual(api.lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a missing photo in the manifest instead of failing the archive', async () => {
    const ev = await t.ds.getRepository(TicketEvent).countBy({ ticketId: tk.R1 });
    expect(ev).toBeGreaterThan(5);
    const [row] = await t.ds.query(
      `SELECT storageKey FROM uploads WHERE ticketId = ? ORDER BY createdAt LIMIT 1`,
      [tk.R1],
    );
    rmSync(join(t.config.uploadDir, row.storageKey));
    const { lines, manifest, zip } = await unpack(
      (await fetchZip(`/api/projects/${projectA.id}/archive`, 'hq')).body,
    );
    expect(lines).toHaveLength(3);
    expect(manifest.missingAttachments).toEqual([expect.objectContaining({ storageKey: row.storageKey })]);
    expect(manifest.counts.attachmentsMissing).toBe(1);
    expect(
      Object.keys(zip.files).filter((f) => f.startsWith('attachments/') && !zip.files[f].dir),
    ).toHaveLength(1);
  });
  it('shows no flat, person or phone of an older anonymous ticket that still holds them', async () => {
    // Filed before the app stopped sending a flat with 匿名: the row still holds the household and the person.
    const flat = await t.ds.getRepository(Household).findOneByOrFail({ label: '2栋2单元602' });
    const resident = await t.ds.getRepository(User).findOneByOrFail({ id: ids['resident-2'] });
    const id = (
      await t.ds.getRepository(Ticket).save({
        companyId: projectA.companyId,
        projectId: projectA.id,
        number: 'TS20261003-0001',
        kind: 'complaint',
        status: 'received',
        channel: 'miniapp',
        content: '隔壁邻居半夜装修，吵得睡不着',
        anonymous: true,
        householdId: flat.id,
        residentId: resident.id,
        createdById: resident.id,
        contactName: '王先生',
        contactPhone: '13912345678',
        priorityReason: '重点客户：业委会成员',
        idempotencyKey: idemKey(),
        requestHash: 'x',
        createdAt: BJ('2026-10-03T10:00:00'),
      })
    ).id;
    await t.ds.getRepository(TicketEvent).insert({
      ticketId: id,
      ticketVersion: 1,
      createdAt: BJ('2026-10-03T10:00:00'),
      action: 'create',
      fromStatus: null,
      toStatus: 'received',
      actorId: resident.id,
      actorName: resident.name,
      actorRole: 'resident',
      note: null,
      internal: false,
      label: '提交',
      data: null,
    });
    const res = await fetchZip(`/api/projects/${projectA.id}/archive?from=2026-10-03&to=2026-10-03`, 'pm');
    const { lines, zip } = await unpack(res.body as Buffer);
    expect(lines.map((l) => l.id)).toEqual([id]);
    const line = lines[0] as ArchiveLine & { household: unknown; people: Record<string, unknown> };
    expect(line.household).toBeNull();
    expect(line.ticket).toMatchObject({
      householdId: null,
      residentId: null,
      createdById: null,
      contactName: null,
      contactPhone: null,
      priorityReason: null,
    });
    expect(line.people).toEqual({});
    expect(line.events[0]).toMatchObject({ actorId: null, actorName: '匿名住户' });
    const json = JSON.stringify(line);
    for (const secret of [flat.id, flat.label, resident.id, resident.name, '王先生', '13912345678', '业委会'])
      expect(json).not.toContain(secret);
    // the index sheet too
    const book = new Workbook();
    await book.xlsx.load((await zip.file('tickets.xlsx')!.async('nodebuffer')) as never);
    const row = book.getWorksheet('工单索引')!.getRow(2);
    expect(row.getCell(1).value).toBe('TS20261003-0001');
    expect(row.getCell(6).value ?? '').toBe('');
    expect(row.getCell(7).value).toBe('匿名');
    expect(row.getCell(8).value ?? '').toBe('');
  });
});
