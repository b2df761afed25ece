import { uuidV4 } from './uuid';

describe('uuidV4', () => {
  it('is a version-4 RFC 4122 UUID', () => {
    for (let i = 0; i < 100; i++) {
      expect(uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('differs from call to call', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => uuidV4()));
    expect(keys.size).toBe(1000);
  });
});
