import {
  customerPriority,
  KEY_CUSTOMER_REASONS,
  KEY_CUSTOMER_REASON_LABELS,
  TENURE_LABELS,
  TENURES,
  tenureMonths,
  tenureOf,
} from './customers';

/** Noon in Shanghai on a calendar day. */
const day = (iso: string) => new Date(`${iso}T12:00:00+08:00`);

describe('key customers 重点客户 (the satisfaction-management handbook 重点客户选择标准, the customer-service handbook 重要客户)', () => {
  it('lists every reason the seeds give, each with a Chinese label', () => {
    expect([...KEY_CUSTOMER_REASONS].sort()).toEqual(
      [
        'large_share',
        'owners_committee',
        'committee_preparatory',
        'community_figure',
        'strong_bias',
        'special_needs',
        'medical_equipment',
        'frail_alone',
        'government_media',
        'group_employee',
        'frequent_complainant',
        'big_customer',
      ].sort(),
    );
    for (const r of KEY_CUSTOMER_REASONS) expect(KEY_CUSTOMER_REASON_LABELS[r]).toMatch(/[\u4e00-\u9fa5]/);
    expect(KEY_CUSTOMER_REASON_LABELS.large_share).toContain('5%以上');
    expect(KEY_CUSTOMER_REASON_LABELS.big_customer).toContain('学校');
  });

  it('ranks an ordinary customer at 0', () => {
    expect(customerPriority([])).toEqual({ priority: 0, priorityReason: '普通客户', reasons: [] });
  });

  it('ranks every key customer above an ordinary one', () => {
    for (const r of KEY_CUSTOMER_REASONS) expect(customerPriority([r]).priority).toBeGreaterThan(0);
  });

  it('ranks medical equipment highest, then frail people living alone, since emergencies matter', () => {
    const ranked = [...KEY_CUSTOMER_REASONS].sort(
      (a, b) => customerPriority([b]).priority - customerPriority([a]).priority,
    );
    expect(ranked.slice(0, 2)).toEqual(['medical_equipment', 'frail_alone']);
    expect(customerPriority(['frail_alone']).priority).toBeGreaterThan(
      customerPriority(['special_needs']).priority,
    );
  });

  it('never lets a stack of lesser reasons outrank a household relying on medical equipment', () => {
    const allButTop = KEY_CUSTOMER_REASONS.filter((r) => r !== 'medical_equipment' && r !== 'frail_alone');
    expect(customerPriority(allButTop).priority).toBeLessThan(customerPriority(['frail_alone']).priority);
    const allButMedical = KEY_CUSTOMER_REASONS.filter((r) => r !== 'medical_equipment');
    expect(customerPriority(allButMedical).priority).toBeLessThan(
      customerPriority(['medical_equipment']).priority,
    );
  });

  it('breaks ties within a tier by how many further reasons apply', () => {
    expect(customerPriority(['owners_committee', 'strong_bias']).priority).toBeGreaterThan(
      customerPriority(['owners_committee']).priority,
    );
  });

  it('explains the ranking in Chinese, naming every reason and why the top one matters', () => {
    const p = customerPriority(['owners_committee', 'medical_equipment']);
    expect(p.reasons).toEqual(['medical_equipment', 'owners_committee']);
    expect(p.priorityReason).toBe(
      '重点客户（长期患病、需医疗设备维持生命的客户；业主委员会成员）：停水停电或设备故障可能危及生命，须优先响应',
    );
  });

  it('ignores unknown and repeated codes', () => {
    expect(customerPriority(['vip', 'owners_committee', 'owners_committee'])).toEqual(
      customerPriority(['owners_committee']),
    );
    expect(customerPriority(['vip']).priority).toBe(0);
  });
});

describe('tenure 入住时长 (the customer-service handbook: 新客户 / 磨合期客户 / 稳定期客户 / 老客户)', () => {
  it('has a Chinese label for every band', () => {
    expect(TENURES.map((t) => TENURE_LABELS[t])).toEqual(['新客户', '磨合期客户', '稳定期客户', '老客户']);
  });

  it('is a new customer (< 6 months) until the day before the six-month anniversary', () => {
    expect(tenureOf('2025-03-15', day('2025-03-15'))).toBe('new');
    expect(tenureOf('2025-03-15', day('2025-09-14'))).toBe('new');
    expect(tenureOf('2025-03-15', day('2025-09-15'))).toBe('settling');
  });

  it('is settling in (6–12 months) until the day before the first anniversary', () => {
    expect(tenureOf('2025-03-15', day('2026-03-14'))).toBe('settling');
    expect(tenureOf('2025-03-15', day('2026-03-15'))).toBe('stable');
  });

  it('is stable (1–2 years) until the day before the second anniversary, long-standing from it', () => {
    expect(tenureOf('2025-03-15', day('2027-03-14'))).toBe('stable');
    expect(tenureOf('2025-03-15', day('2027-03-15'))).toBe('long_standing');
    expect(tenureOf('2015-01-01', day('2026-11-22'))).toBe('long_standing');
  });

  it('counts calendar months, completing a month on the last day of a shorter month', () => {
    expect(tenureMonths('2025-08-31', day('2025-09-30'))).toBe(1);
    expect(tenureMonths('2025-08-31', day('2026-02-27'))).toBe(5);
    expect(tenureMonths('2025-08-31', day('2026-02-28'))).toBe(6);
    expect(tenureOf('2025-08-31', day('2026-02-28'))).toBe('settling');
    expect(tenureMonths('2023-08-31', day('2024-02-28'))).toBe(5); // leap year: Feb has a 29th
    expect(tenureMonths('2023-08-31', day('2024-02-29'))).toBe(6);
    expect(tenureMonths('2024-02-29', day('2025-02-28'))).toBe(12);
  });

  it('uses Asia/Shanghai calendar dates, not UTC', () => {
    // 2025-09-14T16:30Z is already 2025-09-15 00:30 in Shanghai: the six-month anniversary.
    expect(tenureOf('2025-03-15', new Date('2025-09-14T16:30:00Z'))).toBe('settling');
    expect(tenureOf('2025-03-15', new Date('2025-09-14T15:59:59Z'))).toBe('new');
    // A Date move-in is read as a Shanghai date too: 2025-03-14T16:00Z is 03-15 in Shanghai.
    expect(tenureOf(new Date('2025-03-14T16:00:00Z'), day('2025-09-15'))).toBe('settling');
    expect(tenureOf(new Date('2025-03-15T16:00:00Z'), day('2025-09-15'))).toBe('new');
  });

  it('treats a move-in date still ahead (announced 集中入住) as a new customer', () => {
    expect(tenureMonths('2026-12-01', day('2026-11-22'))).toBe(0);
    expect(tenureOf('2026-12-01', day('2026-11-22'))).toBe('new');
  });

  it('rejects a malformed or impossible move-in date', () => {
    expect(() => tenureOf('2025/03/15', day('2026-01-01'))).toThrow(RangeError);
    expect(() => tenureOf('2025-02-30', day('2026-01-01'))).toThrow(RangeError);
    expect(() => tenureOf(new Date('nonsense'), day('2026-01-01'))).toThrow(RangeError);
  });
});
