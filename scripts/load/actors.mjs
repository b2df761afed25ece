// The simulated people: residents (WeChat login, bind a flat with a front-desk code, then file, read and rate
// tickets), staff (work their queue: start, mark handled) and a hostile client (malformed and forbidden
// requests that must be refused with a 4xx, never a 5xx).
import { randomUUID } from 'node:crypto';
import { now } from './client.mjs';
import { sleep } from './infra.mjs';

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
/** Think time, cut short when the load is over. */
const pause = (ctx, ms) => sleep(Math.min(ms, Math.max(0, ctx.stopAt - now())));
const between = (a, b) => a + Math.random() * (b - a);

/**
 * Sends one request the way the mini-program does: a network error, a 5xx or a 503 is retried with the same
 * body and the same Idempotency-Key after Retry-After (or a short backoff); a 429 waits Retry-After and tries
 * again. Anything else is the answer. Gives up after `giveUpMs`.
 */
export async function persist(ctx, req, { giveUpMs = 90_000 } = {}) {
  const t0 = now();
  let prefer = req.prefer ?? 0;
  let attempts = 0;
  for (;;) {
    const r = await ctx.api.call({ ...req, prefer });
    attempts++;
    let waitMs;
    if (r.status === 429) {
      ctx.stats.rateLimited++;
      waitMs = Math.min(30, r.retryAfter ?? 1) * 1000;
    } else if (r.net || r.status >= 500) {
      ctx.stats.retries++;
      if (r.net) prefer++; // the balancer sends the next try elsewhere
      waitMs = r.retryAfter != null ? r.retryAfter * 1000 : Math.min(4000, 250 * 2 ** attempts);
    } else return { r, attempts, gaveUp: false };
    if (now() - t0 + waitMs > giveUpMs) return { r, attempts, gaveUp: true };
    await sleep(waitMs * between(0.8, 1.2));
  }
}

/** A legitimate request answered with a 4xx it should not have got: a bug somewhere (recorded, checked). */
function unexpected(ctx, what, r) {
  ctx.unexpected.push({ what, status: r.status, message: r.body?.message ?? null, instance: r.instance });
}

const REPAIRS = [
  '厨房水龙头一直滴水，关不紧，麻烦师傅来看看',
  '卫生间下水道堵塞，水排不下去',
  '客厅灯不亮了，换了灯泡也不行，可能是线路问题',
  '阳台推拉门轨道坏了，门推不动',
  '入户门锁芯卡住，钥匙很难转动',
  '空调外机支架松动，有异响',
  '热水器打不着火，请派人检修',
  '窗户密封条老化，下雨时往里渗水',
  '插座没电，跳闸后合不上',
  '马桶水箱一直在流水，浮球好像坏了',
];
const COMPLAINTS = [
  '楼下商铺晚上噪音太大，十点以后还在营业，影响休息',
  '小区垃圾桶好几天没清理，气味很大',
  '地下车库有外来车辆长期占用固定车位',
  '电梯经常停在高层不动，早上等很久',
  '楼道里堆放杂物，影响通行也有消防隐患',
  '绿化带里的树枝挡住了路灯，晚上很黑',
  '快递经常被放在门口不通知，丢过一次件',
  '邻居装修超过规定时间施工，周末也不停',
];
const SUGGESTIONS = [
  '建议在儿童游乐区加装遮阳棚',
  '建议小区门口增加非机动车停放区',
  '建议公告栏定期更新停水停电通知',
];
const INQUIRIES = ['请问物业费可以按季度缴纳吗', '请问装修需要办理哪些手续', '请问小区什么时候开放游泳池'];
const PRAISE = ['感谢保安师傅帮忙搬运重物，服务很热情', '保洁阿姨每天打扫得很干净，辛苦了'];
const PUBLIC_AREAS = ['1栋电梯厅', '2栋一楼大堂', '地下车库B区', '小区东门', '3栋楼顶平台', '中心花园'];

function submission(resident) {
  const r = Math.random();
  const [kind, texts] =
    r < 0.45
      ? ['repair', REPAIRS]
      : r < 0.8
        ? ['complaint', COMPLAINTS]
        : r < 0.88
          ? ['suggestion', SUGGESTIONS]
          : r < 0.96
            ? ['inquiry', INQUIRIES]
            : ['praise', PRAISE];
  // A sentence of its own so that two submissions are rarely the same text.
  const content = `${pick(texts)}（${resident.label}，第${resident.seq}次反馈，${randomUUID().slice(0, 6)}）`;
  const onPublicArea = kind !== 'repair' && Math.random() < 0.15;
  return onPublicArea
    ? { kind, content, location: pick(PUBLIC_AREAS) }
    : { kind, content, householdId: resident.householdId };
}

