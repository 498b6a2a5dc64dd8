import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactText, tsqueryText, wordsOf } from './search-query.ts';

test('a query splits into lowercase words of letters and digits; punctuation and operators are no words', () => {
  assert.deepEqual(wordsOf(' Wi-Fi  Kettle!! 12kg & | :* '), ['wi', 'fi', 'kettle', '12kg']);
  assert.deepEqual(wordsOf('Crème brûlée'), ['crème', 'brûlée']);
  assert.deepEqual(wordsOf('%_'), []);
  assert.equal(wordsOf('a b c d e f g h i j k').length, 8);
});

test('every word is a required group; the last is also a prefix; vocabulary words join as alternatives, quoted', () => {
  assert.equal(
    tsqueryText([{ word: 'coper', prefixed: [], near: ['copper'] }, { word: 'runni', prefixed: ['running'], near: [] }]),
    "('coper' | 'copper') & ('runni' | 'runni':* | 'running')",
  );
  assert.equal(tsqueryText([{ word: 'kett', prefixed: [], near: [] }], 'A'), "('kett':A | 'kett':*A)");
  assert.equal(tsqueryText([{ word: "o'neil", prefixed: [], near: ['back\\slash'] }]), "('o''neil' | 'o''neil':* | 'back\\\\slash')");
  assert.equal(exactText(['copper', 'kettle']), "'copper' | 'kettle'");
});
