import { HeldPicks } from './held-picks';

describe('HeldPicks', () => {
  it('counts holds per person and lets them go', () => {
    const h = new HeldPicks();
    h.hold('a');
    h.hold('a');
    h.hold('b');
    expect([h.count('a'), h.count('b'), h.count('c'), h.size]).toEqual([2, 1, 0, 3]);
    h.release('a');
    h.release('b');
    expect([h.count('a'), h.count('b'), h.size]).toEqual([1, 0, 1]);
  });

  it('keeps a hold until the load reads asked before its release are answered', () => {
    const h = new HeldPicks();
    h.hold('a');
    const early = h.read(); // may have run before the ticket was stored
    h.release('a');
    expect(h.count('a')).toBe(1);
    const late = h.read(); // asked after the release: the database counts the ticket
    early();
    expect(h.count('a')).toBe(0);
    late();
    expect(h.size).toBe(0);
  });

  it('waits for the oldest read, whatever order the answers come in', () => {
    const h = new HeldPicks();
    h.hold('a');
    h.hold('b');
    const first = h.read();
    h.release('a');
    const second = h.read();
    h.release('b');
    second();
    expect([h.count('a'), h.count('b')]).toEqual([1, 1]);
    first();
    expect(h.size).toBe(0);
  });

  it('releases at once when nothing is being read', () => {
    const h = new HeldPicks();
    h.hold('a');
    h.release('a');
    expect(h.size).toBe(0);
  });
});
