import {
  checkReply,
  checkReplyWith,
  COMPANY_BETTER_MAX,
  COMPANY_PHRASE_MAX,
  COMPANY_PHRASES_MAX,
  DEFAULT_COMPANY_PHRASES,
  unfilledPlaceholders,
} from '../language';
import { statusLabelFor, TICKET_STATUSES } from '../tickets';
import { RESIDENT_VIEW, residentReadsText, residentRecord, TICKET_ACTIONS, TRANSITIONS } from './transitions';

/** docs/domain-rules.md "What each person sees": per record type, what the resident reads. */
describe('the resident timeline, per record type', () => {
  const secret = '业主情绪激动，内部判断需项目经理出面；分类置信度 0.62';

  it('decides every action, and a row is public exactly when the resident sees its record', () => {
    for (const a of TICKET_ACTIONS) expect(RESIDENT_VIEW[a]).toBeDefined();
    for (const row of TRANSITIONS)
      expect([row.action, row.public]).toEqual([row.action, RESIDENT_VIEW[row.action] !== 'none']);
  });

  const publicRows = TRANSITIONS.filter((r) => r.public);
  it.each(publicRows.map((r) => [r.action, r.label, RESIDENT_VIEW[r.action]] as const))(
    '%s (%s): the resident sees %s',
    (action, label, view) => {
      const seen = residentRecord({ action, label, note: secret, internal: false, photoIds: ['p1'] });
      expect(seen).not.toBeNull();
      if (view === 'text') expect(seen).toEqual({ label, note: secret, photoIds: ['p1'] });
      else expect(seen).toEqual({ label: expect.any(String), note: null, photoIds: [] });
      // Whatever label the resident reads passes the forbidden-phrase check and has no placeholder.
      expect(checkReply(seen!.label).ok).toBe(true);
      expect(checkReplyWith(seen!.label, DEFAULT_COMPANY_PHRASES).ok).toBe(true);
      expect(unfilledPlaceholders(seen!.label)).toEqual([]);
      expect(residentReadsText(action)).toBe(view === 'text');
    },
  );

  it('escalation (服务上移): the reason stays with staff, the resident reads a plain label', () => {
    const seen = residentRecord({
      action: 'escalate',
      label: '服务上移',
      note: '业主情绪激动…',
      internal: false,
    });
    expect(seen).toEqual({ label: '已请上级主管跟进', note: null, photoIds: [] });
  });

  it.each(['transfer', 'send_back', 'internal_note', 'verify'])('%s is staff only', (action) => {
    expect(residentRecord({ action, label: 'x', note: secret, internal: false })).toBeNull();
  });

  it('the system assignment with the classifier reasoning shows only 已派单', () => {
    const seen = residentRecord({
      action: 'assign',
      label: '已派单',
      note: '按最终原因归为“设备管理类”（置信度 93%），已派至工程部（张师傅）',
      internal: false,
    });
    expect(seen).toEqual({ label: '已派单', note: null, photoIds: [] });
  });

  it("the resident's own reason (reopen, cancel) stays readable to them", () => {
    expect(
      residentRecord({
        action: 'reopen',
        label: '问题未解决，重新处理',
        note: '还在漏',
        internal: false,
        byResident: true,
      })?.note,
    ).toBe('还在漏');
  });

  it('records of other domains follow their stored internal flag', () => {
    expect(
      residentRecord({ action: 'quote_sent', label: '报价已发送', note: 'x', internal: false })?.note,
    ).toBe('x');
    expect(residentRecord({ action: 'overdue', label: '超时提醒', note: 'x', internal: true })).toBeNull();
  });
});

describe('staff wording', () => {
  it('no staff status label addresses the resident as 您', () => {
    for (const s of TICKET_STATUSES) expect(statusLabelFor(s, 'staff')).not.toContain('您');
    expect(statusLabelFor('solution_proposed', 'staff')).toBe('方案待业主确认');
    expect(statusLabelFor('solution_proposed', 'resident')).toBe('方案待您确认');
  });
});

describe('the company list of forbidden phrases (seeded)', () => {
  it.each(['这不归我们管', '我也没办法', '你找开发商去', '这是公司的规定', '你不懂'])(
    'catches %s, with a better wording',
    (p) => {
      const check = checkReplyWith(`您好，${p}。`, DEFAULT_COMPANY_PHRASES);
      expect(check.ok).toBe(false);
      expect(check.hits[0]!.better.length).toBeGreaterThan(5);
    },
  );
  it('the seed is within the bounds a company list must keep, with no phrase twice', () => {
    const phrases = DEFAULT_COMPANY_PHRASES.map((p) => p.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
    expect(phrases.length).toBeLessThanOrEqual(COMPANY_PHRASES_MAX);
    for (const p of DEFAULT_COMPANY_PHRASES) {
      expect(Array.from(p.phrase).length).toBeLessThanOrEqual(COMPANY_PHRASE_MAX);
      expect(Array.from(p.better).length).toBeLessThanOrEqual(COMPANY_BETTER_MAX);
    }
  });
  it('an edited list is what is checked', () => {
    const list = [{ phrase: '等着吧', better: '我们会在今天下班前给您答复。' }];
    expect(checkReplyWith('您先等着吧', list).hits[0]!.better).toBe('我们会在今天下班前给您答复。');
    expect(checkReplyWith('这不归我们管', list).ok).toBe(true);
  });
  it('finds unfilled placeholders, full-width braces too', () => {
    expect(unfilledPlaceholders('师傅将于{时间}到{区域}处理')).toEqual(['时间', '区域']);
    expect(unfilledPlaceholders('师傅将于｛时间｝到场')).toEqual(['时间']);
    expect(unfilledPlaceholders('师傅将于今天下午到3栋处理')).toEqual([]);
  });
});
