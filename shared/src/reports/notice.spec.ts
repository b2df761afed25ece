import { buildNotice, noticeReason, onNotice, publicPlace, redactPersonalData } from './notice';

describe('the monthly public notice shows no resident’s personal data', () => {
  it('removes phone numbers in every usual shape', () => {
    for (const p of [
      '13900000003',
      '139 0000 0003',
      '139-0000-0003',
      '+86 13900000003',
      '021-58881234',
      '58881234',
    ])
      expect(redactPersonalData(`有事打我电话${p}谢谢`)).toBe('有事打我电话***谢谢');
  });

  it('keeps the building and unit but never the room', () => {
    expect(redactPersonalData('3栋1单元302楼上漏水')).toBe('3栋1单元楼上漏水');
    expect(redactPersonalData('3栋302的狗')).toBe('3栋的狗');
    expect(redactPersonalData('2单元602装修')).toBe('2单元装修');
    expect(redactPersonalData('3-1-302 业主')).toBe('某房 业主');
    expect(redactPersonalData('楼上1201室每晚吵闹')).toBe('楼上某室每晚吵闹');
    expect(redactPersonalData('3栋电梯坏了')).toBe('3栋电梯坏了');
    expect(redactPersonalData('已与702业主沟通，楼下 1201 也漏')).toBe('已与某房业主沟通，楼下 某房 也漏');
    expect(redactPersonalData('赔偿1500元，2026年修好，10:30到场，高200米')).toBe(
      '赔偿1500元，2026年修好，10:30到场，高200米',
    );
  });

  it('removes names: known ones, a surname with an honorific, and a self-introduction', () => {
    expect(redactPersonalData('林女士反映楼上漏水', [])).toBe('某女士反映楼上漏水');
    expect(redactPersonalData('何阿姨家的狗', [])).toBe('某阿姨家的狗');
    expect(redactPersonalData('我是王建国，住在这里')).toBe('我是某某，住在这里');
    expect(redactPersonalData('我叫林小红')).toBe('我叫某某');
    expect(redactPersonalData('业主陈一一投诉', ['陈一一'])).toBe('业主某住户投诉');
    expect(redactPersonalData('小区物业师傅处理及时')).toBe('小区物业师傅处理及时');
  });

  it('removes e-mail addresses and ID numbers', () => {
    expect(redactPersonalData('邮箱 lin@example.com 身份证 31011519800101123X')).toBe('邮箱 *** 身份证 ***');
  });

  it('shows a place no finer than building and unit', () => {
    expect(publicPlace(null, '2栋2单元602')).toBe('2栋');
    expect(publicPlace('3栋1单元302门口', null)).toBe('3栋1单元门口');
    expect(publicPlace(null, null)).toBe('公共区域');
  });

  it('puts disputes, public places and shared events on the notice, and keeps one household’s matter off it', () => {
    expect(noticeReason({ category: '业户纠纷类', householdId: 'h', incidentId: null })).toBe('dispute');
    expect(noticeReason({ category: '环境管理类', householdId: null, incidentId: null })).toBe('public_area');
    expect(noticeReason({ category: '设备管理类', householdId: 'h', incidentId: 'i' })).toBe(
      'common_interest',
    );
    expect(noticeReason({ category: '综合服务类', householdId: 'h', incidentId: null })).toBeNull();
  });

  it('leaves withdrawn complaints off the notice', () => {
    const dispute = { category: '业户纠纷类', householdId: 'h', incidentId: null };
    expect(onNotice({ ...dispute, status: 'in_progress' })).toBe(true);
    expect(onNotice({ ...dispute, status: 'cancelled' })).toBe(false);
    expect(onNotice({ ...dispute, category: '综合服务类', status: 'closed' })).toBe(false);
  });
});

describe('the notice’s lines', () => {
  const row = (over: Partial<import('./notice').NoticeSource>): import('./notice').NoticeSource => ({
    id: Math.random().toString(36),
    category: '环境管理类',
    householdId: null,
    householdLabel: null,
    incidentId: null,
    incidentTitle: null,
    location: '3栋门口',
    content: '门口垃圾堆了三天没人清',
    status: 'closed',
    handlingNote: '已安排保洁每日清运两次',
    complainantKey: 'A',
    peopleCount: 1,
    ...over,
  });

  it('lists one event once with its residents and times, disputes by building only, without personal data', () => {
    const items = buildNotice(
      [
        row({
          incidentId: 'lift',
          category: '设备管理类',
          householdId: 'h1',
          householdLabel: '2栋1单元101',
          location: null,
          incidentTitle: '1栋电梯停运',
          complainantKey: 'A',
          status: 'closed',
        }),
        row({
          incidentId: 'lift',
          category: '设备管理类',
          householdId: 'h2',
          householdLabel: '2栋2单元302',
          location: null,
          incidentTitle: '1栋电梯停运',
          complainantKey: 'B',
          status: 'in_progress',
          handlingNote: null,
        }),
        row({
          category: '业户纠纷类',
          householdId: 'h3',
          householdLabel: '2栋2单元602',
          content: '我是黄先生，楼上2栋2单元702的狗天天叫，电话13900000002',
          handlingNote: '已上门与702业主林女士沟通',
        }),
        row({
          category: '综合服务类',
          householdId: 'h4',
          householdLabel: '3栋1单元302',
          content: '我家的物业费发票开错了',
        }),
        row({ status: 'cancelled' }),
        row({}),
      ],
      ['黄先生', '林女士'],
    );
    expect(items).toHaveLength(3);
    expect(items.map((i) => i.reason)).toEqual(['public_area', 'common_interest', 'dispute']);
    expect(items[1]).toMatchObject({
      times: 2,
      people: 2,
      closed: false,
      statusLabel: '处理中',
      place: '1栋', // where the lift is, not where the first complainant lives
    });
    expect(items[2]).toMatchObject({ place: '2栋', reasonLabel: '业户纠纷' });
    expect(items[0]).toMatchObject({ place: '3栋门口', reasonLabel: '公共部位' });
    const text = JSON.stringify(items);
    for (const secret of ['黄先生', '林女士', '13900000002', '702', '602', '302', '101'])
      expect(text).not.toContain(secret);
  });
});
