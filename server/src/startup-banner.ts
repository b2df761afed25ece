/**
 * What the server prints once it listens: where it is, and — with the development login on — the demo
 * accounts to sign in with. Every line goes through the app's logger (one log line a row), so it comes out
 * in order with the other log lines: a pretty line on a terminal, a JSON line (`msg`) elsewhere.
 */

/** One demo account as printed. */
export interface DemoAccountRow {
  id: string;
  /** Role as staff call it (客服前台, 项目经理 … 业主/住户). */
  role: string;
  name: string;
  /** Department, project, group, or the resident's flat. */
  where: string;
}

/** Staff first, in the order a ticket meets them, then by department or flat; residents last. */
const ROLE_ORDER = ['front_desk', 'cs_lead', 'project_manager', 'dept_staff', 'hq', 'resident'];

/** The rows of `AuthService.devAccounts()` (what the login page lists), in the order above. */
export function demoAccountRows(
  accounts: {
    id: string;
    name: string;
    role: string;
    roleLabel: string;
    departmentName: string | null;
    householdLabel: string | null;
  }[],
  projectName = '阳光花园',
): DemoAccountRow[] {
  const rank = (role: string) => {
    const i = ROLE_ORDER.indexOf(role);
    return i < 0 ? ROLE_ORDER.length : i;
  };
  // Unbound residents after the bound ones.
  const place = (a: (typeof accounts)[number]) => a.departmentName ?? a.householdLabel;
  const byPlace = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);
  return [...accounts]
    .sort(
      (a, b) => rank(a.role) - rank(b.role) || byPlace(place(a), place(b)) || a.name.localeCompare(b.name),
    )
    .map((a) => ({
      id: a.id,
      role: a.roleLabel,
      name: a.name,
      where:
        a.departmentName ??
        a.householdLabel ??
        (a.role === 'hq' ? '集团' : a.role === 'resident' ? '未绑定房屋' : projectName),
    }));
}

/**
 * Columns a string takes on a terminal: CJK ideographs, kana, hangul and full-width forms take two.
 * (Enough for names, roles and flats; combining marks and emoji are not expected here.)
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** A plain text table: a header, a rule, one line per row; columns two spaces apart, CJK-aware. */
export function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * The lines that tell how to sign in with a demo account, then the accounts.
 * `devLogin` false (a WeChat app id is set): the accounts exist but cannot be picked.
 */
export function demoAccountLines(url: string, rows: DemoAccountRow[], devLogin: boolean): string[] {
  if (!rows.length) return [];
  const head = devLogin
    ? [
        `demo accounts (development login): open ${url}/ and tap a name under 选择演示账号登录,`,
        `or POST ${url}/api/auth/dev-login with {"accountId":"<id>"} (the answer carries the login token):`,
      ]
    : [
        'demo accounts (the development login is off because a WeChat app id is set: staff sign in with WeChat',
        'and redeem an invite code from POST /api/auth/staff/:id/invite; residents sign in with WeChat and bind a flat):',
      ];
  return [
    ...head,
    ...textTable(
      ['role 角色', 'name 姓名', 'department / flat', 'accountId'],
      rows.map((r) => [r.role, r.name, r.where, r.id]),
    ).map((l) => `  ${l}`),
  ];
}
