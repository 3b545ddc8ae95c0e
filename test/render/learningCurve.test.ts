import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningCurveSvg } from '../../server/src/render/learningCurve';

test('learning curve: one polyline per measure, a point per k, the y axis from the lowest value', () => {
  const svg = learningCurveSvg([
    { k: 0, precision: 0.9, recall: 0.6, f1: 0.72 },
    { k: 8, precision: 0.92, recall: 0.75, f1: 0.83 },
  ]);
  assert.equal(svg.match(/<polyline/g)?.length, 3);
  assert.equal(svg.match(/<circle/g)?.length, 6);
  assert.match(svg, />60%</);
  assert.doesNotMatch(svg, />50%</);
  assert.match(svg, />8<\/text>/);
  assert.throws(() => learningCurveSvg([]), /at least one point/);
});