export class Resident {
  constructor(i, ctx, household) {
    this.i = i;
    this.ctx = ctx;
    this.householdId = household.id;
    this.label = household.label;
    this.openid = `load-openid-${ctx.runId}-${i}`;
    this.name = `住户${String(i + 1).padStart(3, '0')}`;
    this.token = null;
    this.userId = null;
    this.seq = 0;
    this.calls = 0;
    /** ticket id → last status seen */
    this.tickets = new Map();
    this.rated = new Set();
  }

  /** Alternates between the instances, request by request. */
  prefer() {
    return this.i + this.calls++;
  }

  /** wx.login → POST /auth/wechat-login; the front desk hands a binding code; the resident binds the flat. */
  async setup() {
    const { ctx } = this;
    const login = await persist(ctx, {
      method: 'POST',
      path: '/api/auth/wechat-login',
      body: { code: ctx.fake.code(this.openid) },
      label: 'POST /auth/wechat-login',
      prefer: this.prefer(),
    });
    // A code is one-time: a retried login after a lost answer needs a fresh wx.login.
    let r = login.r;
    for (let i = 0; r.status === 401 && i < 3; i++) {
      r = (
        await persist(ctx, {
          method: 'POST',
          path: '/api/auth/wechat-login',
          body: { code: ctx.fake.code(this.openid) },
          label: 'POST /auth/wechat-login',
          prefer: this.prefer(),
        })
      ).r;
    }
    if (r.status !== 200)
      throw new Error(`resident ${this.i}: WeChat login answered ${r.status} ${r.body?.message ?? ''}`);
    this.token = r.body.token;
    this.userId = r.body.user.id;
    const code = await persist(ctx, {
      method: 'POST',
      path: `/api/households/${this.householdId}/codes`,
      token: ctx.staff.frontDesk.token,
      label: 'POST /households/:id/codes',
      actor: 'staff',
      prefer: this.prefer(),
    });
    if (code.r.status !== 201)
      throw new Error(`binding code for ${this.label}: ${code.r.status} ${code.r.body?.message ?? ''}`);
    const bind = await persist(ctx, {
      method: 'POST',
      path: '/api/bindings',
      body: { code: code.r.body.code, name: this.name, relation: pick(['owner', 'tenant', 'family']) },
      token: this.token,
      label: 'POST /bindings',
      prefer: this.prefer(),
    });
    if (bind.r.status !== 201 || bind.r.body?.status !== 'approved')
      throw new Error(`resident ${this.i} binding: ${bind.r.status} ${bind.r.body?.message ?? ''}`);
  }

  async run() {
    const { ctx } = this;
    await sleep(between(0, 3000)); // do not all start in the same millisecond
    while (now() < ctx.stopAt) {
      const toRate = [...this.tickets].find(([id, st]) => st === 'handled' && !this.rated.has(id));
      const r = Math.random();
      if (toRate && r < 0.7) await this.rate(toRate[0]);
      else if (r < 0.3) await this.file();
      else if (r < 0.7 || !this.tickets.size) await this.list();
      else await this.detail();
      await pause(this.ctx, between(3000, 8000));
    }
  }

  /** Files a ticket with a fresh Idempotency-Key, retried with the same key until acknowledged. */
  async file() {
    const { ctx } = this;
    this.seq++;
    const body = submission(this);
    const key = `ld-${ctx.runId}-${this.i}-${this.seq}-${randomUUID().slice(0, 8)}`;
    ctx.sent.set(key, { userId: this.userId, resident: this.i, at: now(), acked: false });
    const req = {
      method: 'POST',
      path: '/api/tickets',
      body,
      headers: { 'Idempotency-Key': key },
      token: this.token,
      label: 'POST /tickets',
      prefer: this.prefer(),
    };
    const { r, attempts, gaveUp } = await persist(ctx, req);
    if (r.status === 201 || r.status === 200) {
      const t = r.body;
      ctx.sent.get(key).acked = true;
      ctx.acks.set(key, {
        userId: this.userId,
        ticketId: t.id,
        number: t.number,
        reopened: !!t.reopenedExisting,
        created: r.status === 201,
        attempts,
        instance: r.instance,
        at: now(),
      });
      if (attempts > 1) ctx.stats.ackedAfterRetry++;
      this.tickets.set(t.id, t.status);
      // A double tap: the same submission again must give back the same ticket, not a second one.
      if (Math.random() < 0.1) {
        const again = await persist(ctx, { ...req, prefer: this.prefer(), label: 'POST /tickets (replay)' });
        ctx.stats.replays++;
        if (again.r.status !== 200 || again.r.body?.id !== t.id)
          ctx.replayMismatch.push({ key, first: t.id, again: again.r.status, id: again.r.body?.id });
      }
    } else if (gaveUp) {
      ctx.stats.gaveUp++;
    } else unexpected(ctx, 'POST /tickets', r);
  }

