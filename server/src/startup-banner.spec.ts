import { demoAccountLines, demoAccountRows, displayWidth, textTable } from './startup-banner';

describe('startup banner', () => {
  it('counts CJK characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('李晓梅')).toBe(6);
    expect(displayWidth('1栋1单元101')).toBe(11);
    expect(displayWidth('𠮷')).toBe(2);
  });

  it('lines up columns of mixed Chinese and Latin text', () => {
    const lines = textTable(
      ['role', 'name', 'id'],
      [
        ['客服前台', '李晓梅', 'a'],
        ['业主/住户', '新住户', 'b'],
      ],
    );
    const idColumn = lines.map((l) => displayWidth(l.slice(0, l.lastIndexOf(' ') + 1)));
    expect(new Set(idColumn).size).toBe(1);
  });

  it('lists staff before residents, with how to sign in', () => {
    const rows = demoAccountRows([
      {
        id: 'r',
        name: '林女士',
        role: 'resident',
        roleLabel: '业主/住户',
        departmentName: null,
        householdLabel: '1栋1单元101',
      },
      {
        id: 'n',
        name: '新住户',
        role: 'resident',
        roleLabel: '业主/住户',
        departmentName: null,
        householdLabel: null,
      },
      {
        id: 'h',
        name: '吴总',
        role: 'hq',
        roleLabel: '集团总部',
        departmentName: null,
        householdLabel: null,
      },
      {
        id: 'f',
        name: '李晓梅',
        role: 'front_desk',
        roleLabel: '客服前台',
        departmentName: '客服部',
        householdLabel: null,
      },
    ]);
    expect(rows.map((r) => [r.name, r.where])).toEqual([
      ['李晓梅', '客服部'],
      ['吴总', '集团'],
      ['林女士', '1栋1单元101'],
      ['新住户', '未绑定房屋'],
    ]);
    const lines = demoAccountLines('http://127.0.0.1:3000', rows, true);
    expect(lines.join('\n')).toContain('/api/auth/dev-login');
    expect(lines.some((l) => l.includes('李晓梅') && l.includes('客服前台') && l.endsWith('f'))).toBe(true);
    expect(demoAccountLines('http://x', [], true)).toEqual([]);
  });
});
