import { Job } from '../src/jobs/job.entity';
import { JobsService } from '../src/jobs/jobs.service';
import { Clock } from '../src/common/clock';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/** The value of one sample in Prometheus text, by name and exact labels; 0 when absent. */
const sample = (text: string, name: string, labels: Record<string, string> = {}) => {
  const want = Object.entries(labels);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (want.every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return 0;
};

describe.each(DRIVERS)('Prometheus metrics on %s', (driver) => {
  let t: TestApp;
  const metrics = async () => (await t.http.get('/metrics').expect(200)).text;
  beforeAll(async () => {
    t = await startTestApp(driver, {
      // WeChat set up with a subscribe template, so filing sends (the demo residents have no openid yet).
      WECHAT_APP_ID: 'wx0000000000000001',
      WECHAT_APP_SECRET: 'test-secret',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({
        ticket_received: { id: 'TPL_RECEIVED', data: { thing1: '{title}' } },
      }),
    });
  });
  afterAll(() => t?.close());

  const file = async (content: string, kind = 'complaint') => {
    const auth = { Authorization: `Bearer ${await t.login('resident-1')}` };
    const [h] = await t.ds.query(`SELECT id FROM households WHERE label = ?`, ['1栋1单元101']);
    return (
      await t.http
        .post('/api/tickets')
        .set(auth)
        .set('Idempotency-Key', idemKey())
        .send({ kind, content, householdId: h.id })
        .expect(201)
    ).body;
  };

  it('is open without METRICS_TOKEN and names the process, requests, tickets, jobs and the pool', async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.headers['x-content-type-options']).toBe('nosniff'); // the security headers every answer has
    expect(res.headers['cache-control']).toBe('no-store');
    for (const name of [
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'http_request_duration_seconds',
      'wuye_tickets_created_total',
      'wuye_emergencies_total',
      'wuye_job_runs_total',
      'wuye_jobs_due',
      'wuye_jobs_lag_seconds',
      'wuye_jobs_failed',
      'wuye_tickets_overdue',
      'wuye_wechat_sends_total',
      'wuye_sms_sends_total',
      'wuye_db_pool_connections_in_use',
    ])
      expect(res.text).toContain(`# TYPE ${name} `);
    if (driver === 'mariadb') {
      expect(sample(res.text, 'wuye_db_pool_connections_limit')).toBe(20);
      // Taken and given back in pairs: nothing is held between requests (this scrape's own reads are done).
      expect(sample(await metrics(), 'wuye_db_pool_connections_in_use')).toBe(0);
    }
  });

  it('counts tickets by kind and category, emergencies, and times each route by its pattern', async () => {
    const before = await metrics();
    const leak = await file('楼上卫生间漏水，水一直往下滴到我家客厅', 'repair');
    const gas = await file('楼道里有很浓的煤气味，怕要爆炸了，快来人');
    const [rows] = [
      await t.ds.query(`SELECT id, kind, category, emergency FROM tickets WHERE id IN (?, ?)`, [
        leak.id,
        gas.id,
      ]),
    ];
    const after = await metrics();
    for (const r of rows as { kind: string; category: string | null }[]) {
      const labels = { kind: r.kind, category: r.category ?? 'none' };
      const same = (rows as { kind: string; category: string | null }[]).filter(
        (x) => x.kind === r.kind && (x.category ?? 'none') === labels.category,
      ).length;
      expect(
        sample(after, 'wuye_tickets_created_total', labels) -
          sample(before, 'wuye_tickets_created_total', labels),
      ).toBe(same);
    }
    const emergencies = (rows as { emergency: unknown }[]).filter((r) => Number(r.emergency) === 1).length;
    expect(emergencies).toBeGreaterThan(0); // the gas smell is an emergency
    expect(
      sample(after, 'wuye_emergencies_total', { kind: 'complaint' }) -
        sample(before, 'wuye_emergencies_total', { kind: 'complaint' }),
    ).toBe(emergencies);

    // Latency under the route's pattern, never the URL with its ids.
    const auth = { Authorization: `Bearer ${await t.login('resident-1')}` };
    await t.http.get(`/api/tickets/${leak.id}`).set(auth).expect(200);
    const text = await metrics();
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/tickets',
        status_code: '201',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/tickets/:id',
        status_code: '200',
      }),
    ).toBe(1);
    expect(text).not.toContain(leak.id);
  });

  it('shows the job queue: what is due and how late, runs by result, and WeChat sends by result', async () => {
    const jobs = t.app.get(JobsService);
    // The notices of the tickets above: WeChat sends for residents without an openid.
    await jobs.runDue();
    expect(
      sample(await metrics(), 'wuye_wechat_sends_total', { result: 'no_openid' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(await metrics(), 'wuye_job_runs_total', { type: 'wechat.subscribe', result: 'done' }),
    ).toBeGreaterThanOrEqual(1);

    const now = t.app.get(Clock).nowMs();
    let fail = true;
    jobs.handle('test.flaky', async () => {
      if (fail) throw new Error('provider down');
    });
    await jobs.schedule({ type: 'test.flaky', key: 'flaky-1', runAt: new Date(now - 90_000) });
    // Due for 90 s and not yet run: the lag shows it (the gauges are read at most every 10 s: wait them out).
    await new Promise((r) => setTimeout(r, 10_500));
    let text = await metrics();
    expect(sample(text, 'wuye_jobs_due')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'wuye_jobs_lag_seconds')).toBeGreaterThanOrEqual(90);
    await jobs.runOne((await t.ds.getRepository(Job).findOneByOrFail({ key: 'flaky-1' })).id);
    fail = false;
    text = await metrics();
    expect(sample(text, 'wuye_job_runs_total', { type: 'test.flaky', result: 'retry' })).toBe(1);
    expect(sample(text, 'wuye_job_start_delay_seconds_count', { type: 'test.flaky' })).toBe(1);
    expect(sample(text, 'wuye_job_start_delay_seconds_bucket', { type: 'test.flaky', le: '60' })).toBe(0);
  }, 60_000);
});

describe('Prometheus metrics behind METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { METRICS_TOKEN: 'metrics-token-0123456789' });
  });
  afterAll(() => t?.close());

  it('answers 401 without the bearer token or with a wrong one, and the text with it', async () => {
    const res = await t.http.get('/metrics').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.message).toContain('METRICS_TOKEN');
    await t.http.get('/metrics').set('Authorization', 'Bearer metrics-token-0123456780').expect(401);
    await t.http.get('/metrics').set('Authorization', 'metrics-token-0123456789').expect(401);
    const ok = await t.http
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-0123456789')
      .expect(200);
    expect(ok.text).toContain('# TYPE http_request_duration_seconds histogram');
  });
});
