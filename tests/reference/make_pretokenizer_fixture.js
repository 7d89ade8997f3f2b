// Writes tests/Sift.Tests/Text/Fixtures/pretokenizer_cases.json: random strings and how Hugging Face's
// Sequence[Digits(individual_digits=true), ByteLevel(use_regex=true)] pre-tokenizer splits them, computed
// here with an independent implementation: JavaScript's Unicode regex engine running the GPT-2 pattern.
// Run: node tests/reference/make_pretokenizer_fixture.js
'use strict';
const fs = require('fs');
const path = require('path');

const gpt2 = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const numeric = /\p{N}/u;

function preTokenize(text) {
  // Digits(individual_digits=true): every numeric code point becomes its own piece.
  const segments = [];
  let cur = '';
  for (const ch of text) {
    if (numeric.test(ch)) {
      if (cur) segments.push([cur, false]);
      segments.push([ch, true]);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur) segments.push([cur, false]);
  const out = [];
  for (const [seg, isNum] of segments) {
    if (isNum) { out.push(seg); continue; }
    for (const m of seg.matchAll(gpt2)) out.push(m[0]);
  }
  return out;
}

// Deterministic PRNG (mulberry32).
let state = 12345;
function rand() {
  state |= 0; state = (state + 0x6D2B79F5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
// \u0085 and \uFEFF are left out: JavaScript's \s disagrees with Unicode's White_Space on them.
const atoms = ['a', 'b', 'Z', 'é', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', "'", "'s", "'re", "'ll", "'d", "'ve", "'m", "'t",
  '0', '1', '7', '42', '.', ',', '!', '?', '$', '\\', '{', '+', '=', '中', '文', 'の', '😀', '👍🏽', '𝑥', '𝟙', 'e\u0301',
  '١', '²', '½', 'Ⅻ', '\u00a0', '\u3000', '\u2028', '\u200b', '-', '#', '<|eos|>', 'Ω', 'ß', 'ǅ', 'ʰ'];
const cases = [];
for (let i = 0; i < 600; i++) {
  const n = Math.floor(rand() * 25);
  let s = '';
  for (let k = 0; k < n; k++) s += atoms[Math.floor(rand() * atoms.length)];
  cases.push({ text: s, pieces: preTokenize(s) });
}
const out = path.join(__dirname, '..', 'Sift.Tests', 'Text', 'Fixtures', 'pretokenizer_cases.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(cases, null, 0) + '\n');
console.log(out, cases.length, 'cases');
