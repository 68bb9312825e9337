import { closestName, editDistance } from '../../contract/closest-name';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['us-east-1', 'us-east-1', 0],
    ['us-eest-1', 'us-east-1', 1],
    ['useast1', 'us-east-1', 2],
    ['eu-wset-1', 'eu-west-1', 1],
    ['dyas', 'days', 1],
    ['ca', 'abc', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%j -> %j: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestName', () => {
  const regions = ['eu-west-1', 'us-east-1', 'us-east-2', 'us-west-1'];

  test.each([
    ['us-eest-1', 'us-east-1'],
    ['US-EAST-1', 'us-east-1'],
    ['useast1', 'us-east-1'],
    ['eu-wset-1', 'eu-west-1'],
    ['us-east-7', 'us-east-1'],
  ])('%j -> %j', (name, closest) => {
    expect(closestName(name, regions)).toBe(closest);
  });

  test.each(['mars-north-1', 'ue-wset-2', 'x'])('%j: none is near enough', (name) => {
    expect(closestName(name, regions)).toBeUndefined();
  });

  test('a short name allows one edit, a long one at most three', () => {
    expect(closestName('rgion', ['region'])).toBe('region');
    expect(closestName('rgon', ['region'])).toBeUndefined();
    expect(closestName('orgnisationalUnit', ['organizationalUnits'])).toBe('organizationalUnits');
    expect(closestName('orgnisationalUni', ['organizationalUnits'])).toBeUndefined();
  });
});
