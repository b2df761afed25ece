import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Business time is Asia/Shanghai whatever the server's zone (domain: all dates are Beijing time).
 * Jest cannot switch a running process's zone, so re-run the deadline specs in child processes.
 */
const isChild = process.env.WUYE_TZ_CHILD === '1';
const shared = join(__dirname, '..', '..');

(isChild ? describe.skip : describe)('deadline arithmetic under other machine time zones', () => {
  it.each(['UTC', 'America/New_York'])(
    'passes with TZ=%s',
    (tz) => {
      const jest = require.resolve('jest/bin/jest', { paths: [shared] });
      const run = () =>
        execFileSync(
          process.execPath,
          [jest, '--silent', 'src/deadlines/(working-time|compute|calendar)\\.spec\\.ts'],
          {
            cwd: shared,
            env: { ...process.env, TZ: tz, WUYE_TZ_CHILD: '1' },
            stdio: 'pipe',
            encoding: 'utf8',
          },
        );
      expect(run).not.toThrow();
    },
    120_000,
  );
});
