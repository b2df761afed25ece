import { In } from 'typeorm';
import { Household } from '../src/org/entities';
import { Incident } from '../src/incidents/incident.entity';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

describe.each(DRIVERS)('incidents: many complaints, one event, on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const home: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(driver);
    const homes: Record<string, string> = {
      'resident-1': '1栋1单元101',
      'resident-2': '2栋2单元602',
      'resident-3': '3栋1单元302',
    };
    for (const k of ['resident-1', 'resident-2', 'resident-3', 'cs-lead', 'front-desk', 'eng-1'])
      tok[k] = await t.login(k);
    for (const [k, label] of Object.entries(homes))
      home[k] = (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;
  });
  afterAll(() => t?.close());

  const complain = async (who: string, content: string, extra: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok[who]}`)
        .set('Idempotency-Key', idemKey())
        .send({
          kind: 'complaint',
          content,
          ...(who.startsWith('resident') ? { householdId: home[who] } : {}),
          ...extra,
        })
        .expect(201)
    ).body;
  const incidentOf = async (id: string) =>
    (await t.ds.getRepository(Ticket).findOneByOrFail({ id })).incidentId;

  it('links complaints about one event and turns it hot at the third complainant', async () => {
    const a = await complain('resident-1', '3栋的电梯又坏了，停在5楼一动不动');
    expect(await incidentOf(a.id)).toBeNull();
    const b = await complain('resident-2', '3栋电梯坏了，又停了，什么时候修好？');
    const incidentId = await incidentOf(b.id);
    expect(incidentId).toBeTruthy();
    expect(await incidentOf(a.id)).toBe(incidentId);
    let inc = await t.ds.getRepository(Incident).findOneByOrFail({ id: incidentId! });
    expect(inc).toMatchObject({ ticketCount: 2, complainantCount: 2, hot: false });

    // the same resident complaining again adds a complaint, not a complainant
    await complain('resident-2', '3栋电梯还是坏的，电梯又停了');
    inc = await t.ds.getRepository(Incident).findOneByOrFail({ id: incidentId! });
    expect(inc).toMatchObject({ ticketCount: 3, complainantCount: 2, hot: false });

    const c = await complain('resident-3', '3栋电梯又坏了！我家老人下不了楼');
    inc = await t.ds.getRepository(Incident).findOneByOrFail({ id: incidentId! });
    expect(inc).toMatchObject({ ticketCount: 4, complainantCount: 3, hot: true });
    const hotEvent = await t.ds.getRepository(TicketEvent).findOneByOrFail({ ticketId: c.id, action: 'hot' });
    expect(hotEvent.note).toMatch(/热点投诉/);
    const list = await t.http
      .get('/api/incidents?hot=true')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(200);
    expect(list.body.map((i: { id: string }) => i.id)).toContain(incidentId);
  });

  it('keeps different buildings apart', async () => {
    const x = await complain('resident-1', '5栋的电梯又坏了，停在5楼一动不动');
    const inc = await incidentOf(x.id);
    if (inc) expect(await t.ds.getRepository(Ticket).countBy({ incidentId: inc })).toBeLessThan(3);
  });

  it('makes a collective complaint by three or more people hot at once', async () => {
    const g = await complain(
      'front-desk',
      '十几位业主联名投诉：小区南门外的烧烤摊油烟太大，晚上开窗满屋油烟味',
      { location: '南门外', channel: 'letter', peopleCount: 12 },
    );
    const inc = await t.ds.getRepository(Incident).findOneByOrFail({ id: (await incidentOf(g.id))! });
    expect(inc).toMatchObject({ hot: true, complainantCount: 12, ticketCount: 1 });
    // The answer shows the timeline as stored, the hot record included, as a later read of the ticket does.
    expect(g.events.map((e: { action: string }) => e.action)).toContain('hot');
    const again = await t.http
      .get(`/api/tickets/${g.id}`)
      .set('Authorization', `Bearer ${tok['front-desk']}`)
      .expect(200);
    expect(g.events).toEqual(again.body.events);
    expect(g.version).toBe(again.body.version);
  });

  // On MariaDB these run truly at once (on SQLite one after the other); each round is a new event.
  it.each(['7栋', '8栋', '9栋'])(
    'counts complaints about one event filed at the same moment one after the other (%s)',
    async (building) => {
      const hotEvents = async (ids: string[]) => {
        const evs = await t.ds.getRepository(TicketEvent).findBy({ ticketId: In(ids), action: 'hot' });
        return evs.length;
      };
      // Two twins of a standalone complaint at once: one incident for all three, not two.
      const a = await complain('resident-1', `${building}的电梯又坏了，停在5楼一动不动`);
      const [b, c] = await Promise.all([
        complain('resident-2', `${building}电梯坏了，又停了，什么时候修好？`),
        complain('resident-3', `${building}电梯又坏了！我家老人下不了楼`),
      ]);
      const id = await incidentOf(a.id);
      expect(id).toBeTruthy();
      expect([await incidentOf(b.id), await incidentOf(c.id)]).toEqual([id, id]);
      expect(await t.ds.getRepository(Incident).findOneByOrFail({ id: id! })).toMatchObject({
        ticketCount: 3,
        complainantCount: 3,
        hot: true,
      });
      expect(await hotEvents([a.id, b.id, c.id])).toBe(1);

      // Two complainants at once lifting a 2-complainant incident over the threshold: it turns hot once.
      const d = await complain('resident-1', `${building}的门禁坏了，刷卡开不了门`);
      const e = await complain('resident-2', `${building}门禁又坏了，刷卡开不了门`);
      const id2 = (await incidentOf(e.id))!;
      expect(await incidentOf(d.id)).toBe(id2);
      const [f, g] = await Promise.all([
        complain('resident-3', `${building}门禁坏了，刷卡开不了门，进不去`),
        complain('front-desk', `${building}门禁坏了，业主来电说刷卡开不了门`, {
          location: `${building}门口`,
          channel: 'phone',
        }),
      ]);
      expect([await incidentOf(f.id), await incidentOf(g.id)]).toEqual([id2, id2]);
      expect(await t.ds.getRepository(Incident).findOneByOrFail({ id: id2 })).toMatchObject({
        ticketCount: 4,
        complainantCount: 4,
        hot: true,
      });
      expect(await hotEvents([d.id, e.id, f.id, g.id])).toBe(1);
    },
  );

  it('lets staff link a lone complaint to an event and unlink it, each on the complaint’s timeline', async () => {
    const a = await complain('resident-1', '1栋大堂的门禁坏了，刷卡进不去');
    const b = await complain('resident-2', '1栋门禁又坏了，刷卡没反应');
    const id = (await incidentOf(b.id))!;
    expect(id).toBeTruthy();
    // a follow-up in other words that the matcher did not join
    const lone = await complain('resident-3', '大堂那个进门的机器一直不好用，老人进不了门');
    await t.ds.getRepository(Ticket).update({ id: lone.id }, { incidentId: null });
    const lead = { Authorization: `Bearer ${tok['cs-lead']}` };
    await t.http
      .post(`/api/incidents/${id}/link`)
      .set({ Authorization: `Bearer ${tok['eng-1']}` })
      .send({ ticketId: lone.id })
      .expect(403);
    await t.http.post(`/api/incidents/${id}/link`).set(lead).send({ number: 'TS00000000-0000' }).expect(404);
    await t.http.post(`/api/incidents/${id}/link`).set(lead).send({}).expect(400);
    // by the number staff read off the complaint
    const linked = await t.http
      .post(`/api/incidents/${id}/link`)
      .set(lead)
      .send({ number: lone.number })
      .expect(200);
    expect(linked.body).toMatchObject({ ticketCount: 3, complainantCount: 3, hot: true });
    expect(await incidentOf(lone.id)).toBe(id);
    const rec = await t.ds
      .getRepository(TicketEvent)
      .findOneByOrFail({ ticketId: lone.id, action: 'incident_link' });
    expect(rec).toMatchObject({ label: '并入同一事件', internal: true });
    // twice is a conflict, not a second link
    await t.http.post(`/api/incidents/${id}/link`).set(lead).send({ ticketId: lone.id }).expect(409);

    await t.http.post(`/api/incidents/${id}/unlink`).set(lead).send({ ticketId: lone.id }).expect(200);
    expect(await incidentOf(lone.id)).toBeNull();
    expect(await incidentOf(a.id)).toBe(id);
    expect(
      await t.ds.getRepository(TicketEvent).countBy({ ticketId: lone.id, action: 'incident_unlink' }),
    ).toBe(1);
  });

  it('works an event as one: one reply reaches every open complaint of it, each on its own timeline', async () => {
    const a = await complain('resident-1', '2栋地下车库的排风扇坏了，里面闷得喘不过气');
    const b = await complain('resident-2', '2栋地下车库排风扇坏了，闷得很');
    const id = (await incidentOf(b.id))!;
    expect(id).toBeTruthy();
    const lead = { Authorization: `Bearer ${tok['cs-lead']}` };
    const res = await t.http
      .post(`/api/incidents/${id}/actions`)
      .set(lead)
      .send({ action: 'progress_note', note: '排风扇已报修，厂家明天上午来更换' })
      .expect(200);
    expect(res.body).toMatchObject({ done: 2, total: 2 });
    for (const x of [a, b]) {
      const notes = await t.ds.getRepository(TicketEvent).findBy({ ticketId: x.id, action: 'progress_note' });
      expect(notes.map((n) => [n.note, n.internal])).toEqual([['排风扇已报修，厂家明天上午来更换', false]]);
    }
    // a move that does not fit says so per complaint and changes nothing
    const bad = await t.http
      .post(`/api/incidents/${id}/actions`)
      .set(lead)
      .send({ action: 'verify' })
      .expect(200);
    expect(bad.body.done).toBe(0);
    expect(bad.body.results.every((r: { ok: boolean; message: string }) => !r.ok && r.message)).toBe(true);
    await t.http.post(`/api/incidents/${id}/actions`).set(lead).send({ action: 'nonsense' }).expect(400);

    // one visit plan: a level-2 complaint (the project manager with the department visits) for every complainant
    const plan = await t.http
      .put(`/api/incidents/${id}/visit-settings`)
      .set(lead)
      .send({ complaintLevel: 2, note: '同一事件统一按二级回访' })
      .expect(200);
    expect(plan.body).toMatchObject({ done: 2, total: 2 });
    for (const x of [a, b]) {
      const v = await t.http.get(`/api/tickets/${x.id}/visits`).set(lead).expect(200);
      expect(v.body.complaintLevel).toMatchObject({ level: 2 });
    }
    // department staff may not change the plan: each complaint says so
    const eng = await t.http
      .put(`/api/incidents/${id}/visit-settings`)
      .set({ Authorization: `Bearer ${tok['eng-1']}` })
      .send({ complaintLevel: 3 })
      .expect(200);
    expect(eng.body.done).toBe(0);
  });

  it('lets staff split a complaint out of an incident and merge two incidents', async () => {
    const a = await complain('resident-1', '2栋门口的垃圾桶满了三天没人清运，臭气熏天');
    const b = await complain('resident-2', '2栋门口垃圾桶满了，三天没人清运');
    const id = (await incidentOf(b.id))!;
    await t.http
      .post(`/api/incidents/${id}/split`)
      .set('Authorization', `Bearer ${tok['eng-1']}`)
      .send({ ticketId: b.id })
      .expect(403);
    const split = await t.http
      .post(`/api/incidents/${id}/split`)
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ ticketId: b.id })
      .expect(200);
    expect(split.body).toEqual({ dissolved: true });
    expect(await incidentOf(a.id)).toBeNull();
  });
});