  async list() {
    const { ctx } = this;
    const { r, gaveUp } = await persist(
      ctx,
      { path: '/api/tickets?pageSize=20', token: this.token, label: 'GET /tickets', prefer: this.prefer() },
      { giveUpMs: 20_000 },
    );
    if (r.status === 200) for (const it of r.body.items) this.tickets.set(it.id, it.status);
    else if (!gaveUp) unexpected(ctx, 'GET /tickets', r);
  }

  async detail() {
    const { ctx } = this;
    const id = pick([...this.tickets.keys()]);
    const { r, gaveUp } = await persist(
      ctx,
      { path: `/api/tickets/${id}`, token: this.token, label: 'GET /tickets/:id', prefer: this.prefer() },
      { giveUpMs: 20_000 },
    );
    if (r.status === 200) this.tickets.set(id, r.body.status);
    else if (!gaveUp) unexpected(ctx, 'GET /tickets/:id', r);
  }

  /** The rating page: read the questions, answer them; satisfied closes the ticket, unsatisfied reopens it. */
  async rate(id) {
    const { ctx } = this;
    this.rated.add(id);
    const form = await persist(
      ctx,
      {
        path: `/api/tickets/${id}/rating`,
        token: this.token,
        label: 'GET /tickets/:id/rating',
        prefer: this.prefer(),
      },
      { giveUpMs: 20_000 },
    );
    if (form.r.status !== 200) {
      if (!form.gaveUp) unexpected(ctx, 'GET /tickets/:id/rating', form.r);
      return;
    }
    if (!form.r.body.canRate) return; // closed or moved meanwhile
    const satisfied = Math.random() < 0.85;
    const body = {
      scores: Object.fromEntries(
        form.r.body.questions.map((q) => [q.key, satisfied ? pick([4, 5]) : pick([1, 2])]),
      ),
      satisfied,
      ...(form.r.body.asksCharge ? { chargeCorrect: true } : {}),
      ...(satisfied ? {} : { comment: '问题还没有彻底解决，请再来看看' }),
    };
    const { r, attempts, gaveUp } = await persist(ctx, {
      method: 'POST',
      path: `/api/tickets/${id}/rating`,
      body,
      token: this.token,
      label: 'POST /tickets/:id/rating',
      prefer: this.prefer(),
    });
    if (r.status === 201 || r.status === 200) {
      ctx.stats.ratings++;
      this.tickets.set(id, satisfied ? 'closed' : 'in_progress');
    } else if (r.status === 409 && (attempts > 1 || r.body?.code === 'not_open')) {
      // An earlier attempt was recorded before its answer was lost, or the ticket moved on: nothing to do.
    } else if (!gaveUp) unexpected(ctx, 'POST /tickets/:id/rating', r);
  }
}

/** A department member working their queue: start a repair, then mark it handled. */
export class Staff {
  constructor(i, ctx, account) {
    this.i = i;
    this.ctx = ctx;
    this.account = account;
    this.token = account.token;
    this.calls = 0;
  }

  prefer() {
    return this.i + this.calls++;
  }

  async act(id, version, action, extra = {}) {
    const { r } = await persist(this.ctx, {
      method: 'POST',
      path: `/api/tickets/${id}/actions`,
      body: { action, version, ...extra },
      token: this.token,
      label: 'POST /tickets/:id/actions',
      actor: 'staff',
      prefer: this.prefer(),
    });
    if (r.status === 200) return r.body;
    // Someone (or our own lost-then-retried attempt) moved it first: that is what 409 is for.
    if (r.status === 409) this.ctx.stats.conflicts++;
    else if (r.status !== 0 && r.status < 500) unexpected(this.ctx, `POST actions ${action}`, r);
    return null;
  }

  async run() {
    const { ctx } = this;
    while (now() < ctx.stopAt) {
      let worked = false;
      for (const scope of ['mine', 'department']) {
        const { r } = await persist(
          ctx,
          {
            path: `/api/staff/queue?scope=${scope}&pageSize=30`,
            token: this.token,
            label: 'GET /staff/queue',
            actor: 'staff',
            prefer: this.prefer(),
          },
          { giveUpMs: 20_000 },
        );
        if (r.status !== 200) {
          if (r.status && r.status < 500 && r.status !== 429) unexpected(ctx, 'GET /staff/queue', r);
          continue;
        }
        const item = r.body.items.find(
          (t) => t.kind === 'repair' && ['assigned', 'in_progress'].includes(t.status),
        );
        if (!item) continue;
        const d = await persist(
          ctx,
          {
            path: `/api/tickets/${item.id}`,
            token: this.token,
            label: 'GET /tickets/:id',
            actor: 'staff',
            prefer: this.prefer(),
          },
          { giveUpMs: 20_000 },
        );
        if (d.r.status !== 200) continue;
        let t = d.r.body;
        if (t.status === 'assigned') t = await this.act(t.id, t.version, 'start');
        if (t && t.status === 'in_progress') {
          t = await this.act(t.id, t.version, 'mark_handled', { note: '已上门检修完毕，试用正常' });
          if (t) ctx.stats.handled++;
        }
        worked = true;
        break;
      }
      await pause(ctx, worked ? between(500, 1500) : between(1500, 3000));
    }
  }
}

