import { homeRedirect } from '../../client/src/routes';

describe('home with a single conference', () => {
  const only = { id: 'c1' };

  test('opens that conference’s agenda while the address is home’s', () => {
    for (const hash of ['', '#/', '#/conferences', '#/unknown']) expect(homeRedirect(only, hash)).toBe('#/conferences/c1');
  });

  test('leaves a page opened before the list arrived alone (the late jump back to the agenda)', () => {
    for (const hash of ['#/conferences/c1/sessions/s1', '#/conferences/c1/studio/s1', '#/profile', '#/conferences/c2']) {
      expect(homeRedirect(only, hash)).toBeUndefined();
    }
  });

  test('stays home with no conference or several (only is unset)', () => {
    expect(homeRedirect(undefined, '#/')).toBeUndefined();
  });
});
