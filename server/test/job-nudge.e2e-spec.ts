import Redis from 'ioredis';
import { JobsService } from '../src/jobs/jobs.service';
import { DRIVERS, startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * A job due now (an emergency's WeChat message, a text) runs as soon as the transaction that scheduled it commits,
 * not at the runner's next look: here the runners look only every 30 s.
 */
describe.each(DRIVERS)('jobs due now run on commit on %s', (driver) => {
  for (const mode of ['poller', 'redis'] as const) {
    describe(mode, () => {
      let t: TestApp;
      const ran = new Map<string, number>();
      const prefix = `wuye-nudge-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      beforeAll(async () => {
        const env: Record<string, string> = { JOBS_POLL_MS: '30000' };
        if (mode === 'redis') Object.assign(env, { REDIS_URL, JOBS_REDIS_PREFIX: prefix });
        t = await startTestApp(driver, env);
        expect(t.app.get(JobsService).mode).toBe(mode);
        t.app.get(JobsService).handle('test.nudge', async (p) => {
          ran.set(String(p.n), Date.now());
        });
        await new Promise((r) => setTimeout(r, 300)); // the runner's first look at start is over
      });
      afterAll(async () => {
        await t?.close();
        if (mode === 'redis') {
          const r = new Redis(REDIS_URL);
          const keys = await r.keys(`${prefix}:*`);
          if (keys.length) await r.del(...keys);
          r.disconnect();
        }
      });

      it('runs a job scheduled in a transaction within moments of the commit, and none of a rolled-back one', async () => {
        const jobs = t.app.get(JobsService);
        await t.ds
          .transaction(async (m) => {
            await jobs.schedule(
              { type: 'test.nudge', key: `nudge:${mode}:lost`, runAt: new Date(), payload: { n: 'lost' } },
              m,
            );
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        const committed = Date.now();
        await t.ds.transaction((m) =>
          jobs.schedule(
            { type: 'test.nudge', key: `nudge:${mode}:kept`, runAt: new Date(), payload: { n: 'kept' } },
            m,
          ),
        );
        const end = Date.now() + 5000;
        while (!ran.has('kept') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        expect(ran.has('kept')).toBe(true);
        expect(ran.get('kept')! - committed).toBeLessThan(3000);
        expect(ran.has('lost')).toBe(false);
        // Outside a transaction too.
        const at = Date.now();
        await jobs.schedule({
          type: 'test.nudge',
          key: `nudge:${mode}:plain`,
          runAt: new Date(),
          payload: { n: 'plain' },
        });
        while (!ran.has('plain') && Date.now() < at + 5000) await new Promise((r) => setTimeout(r, 20));
        expect(ran.get('plain')! - at).toBeLessThan(3000);
      });
    });
  }
});