/**
 * Requests a careless or hostile client sends; each must be refused with the listed 4xx (or 429 when limited;
 * 503 counts only inside a fault window). `hostile` records carry the expectation for the checks.
 */
export class Hostile {
  constructor(ctx, residents) {
    this.ctx = ctx;
    this.residents = residents;
    this.calls = 0;
  }

  async send(name, req, expect) {
    const call = () =>
      this.ctx.api.call({
        ...req,
        label: `hostile: ${name}`,
        actor: 'hostile',
        expect,
        prefer: this.calls++,
      });
    let r = await call();
    if (r.net) r = await call(); // no answer from that instance: the next try goes to the other one
    this.ctx.stats.hostile++;
    return r;
  }

  async run() {
    const { ctx } = this;
    const cases = [
      async (me) =>
        this.send(
          'malformed JSON',
          { method: 'POST', path: '/api/tickets', raw: '{"kind": "repair", "content": ', token: me.token },
          [400],
        ),
      async (me) =>
        this.send(
          'oversized body',
          {
            method: 'POST',
            path: '/api/tickets',
            raw: JSON.stringify({ kind: 'repair', content: 'x'.repeat(200_000) }),
            token: me.token,
          },
          [413],
        ),
      async (me) =>
        this.send(
          'bad idempotency key',
          {
            method: 'POST',
            path: '/api/tickets',
            body: { kind: 'repair', content: '水管漏水请来修理', householdId: me.householdId },
            headers: { 'Idempotency-Key': 'a b;DROP TABLE' },
            token: me.token,
          },
          [400],
        ),
      async (me) => {
        // The same key with different content: refused, never a second ticket.
        const [key] = pick([...ctx.acks].filter(([, a]) => a.userId === me.userId)) ?? [];
        if (!key) return;
        await this.send(
          'same key, other content',
          {
            method: 'POST',
            path: '/api/tickets',
            body: { kind: 'repair', content: `完全不同的内容 ${randomUUID()}`, householdId: me.householdId },
            headers: { 'Idempotency-Key': key },
            token: me.token,
          },
          [422],
        );
      },
      async (me) => {
        // A neighbour's ticket by id: 404, no existence leak.
        const others = [...ctx.acks.values()].filter((a) => a.userId !== me.userId && !a.reopened);
        const a = pick(others);
        if (!a) return;
        const owner = this.residents.find((x) => x.userId === a.userId);
        if (owner && owner.householdId === me.householdId) return; // same flat: visible by design
        await this.send(
          'another resident’s ticket',
          { path: `/api/tickets/${a.ticketId}`, token: me.token },
          [404],
        );
      },
      async (me) =>
        this.send('not a uuid', { path: '/api/tickets/..%2F..%2Fetc%2Fpasswd', token: me.token }, [400, 404]),
      async () => this.send('no token', { path: '/api/tickets' }, [401]),
      async () =>
        this.send(
          'forged token',
          { path: '/api/tickets', token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
          [401],
        ),
      async (me) => {
        const mine = [...me.tickets.keys()];
        if (!mine.length) return;
        await this.send(
          'resident tries a staff move',
          {
            method: 'POST',
            path: `/api/tickets/${pick(mine)}/actions`,
            body: { action: 'mark_handled', version: 1, note: 'x' },
            token: me.token,
          },
          [400, 403, 409],
        );
      },
      async (me) =>
        this.send(
          'resident reads the staff queue',
          { path: '/api/staff/queue?scope=project', token: me.token },
          [403],
        ),
      async (me) =>
        this.send(
          'wrong types',
          {
            method: 'POST',
            path: '/api/tickets',
            body: { kind: 'bribe', content: ['x'], householdId: 42 },
            headers: { 'Idempotency-Key': `h-${randomUUID()}` },
            token: me.token,
          },
          [400],
        ),
    ];
    while (now() < ctx.stopAt) {
      const me = pick(this.residents);
      await pick(cases)(me);
      await pause(ctx, between(300, 900));
    }
  }
}
