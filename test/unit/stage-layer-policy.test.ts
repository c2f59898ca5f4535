import { LinkGovernor, layerForWidth, lossBetween } from '../../client/src/stage/layer-policy';

describe('the simulcast layer a viewer asks for', () => {
  test('follows the player width: under 360 px the small layer, under 800 px the middle one, else the full one', () => {
    expect([200, 359, 360, 799, 800, 1400].map(layerForWidth)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  test('loss is lost / expected between two readings, and zero when nothing arrived', () => {
    expect(lossBetween({ received: 100, lost: 0 }, { received: 190, lost: 10 })).toBeCloseTo(0.1);
    expect(lossBetween({ received: 100, lost: 5 }, { received: 100, lost: 5 })).toBe(0);
    // Late packets can lower the lost counter: never negative.
    expect(lossBetween({ received: 100, lost: 5 }, { received: 200, lost: 3 })).toBe(0);
  });
});

describe('the link governor', () => {
  const calm = (at: number) => ({ at, lossFraction: 0, neededBitrate: 1_200_000 });
  const lossy = (at: number) => ({ at, lossFraction: 0.08, neededBitrate: 1_200_000 });

  test('a short burst of loss changes nothing', () => {
    const governor = new LinkGovernor();
    governor.sample(lossy(0));
    governor.sample(lossy(2_000));
    expect(governor.sample(calm(4_000))).toBe(2);
  });

  test('loss above 5 % for a few seconds steps down one layer, and more loss another', () => {
    const governor = new LinkGovernor();
    expect(governor.sample(lossy(0))).toBe(2);
    expect(governor.sample(lossy(2_000))).toBe(2);
    expect(governor.sample(lossy(4_000))).toBe(1);
    expect(governor.sample(lossy(6_000))).toBe(1);
    expect(governor.sample(lossy(8_000))).toBe(0);
    expect(governor.sample(lossy(20_000))).toBe(0);
  });

  test('an estimate below what the layer needs counts as trouble, even without loss', () => {
    const governor = new LinkGovernor();
    governor.sample({ at: 0, lossFraction: 0, availableBitrate: 300_000, neededBitrate: 1_200_000 });
    expect(governor.sample({ at: 4_000, lossFraction: 0, availableBitrate: 300_000, neededBitrate: 1_200_000 })).toBe(1);
  });

  test('after a calm period it steps back up, one layer at a time', () => {
    const governor = new LinkGovernor();
    for (const at of [0, 4_000, 8_000]) governor.sample(lossy(at));
    expect(governor.cap).toBe(0);
    expect(governor.sample(calm(10_000))).toBe(0);
    expect(governor.sample(calm(24_000))).toBe(0);
    expect(governor.sample(calm(25_000))).toBe(1);
    expect(governor.sample(calm(30_000))).toBe(1);
    expect(governor.sample(calm(40_000))).toBe(2);
  });
});
