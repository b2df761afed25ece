import {
  buildTicketBody,
  contentLength,
  contentProblem,
  DRAFT_ERRORS,
  editDraft,
  emptyDraft,
  reconcileLocation,
  restoreDraft,
  validateDraft,
  type TicketDraft,
} from './draft';

let n = 0;
const newKey = () => `key-${++n}`;
const ready = (patch: Partial<TicketDraft> = {}): TicketDraft => ({
  ...emptyDraft('u1'),
  kind: 'complaint',
  content: '楼道灯坏了三天',
  householdId: 'h1',
  idempotencyKey: 'k',
  ...patch,
});

describe('ticket draft', () => {
  it('gets an idempotency key on the first edit and keeps it on later edits', () => {
    const d1 = editDraft(emptyDraft('u1'), { kind: 'repair' }, newKey);
    expect(d1.idempotencyKey).toMatch(/^key-/);
    const d2 = editDraft(d1, { content: '水管漏水了' }, newKey);
    expect(d2.idempotencyKey).toBe(d1.idempotencyKey);
  });

  it('counts an emoji or a CJK character as one, ignoring surrounding spaces', () => {
    expect(contentLength('  灯坏了😀 ')).toBe(4);
  });

  it('says how many characters are missing once a send was tried, and how many are over the limit', () => {
    expect(contentProblem('', false)).toBeNull();
    expect(contentProblem('灯', false)).toBeNull();
    expect(contentProblem('灯', true)).toBe('还差 1 个字');
    expect(contentProblem('  ', true)).toBe('还差 2 个字');
    expect(contentProblem('灯坏了', true)).toBeNull();
    expect(contentProblem('字'.repeat(2003), false)).toBe('超出 3 个字');
  });

  describe('validation', () => {
    it('needs a kind', () => expect(validateDraft(ready({ kind: null }))).toBe(DRAFT_ERRORS.kind));
    it('needs at least 2 characters (TICKET_CONTENT_MIN)', () => {
      expect(validateDraft(ready({ content: '灯  ' }))).toBe(DRAFT_ERRORS.tooShort);
      expect(validateDraft(ready({ content: '灯坏' }))).toBeNull();
    });
    it('allows at most 2000 characters', () => {
      expect(validateDraft(ready({ content: '字'.repeat(2000) }))).toBeNull();
      expect(validateDraft(ready({ content: '字'.repeat(2001) }))).toBe(DRAFT_ERRORS.tooLong);
    });
    it('waits for photos still uploading and refuses failed ones', () => {
      const photo = { localPath: 'a', progress: 0 };
      expect(validateDraft(ready({ photos: [{ ...photo, status: 'uploading' }] }))).toBe(
        DRAFT_ERRORS.uploading,
      );
      expect(validateDraft(ready({ photos: [{ ...photo, status: 'failed' }] }))).toBe(
        DRAFT_ERRORS.uploadFailed,
      );
    });
    it('needs a household, or for 公共区域 a place in words', () => {
      expect(validateDraft(ready({ householdId: null }))).toBe(DRAFT_ERRORS.household);
      expect(validateDraft(ready({ kind: 'repair', locationMode: 'public', place: '  ' }))).toBe(
        DRAFT_ERRORS.place,
      );
      expect(validateDraft(ready({ locationMode: 'public', place: '3栋电梯厅' }))).toBeNull();
    });

    it('never needs a room or a name for a complaint (a neighbour dispute)', () => {
      expect(validateDraft(ready({ locationMode: 'public', householdId: null, place: '' }))).toBeNull();
      expect(validateDraft(ready({ anonymous: true, locationMode: 'public', householdId: null }))).toBeNull();
    });

    it('checks an anonymous call-back number', () => {
      const anon = { anonymous: true, locationMode: 'public' as const, householdId: null };
      expect(validateDraft(ready({ ...anon, callbackPhone: '138abc' }))).toBe(DRAFT_ERRORS.callbackPhone);
      expect(validateDraft(ready({ ...anon, callbackPhone: '13812345678' }))).toBeNull();
    });
  });

  it('builds the POST /api/tickets body with uploaded photo ids only', () => {
    const body = buildTicketBody(
      ready({
        content: '  楼道灯坏了三天 ',
        anonymous: true,
        photos: [
          { localPath: 'a', status: 'uploaded', progress: 100, id: 'p1', url: '/api/files/p1' },
          { localPath: 'b', status: 'uploaded', progress: 100, id: 'p2', url: '/api/files/p2' },
        ],
      }),
    );
    expect(body).toEqual({
      kind: 'complaint',
      content: '楼道灯坏了三天',
      photoIds: ['p1', 'p2'],
      // anonymous: no flat goes along, whatever was chosen before
      anonymous: true,
      channel: 'miniapp',
      idempotencyKey: 'k',
    });
  });

  it('sends the place instead of a household for 公共区域', () => {
    const body = buildTicketBody(ready({ locationMode: 'public', place: ' 地下车库B区 ' }));
    expect(body.location).toBe('地下车库B区');
    expect(body.householdId).toBeUndefined();
  });

  it('sends an anonymous call-back number, and none without 匿名', () => {
    expect(buildTicketBody(ready({ anonymous: true, callbackPhone: ' 13812345678 ' })).callbackPhone).toBe(
      '13812345678',
    );
    expect(buildTicketBody(ready({ callbackPhone: '13812345678' })).callbackPhone).toBeUndefined();
  });

  describe('location', () => {
    it('never preselects 我的房屋 for an anonymous draft; turning 匿名 on clears the flat', () => {
      const anon = reconcileLocation({ ...emptyDraft('u1'), anonymous: true }, ['h1']);
      expect(anon).toMatchObject({ locationMode: 'public', householdId: null });
      const chosen = reconcileLocation(emptyDraft('u1'), ['h1']);
      expect(editDraft(chosen, { anonymous: true }, newKey)).toMatchObject({
        locationMode: 'public',
        householdId: null,
      });
    });

    it('picks the only household, keeps a valid choice, and falls back to 公共区域 without one', () => {
      expect(reconcileLocation(emptyDraft('u1'), ['h1']).householdId).toBe('h1');
      expect(reconcileLocation(ready({ householdId: 'h2' }), ['h1', 'h2']).householdId).toBe('h2');
      const none = reconcileLocation(ready(), []);
      expect(none.locationMode).toBe('public');
      expect(none.householdId).toBeNull();
    });
  });

  describe('restoring after a crash', () => {
    it('brings back the same key and drops photos whose upload had not finished', () => {
      const saved = ready({
        photos: [
          { localPath: 'a', status: 'uploaded', progress: 100, id: 'p1', url: '/api/files/p1' },
          { localPath: 'b', status: 'uploading', progress: 40 },
        ],
      });
      const restored = restoreDraft(JSON.parse(JSON.stringify(saved)), 'u1');
      expect(restored?.idempotencyKey).toBe('k');
      expect(restored?.photos.map((p) => p.id)).toEqual(['p1']);
    });

    it("ignores another account's draft and junk", () => {
      expect(restoreDraft(ready(), 'someone-else')).toBeNull();
      expect(restoreDraft('garbage', 'u1')).toBeNull();
      expect(restoreDraft({ userId: 'u1', kind: 'bogus' }, 'u1')?.kind).toBeNull();
    });
  });
});
