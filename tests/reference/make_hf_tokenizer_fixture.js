// Checks Sift's tokenizer.json against Hugging Face's own Rust `tokenizers` (0.22.2, through the npm
// package @anush008/tokenizers, which binds it) and writes the reference encodings the C# tests compare with.
//
// Input:  tests/Sift.Tests/Text/Fixtures/sift_gsm8k_1024.tokenizer.json (written by Sift's BpeTrainer on
//         GSM8K train, vocab 1024).
// Output: tests/Sift.Tests/Text/Fixtures/hf_reference.json: for three variants of that tokenizer
//         ("sift": as written by Sift; "gpt2": the GPT-2 pre-tokenizer alone, no digit split;
//         "llama3": Llama 3's Split regex + ByteLevel(use_regex=false) + ignore_merges), the tokenizer.json
//         as Hugging Face re-serialises it and the ids it produces for each test string.
//
// Run (needs network access to the npm registry once):
//   mkdir -p /tmp/hf && (cd /tmp/hf && npm install @anush008/tokenizers@0.6.0)
//   NODE_PATH=/tmp/hf/node_modules node tests/reference/make_hf_tokenizer_fixture.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Tokenizer } = require('@anush008/tokenizers');

const fixtures = path.join(__dirname, '..', 'Sift.Tests', 'Text', 'Fixtures');
const siftJson = fs.readFileSync(path.join(fixtures, 'sift_gsm8k_1024.tokenizer.json'), 'utf8');

let state = 777;
function rand() {
  state |= 0; state = (state + 0x6D2B79F5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const atoms = ['a', 'the', ' the', 'Z', 'é', ' ', ' ', '  ', '\t', '\n', '\r\n', "'", "'s", "'re", "'ll", "'d", "'ve", 'How', ' many',
  '0', '1', '7', '42', '2024', '.', ',', '!', '?', '$', '\\', '{', '+', '=', '中', '文', 'の', '😀', '👍🏽', 'e\u0301',
  '١', '²', '½', '\u00a0', '\u3000', '-', '#', '<|eos|>', '<|bos|>', 'Ω', 'ß', ' apples', ' dollars', '<<', '>>', '####'];
const texts = [
  '', ' ', 'Hello, world!', '12345', 'x = 12', 'a  1',
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.',
  '  leading and trailing spaces   ', 'tabs\tand\nnewlines\r\n\n\n and  runs     of    spaces',
  'emoji 😀👍🏽 family 👨‍👩‍👧 flags 🇫🇷', '中文测试，日本語のテキスト、한국어 텍스트',
  "It's they're we've I'm you'll he'd 'quoted' '''", '<|bos|>Question?<|eos|><|pad|>',
  '#### 72\n\nThe answer is $\\boxed{18}$.', 'a'.repeat(300) + ' ' + ' '.repeat(100) + 'b',
];
// Synthetic GSM8K-like problems (the real data stays outside the repository).
const names = ['Natalia', 'Weng', 'Betty', 'Julie', 'James', 'Albert'];
const things = ['clips', 'apples', 'dollars', 'pages', 'marbles'];
for (let i = 0; i < 40; i++) {
  const name = names[Math.floor(rand() * names.length)], thing = things[Math.floor(rand() * things.length)];
  const a = 2 + Math.floor(rand() * 998), b = 2 + Math.floor(rand() * 98);
  texts.push(`${name} has ${a} ${thing} and buys ${b} more at $${(b / 4).toFixed(2)} each. How many ${thing} does ${name} have?\n` +
    `${name} has ${a} + ${b} = <<${a}+${b}=${a + b}>>${a + b} ${thing}.\n#### ${(a + b).toLocaleString('en-US')}`);
}
for (let i = 0; i < 200; i++) {
  const n = Math.floor(rand() * 30);
  let s = '';
  for (let k = 0; k < n; k++) s += atoms[Math.floor(rand() * atoms.length)];
  texts.push(s);
}

const llama3Pattern = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
function variant(name) {
  const j = JSON.parse(siftJson);
  if (name === 'gpt2') {
    j.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  } else if (name === 'llama3') {
    j.pre_tokenizer = { type: 'Sequence', pretokenizers: [
      { type: 'Split', pattern: { Regex: llama3Pattern }, behavior: 'Isolated', invert: false },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false }] };
    j.model.ignore_merges = true;
  }
  return JSON.stringify(j);
}

async function main() {
  const out = { hf_tokenizers_version: '0.22.2', texts, variants: {} };
  for (const name of ['sift', 'gpt2', 'llama3']) {
    const tok = Tokenizer.fromString(variant(name));
    // Let Hugging Face write the file itself, so the C# loader reads its serialisation, not ours.
    const tmp = path.join(os.tmpdir(), `hf-${name}-${process.pid}.json`);
    tok.save(tmp, false);
    const hfJson = fs.readFileSync(tmp, 'utf8');
    fs.unlinkSync(tmp);
    const ids = [];
    for (const t of texts) {
      const enc = await tok.encode(t, null, { addSpecialTokens: false });
      ids.push(enc.getIds());
      const back = await tok.decode(enc.getIds(), false);
      if (back !== t) throw new Error(`${name}: HF does not round-trip ${JSON.stringify(t)}: ${JSON.stringify(back)}`);
    }
    out.variants[name] = { tokenizer_json: hfJson, ids };
  }
  const file = path.join(fixtures, 'hf_reference.json');
  fs.writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(file, texts.length, 'texts');
}
main().catch(e => { console.error(e); process.exit(1); });
