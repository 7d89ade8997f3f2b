"""Small templates rendered by Python's Jinja2 set up as transformers sets it up (transformers_jinja.py),
one feature at a time: whitespace control, scoping, operators, filters, tests, methods, value printing.
Writes tests/Sift.Tests/Text/Chat/Fixtures/jinja_cases.json; the C# tests render each case and must
produce the same text, raise where Jinja2 raises, and refuse (raise) what Sift does not implement
(cases listed in REFUSED; Jinja2's own output is kept for reference).

Run: python3 tests/reference/make_jinja_cases.py   (needs the jinja2 package, 3.1.x)"""
import copy
import json
import os
import random
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))
from transformers_jinja import environment  # noqa: E402

msgs = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "  Hi there\n"},
    {"role": "assistant", "content": "<think>\nhm\n</think>\n\nHello!"},
    {"role": "user", "content": "2+2?", "extra": None},
]
CTX = {
    "messages": msgs,
    "s": "  Hello, World  ",
    "n": 7,
    "f": 2.5,
    "items": [3, 1, 2],
    "words": ["b", "A", "c", "a"],
    "d": {"b": 1, "a": 2, "nested": {"x": [10, 20]}},
    "tools": None,
    "empty": [],
    "t": True,
    "u8": "héllo 中文 😀",
    "tool": {"type": "function", "function": {"name": "get_weather", "description": "Weather \"now\"", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
}

CASES = [
    # whitespace control: trim_blocks, lstrip_blocks, - and +
    "a\n{% if true %}\nb\n{% endif %}\nc",
    "a\n    {% if true %}\n    b\n    {% endif %}\nc",
    "a  {%- if true %} b {% endif -%}  c",
    "{% for x in items %}\n  {{ x }}\n{% endfor %}",
    "{% for x in items -%}\n  {{ x }}\n{%- endfor %}",
    "a\n  {%+ if true %}b{% endif %}",
    "{% if true +%}\nx{% endif %}",
    "x  {{- 1 -}}  y",
    "x {# comment #}\ny",
    "x\n  {# comment #}\ny",
    "x {#- comment -#} y",
    "line1\r\nline2\rline3\n",
    "trailing\n\n",
    "  {% if true %}\t{% endif %}x",
    "{{ 'a' }}\n{{ 'b' }}\n",
    "{% set x = 1 %}\n\n{{ x }}",
    # scoping
    "{% set c = 0 %}{% for i in range(3) %}{% set c = c + 1 %}{{ c }}{% endfor %}{{ c }}",
    "{% set ns = namespace(c=0) %}{% for i in range(3) %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}",
    "{% if true %}{% set y = 5 %}{% endif %}{{ y }}",
    "{% for x in items %}{% set last = x %}{% endfor %}[{{ last }}]",
    "{% set ns = namespace() %}{% set ns.a = 1 %}{{ ns.a }}",
    "{% set ns = namespace({'k': 2}, j=3) %}{{ ns.k }}{{ ns.j }}",
    "{% set a, b = [1, 2] %}{{ b }}{{ a }}",
    "{% set a, b = 1, 2 %}{{ a + b }}",
    "{% set x %}block {{ n }}{% endset %}[{{ x }}]",
    "{% set messages = messages[1:] %}{{ messages | length }}",
    # loops
    "{% for m in messages %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }},{% endfor %}",
    "{% for x in items %}{{ loop.previtem is defined }}{{ loop.nextitem | default('-') }}{% endfor %}",
    "{% for x in items %}{{ loop.cycle('a', 'b') }}{% endfor %}",
    "{% for x in items if x > 1 %}{{ x }}{{ loop.index }}{% endfor %}",
    "{% for x in empty %}{{ x }}{% else %}none{% endfor %}",
    "{% for x in items %}{% if x == 1 %}{% break %}{% endif %}{{ x }}{% endfor %}",
    "{% for x in items %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}",
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
    "{% for k in d %}{{ k }}{% endfor %}",
    "{% for (a, b) in [(1, 2), (3, 4)] %}{{ a * b }}{% endfor %}",
    "{% for c in 'abc' %}{{ c }}-{% endfor %}",
    "{% for m in messages[::-1] %}{{ m.role[0] }}{% endfor %}",
    "{% for x in undefined_thing %}{{ x }}{% endfor %}empty",
    "{% for x in none %}{{ x }}{% endfor %}",
    "{% for i in range(1, 10, 3) %}{{ i }}{% endfor %}{% for i in range(5, 0, -2) %}{{ i }}{% endfor %}",
    "{% for a in [1, 2] %}{% for b in [3, 4] %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{{ loop.index }}|{% endfor %}",
    # if / elif / conditional expressions
    "{% if n > 10 %}big{% elif n > 5 %}mid{% else %}small{% endif %}",
    "{{ 'yes' if t else 'no' }}{{ 'x' if false }}|",
    "{{ 'a' if n == 1 else 'b' if n == 7 else 'c' }}",
    # operators
    "{{ 1 + 2 }} {{ 7 - 10 }} {{ 3 * 4 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 2 ** -1 }}",
    "{{ 1 // 0.1 }} {{ 0.0 % -4 }} {{ -0.0 // 3 }} {{ 7.5 % -2 }} {{ -7.5 // 2 }} {{ 5 % -3 }} {{ -5 // 3 }}",
    "{{ 1.5 + 1 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.5e-5 }} {{ 3.0 }} {{ 10 / 5 }} {{ 2.5 // 1 }} {{ -2.5 % 1 }} {{ 1e16 }} {{ 1e15 }} {{ 0.0001 }}",
    "{{ 'a' + 'b' }} {{ 'a' ~ 1 ~ none ~ true }} {{ [1] + [2] }} {{ 'ab' * 2 }} {{ 2 * 'x' }} {{ [0] * 3 }}",
    "{{ 'a' ~ undefined_thing ~ 'b' }}",
    "{{ true + 1 }} {{ true == 1 }} {{ 1 == 1.0 }} {{ 'a' == 'a' }} {{ [1, 2] == [1, 2] }} {{ none == none }} {{ undefined_thing == undefined_other }} {{ 1 != '1' }}",
    "{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 2 >= 2.0 }}",
    "{{ 'ell' in 'hello' }} {{ 2 in items }} {{ 'a' in d }} {{ 'z' not in d }} {{ not 1 in [1] }} {{ 'x' in undefined_thing }}",
    "{{ not true }} {{ not 0 }} {{ not '' }} {{ not [] }} {{ not none }} {{ true and 'x' }} {{ 0 or 'y' }} {{ '' or 0 }} {{ none and 1 }}",
    "{{ -n }} {{ +f }} {{ -f }} {{ - 3 }}",
    "{{ (1, 2) }} {{ (1,) }} {{ () }} {{ [] }} {{ {} }}",
    "{{ 1_000 + 0x10 + 0o10 + 0b10 }}",
    "{{ 'a' 'b' \"c\" }}",
    "{{ '\\n\\t\\\\\\'\\\"' | length }} {{ '\\x41\\u00e9\\U0001F600' }} {{ 'a\\d' }}",
    # printing values (Python str / repr)
    "{{ none }} {{ true }} {{ false }} {{ 42 }} {{ -0.0 }} {{ [1, 'a', none, true, 1.5] }} {{ {'k': 'v', 'n': [1]} }} {{ ('a',) }}",
    "{{ [\"it's\", 'say \"hi\"', 'both \\' \"', 'new\\nline', '\\x00', 'é'] }}",
    "{{ d }} {{ d.nested }}",
    "{{ undefined_thing }}|{{ d.missing }}|{{ messages[10] }}|",
    # attribute and item access
    "{{ messages[0].role }} {{ messages[0]['content'] }} {{ messages.0.role }} {{ messages[-1].content }} {{ d['nested']['x'][1] }} {{ d.nested.x.0 }}",
    "{{ messages[3].extra is none }} {{ messages[3].extra is defined }} {{ messages[2].extra is defined }}",
    "{{ 'abc'[1] }} {{ 'abc'[-1] }} {{ 'abcdef'[1:4] }} {{ 'abcdef'[::2] }} {{ 'abcdef'[::-1] }} {{ items[1:] }} {{ items[:-1] }} {{ items[5:] }} {{ items[-2:] }}",
    "{{ u8[1] }} {{ u8 | length }} {{ u8[-1] }} {{ u8[::-1] }}",
    "{{ d.get('a') }} {{ d.get('zz') }} {{ d.get('zz', 5) }} {{ d.keys() | list }} {{ d.values() | list | length }} {{ d.items() | list }}",
    # string methods
    "{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ 'xxhixx'.strip('x') }}|{{ '\\n\\nhi\\n'.lstrip('\\n') }}|{{ 'ab\\n\\n'.rstrip('\\n') }}|{{ '  x '.strip('\\n') }}|",
    "{{ 'a,b,,c'.split(',') }} {{ '  a  b c '.split() }} {{ 'a b c'.split(' ', 1) }} {{ 'a,b,c'.rsplit(',', 1) }} {{ '</think>x'.split('</think>') }} {{ ''.split(',') }} {{ ''.split() }}",
    "{{ 'Hello'.startswith('He') }} {{ 'Hello'.endswith('lo') }} {{ 'Hello'.startswith(('x', 'H')) }} {{ 'Hello'.startswith('l', 2) }}",
    "{{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'Hi'.upper() }} {{ 'Hi'.lower() }} {{ 'a-b'.replace('-', '+') }} {{ 'aaa'.replace('a', 'b', 2) }}",
    "{{ 'hello'.find('l') }} {{ 'hello'.count('l') }} {{ ', '.join(['a', 'b']) }} {{ 'abc'.removeprefix('a') }} {{ '123'.isdigit() }}",
    "{{ messages[2].content.split('</think>')[-1].lstrip('\\n') }}|{{ messages[2].content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}",
    # filters
    "{{ s | trim }}|{{ 'xxaxx' | trim('x') }}|{{ s | length }}|{{ items | count }}|{{ d | length }}|{{ undefined_thing | length }}",
    "{{ s | upper }} {{ s | lower }} {{ 'hello WORLD-wide (x)' | title }} {{ 'hELLO' | capitalize }}",
    "{{ undefined_thing | default('dflt') }} {{ none | default('dflt') }} {{ '' | default('dflt', true) }} {{ 0 | d('z', boolean=true) }} {{ n | default(1) }}",
    "{{ items | first }} {{ items | last }} {{ items | list }} {{ 'ab' | list }} {{ items | reverse | list }} {{ 'abc' | reverse }} {{ items | sort }} {{ items | sort(reverse=true) }}",
    "{{ words | sort }} {{ words | sort(case_sensitive=true) }} {{ words | unique | list }} {{ messages | sort(attribute='role') | map(attribute='role') | list }}",
    "{{ items | join }} {{ items | join(', ') }} {{ messages | map(attribute='role') | join('/') }} {{ messages | join(',', attribute='role') }}",
    "{{ messages | selectattr('role', 'equalto', 'user') | list | length }} {{ messages | rejectattr('role', 'eq', 'user') | map(attribute='role') | list }} {{ messages | selectattr('extra', 'defined') | list | length }} {{ messages | selectattr('extra') | list | length }}",
    "{{ items | select('odd') | list }} {{ items | reject('even') | list }} {{ [0, 1, '', 'a'] | select | list }} {{ items | map('string') | join('') }} {{ ['a', 'B'] | map('upper') | list }}",
    "{{ d | items | list }} {{ d | dictsort }} {{ {'b': 2, 'A': 1, 'c': 0} | dictsort(by='value') }} {{ undefined_thing | items | list }}",
    "{{ '3' | int + 1 }} {{ '2.5' | float }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }} {{ 2 | float }} {{ -3 | abs }} {{ n | string }} {{ [1] | string }}",
    "{{ 'a\\nb\\n\\nc' | indent }}|{{ 'a\\nb' | indent(2, true) }}|{{ 'a\\n\\nb' | indent(width='> ', blank=true) }}|",
    "{{ 'a-b-a' | replace('a', 'x') }} {{ 'one two  three' | wordcount }} {{ items | max }} {{ items | min }} {{ items | sum }} {{ 'x' | safe }}",
    "{{ 'Tools: ' + ['brave_search', 'code_interpreter', 'wolfram_alpha'] | reject('equalto', 'code_interpreter') | join(', ') }}",
    # tojson (transformers' json.dumps)
    "{{ tool | tojson }}",
    "{{ tool | tojson(indent=4) }}",
    "{{ d | tojson(sort_keys=true) }} {{ [1, 2.5, none, true, 'é\"\\n'] | tojson }} {{ {} | tojson(indent=2) }} {{ [] | tojson }} {{ 'é' | tojson(ensure_ascii=true) }}",
    "{{ d | tojson(separators=(',', ':')) }} {{ (1, 2) | tojson }} {{ 1e100 | tojson }}",
    # tests
    "{{ n is defined }} {{ zz is defined }} {{ zz is undefined }} {{ none is none }} {{ n is not none }} {{ s is string }} {{ n is string }} {{ n is number }} {{ t is number }} {{ f is float }} {{ n is integer }} {{ t is integer }} {{ t is boolean }}",
    "{{ d is mapping }} {{ items is mapping }} {{ items is sequence }} {{ d is sequence }} {{ s is iterable }} {{ n is iterable }} {{ zz is iterable }} {{ range is callable }} {{ t is true }} {{ 1 is true }} {{ false is false }}",
    "{{ n is odd }} {{ n is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(4) }} {{ n is eq 7 }} {{ n is ne(7) }} {{ n is gt 3 }} {{ n is lt(3) }} {{ 2 is in([1, 2]) }} {{ 'abc' is lower }} {{ 'ABC' is upper }} {{ none is sameas none }}",
    "{{ not messages[0].content is defined }} {{ messages[0].content is string and messages[0].role == 'system' }}",
    # macros
    "{% macro greet(name, punct='!') %}Hello {{ name }}{{ punct }}{% endmacro %}{{ greet('Ann') }} {{ greet('Bo', '?') }} {{ greet(punct='.', name='Cy') }}",
    "{% macro render(m) %}{{ m.role | upper }}: {{ m.content | trim }}{% endmacro %}{% for m in messages %}{{ render(m) }}\n{% endfor %}",
    "{% macro f(x) %}{% set y = x * 2 %}{{ y }}{% endmacro %}{{ f(2) }}{{ y }}",
    # globals
    "{{ range(3) | list }} {{ range(2, 5) | list }} {{ dict(a=1, b='x') }} {{ namespace(a=1).a }}",
    "{{ strftime_now('%Y-%m-%d %H:%M:%S %b %B %a %A %j %y %I%p %%') }}",
    "{{ raise_exception('custom failure: ' ~ n) }}",
    "{% if messages[1].role != 'assistant' %}{{ raise_exception('roles must alternate') }}{% endif %}",
    # errors Jinja2 raises too
    "{{ undefined_thing.attr }}",
    "{{ undefined_thing + 1 }}",
    "{{ 'a' + 1 }}",
    "{{ none + 'a' }}",
    "{{ 1 / 0 }}",
    "{{ 'a' < 1 }}",
    "{{ 1 in 'abc' }}",
    "{{ n() }}",
    "{{ undefined_fn() }}",
    "{% set ns = 1 %}{% set ns.x = 2 %}",
    "{{ messages | unknownfilter }}",
    "{{ n is unknowntest }}",
    "{% for x in items %}",
    "{% endif %}",
    "{{ 1 + }}",
    "{% unknowntag %}",
    "{{ d.pop('a') }}",
    "{{ items.append(4) }}",
    "{% for a, b in items %}{% endfor %}",
    "{{ ''.split('') }}",
    "{% if false %}{% break %}{% endif %}x",
    "{% for i in [1] %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}y",
    "{% for i in [1] %}{% else %}{% break %}{% endfor %}z",
    "{% for i in [1] %}{% set s %}{% break %}{% endset %}{% endfor %}",
    "{% for i in [1, 2] %}{% for j in [] %}{% else %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% endfor %}{% endfor %}",
    "{% for i in [1, 2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% else %}none{% endfor %}|{% for i in [1, 2] %}{% break %}{% else %}else-after-break{% endfor %}",
    "{{ range(1, 2, 0) | list }}",
    # transformers' generation tag renders its body
    "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}{% endgeneration %}{% else %}{{ m.role }}{% endif %}|{% endfor %}",
]

# Constructs Jinja2 accepts that Sift refuses (with the template position) rather than approximating.
REFUSED = [
    "{% raw %}{{ x }}{% endraw %}",
    "{{ '%s and %d' % ('a', 1) }}",
    "{{ '{} {}'.format('a', 'b') }}",
    "{% filter upper %}x{% endfilter %}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}x{% endcall %}",
    "{% for x in [[1], [2]] recursive %}{{ x }}{% endfor %}",
    "{{ lipsum(1) }}",
    "{% set c = cycler('a', 'b') %}{{ c.next() }}",
    "{{ dict(**{'a': 1}) }}",
    "{{ items | batch(2) | list }}",
    "{{ 'x' | center(5) }}",
    "{% include 'other.jinja' %}",
    "{% with a = 1 %}{{ a }}{% endwith %}",
    "{{ n | round }}",
    "{{ 12345678901234567890 }}",
]

# Random expressions (seeded, so the file is the same on every run): operators, filters, tests and
# methods combined over the context's values, to reach combinations the hand-written cases do not.
rng = random.Random(1234)
ATOMS = ["n", "f", "s", "t", "items", "words", "d", "empty", "none", "u8", "messages[1].content", "d.nested.x", "0", "1", "-2", "2.5", "''",
         "'ab'", "'a\\nb '", "[1, 2]", "(1, 'x')", "{'k': 1}", "true", "false", "zz", "messages | length"]
# (range(3) is left out: Sift's range is a list, so it prints, compares and serialises as one, where
# Python's range object prints as range(0, 3); templates only iterate it.)
UNARY = ["{} | length", "{} | string", "{} | tojson", "{} | list", "{} | first", "{} | last", "{} | trim", "{} | upper", "{} | default('D')",
         "{} | reverse | list", "{} | sort | list", "{} | join('-')", "{} | count", "{} | int", "{} | float", "{} | abs", "{} | unique | list",
         "{} | items | list", "{} | dictsort", "{} | select | list", "{} | map('string') | list", "not {}", "-{}", "({})[0]", "({})[-1]",
         "({})[1:]", "({})[::-1]", "({}).split()", "({}).strip()", "({}).upper()", "({}).startswith('a')", "({}).get('k')", "({}).items() | list",
         "{} is defined", "{} is none", "{} is string", "{} is number", "{} is integer", "{} is mapping", "{} is sequence", "{} is iterable",
         "{} is odd", "{} is true", "{} if {} else 'E'", "{} | capitalize", "{} | title", "{} | wordcount", "{} | indent(2)", "{} | max", "{} | sum"]
BINARY = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", ">=", "in", "not in", "and", "or"]


def expression(depth):
    if depth == 0 or rng.random() < 0.3:
        return rng.choice(ATOMS)
    if rng.random() < 0.5:
        form = rng.choice(UNARY)
        return form.format(*([expression(depth - 1)] * form.count("{}")))
    return f"({expression(depth - 1)} {rng.choice(BINARY)} {expression(depth - 1)})"


RANDOM = sorted({"{{ " + expression(3) + " }}" for _ in range(600)})[:400]

# Random well-typed expressions, so most render: strings, numbers and lists combined by operations that fit.
STR_ATOMS = ["s", "u8", "'ab'", "'a\\nb '", "'  x,y , z '", "messages[2].content", "'Zürich'", "(n | string)", "'it''s'", "'\\\\'"]
NUM_ATOMS = ["n", "f", "0", "1", "-2", "2.5", "true", "(items | length)", "1e3", "0.1"]
LIST_ATOMS = ["items", "words", "empty", "[1, 2]", "(1, 'x')", "d.nested.x", "['b', 'a', 'b']", "[none, true, 1.5, 'q']", "[[1, 2], [3]]"]


def typed(kind, depth):
    if depth == 0 or rng.random() < 0.25:
        return rng.choice({"str": STR_ATOMS, "num": NUM_ATOMS, "list": LIST_ATOMS}[kind])
    if kind == "str":
        return rng.choice([
            lambda: f"({typed('str', depth - 1)} + {typed('str', depth - 1)})",
            lambda: f"({typed('str', depth - 1)} ~ {typed(rng.choice(['num', 'list']), depth - 1)})",
            lambda: f"{typed('str', depth - 1)} | {rng.choice(['trim', 'upper', 'lower', 'title', 'capitalize', 'string', 'reverse'])}",
            lambda: f"({typed('str', depth - 1)}).{rng.choice(['strip()', 'lstrip()', 'rstrip()', 'upper()', 'lower()', 'title()', 'capitalize()', 'strip(' + chr(39) + ' x' + chr(39) + ')', 'replace(' + chr(39) + 'a' + chr(39) + ', ' + chr(39) + 'A' + chr(39) + ')'])}",
            lambda: f"({typed('str', depth - 1)})[{rng.choice(['0', '-1', '1:', ':2', '::-1', '1:-1', '::2'])}]",
            lambda: f"{typed('list', depth - 1)} | join({rng.choice([chr(39) + ', ' + chr(39), chr(39) + chr(39), chr(39) + '|' + chr(39)])})",
            lambda: f"{typed(rng.choice(['str', 'num', 'list']), depth - 1)} | tojson",
            lambda: f"({typed('str', depth - 1)} if {typed('num', depth - 1)} else {typed('str', depth - 1)})",
            lambda: f"({typed('str', depth - 1)} * {rng.randint(0, 3)})",
            lambda: f"{typed('list', depth - 1)} | string",
            lambda: f"{typed('str', depth - 1)} | indent({rng.randint(0, 3)}, {rng.choice(['true', 'false'])})",
        ])()
    if kind == "num":
        return rng.choice([
            lambda: f"({typed('num', depth - 1)} {rng.choice(['+', '-', '*'])} {typed('num', depth - 1)})",
            lambda: f"({typed('num', depth - 1)} {rng.choice(['/', '//', '%'])} {rng.choice(['2', '3', '-4', '0.5', '7'])})",
            lambda: f"({typed('str', depth - 1)} | length)",
            lambda: f"({typed('list', depth - 1)} | length)",
            lambda: f"({typed('num', depth - 1)} {rng.choice(['==', '!=', '<', '<=', '>', '>='])} {typed('num', depth - 1)})",
            lambda: f"({typed('str', depth - 1)} {rng.choice(['==', '<', 'in', 'not in'])} {typed('str', depth - 1)})",
            lambda: f"({typed('num', depth - 1)} {rng.choice(['and', 'or'])} {typed('num', depth - 1)})",
            lambda: f"(not {typed(rng.choice(['num', 'str', 'list']), depth - 1)})",
            lambda: f"({typed('str', depth - 1)}).{rng.choice(['startswith', 'endswith'])}({typed('str', depth - 1)})",
            lambda: f"({typed('str', depth - 1)}).{rng.choice(['find', 'count'])}({rng.choice(['chr(39)a' + chr(39), chr(39) + ' ' + chr(39)]).replace('chr(39)', chr(39))})",
            lambda: f"{typed('num', depth - 1)} | {rng.choice(['abs', 'int', 'float', 'string | length'])}",
            lambda: f"({typed('num', depth - 1)} ** {rng.randint(0, 3)})",
        ])()
    return rng.choice([
        lambda: f"({typed('list', depth - 1)} + {typed('list', depth - 1)})".replace("(1, 'x') +", "[1, 'x'] +"),
        lambda: f"({typed('list', depth - 1)})[{rng.choice(['1:', ':-1', '::-1', '::2'])}]",
        lambda: f"({typed('str', depth - 1)}).split({rng.choice(['', chr(39) + ',' + chr(39), chr(39) + ' ' + chr(39), chr(39) + 'b' + chr(39) + ', 1'])})",
        lambda: f"{typed('list', depth - 1)} | {rng.choice(['reverse', 'unique', 'list', 'select', 'reject'])} | list",
        lambda: f"{typed('str', depth - 1)} | list",
        lambda: f"[{typed('num', depth - 1)}, {typed('str', depth - 1)}]",
        lambda: f"{typed('list', depth - 1)} | map('string') | list",
        lambda: f"({typed('list', depth - 1)} * {rng.randint(0, 2)})",
    ])()


TYPED = sorted({"{{ " + typed(rng.choice(["str", "num", "list"]), 3) + " }}" for _ in range(700)})[:500]

# Random programs: set (plain, tuple, namespace), for (with filters, else, loop variables, break,
# continue), if/elif/else, macros and output, nested, to check Jinja's scoping (a set inside a loop
# iteration or macro stays there; if shares its scope; namespaces carry state).
NAMES = ["a", "b", "x"]


def value():
    return rng.choice(["1", "a", "b", "x", "(a ~ '!')", "(x | default(7))", "ns.c", "loop.index", "i", "[a, b]", "(i * 10 if i is defined else -1)"])


def statement(depth, in_loop, in_macro):
    r = rng.random()
    if r < 0.2:
        return "{% set " + rng.choice(NAMES) + " = " + value() + " %}"
    if r < 0.3:
        return "{% set a, b = b, a %}" if rng.random() < 0.5 else "{% set ns.c = ns.c ~ " + value() + " %}"
    if r < 0.5:
        return "{{ " + value() + " }}."
    if r < 0.6 and in_loop:
        return rng.choice(["{% if i == 2 %}{% break %}{% endif %}", "{% if loop.first %}{% continue %}{% endif %}"])
    if r < 0.75 and depth > 0:
        head = "{% for i in " + rng.choice(["[1, 2, 3]", "range(2)", "[]", "[3, 1, 2] if true"]) + (" if i != 1" if rng.random() < 0.3 else "") + " %}"
        body = block(depth - 1, True, in_macro)
        tail = ("{% else %}" + block(depth - 1, in_loop, in_macro)) if rng.random() < 0.3 else ""
        return head + body + tail + "{% endfor %}"
    if r < 0.9 and depth > 0:
        out = "{% if " + rng.choice(["a == 1", "b", "x is defined", "i is defined and i > 1", "loop is defined"]) + " %}" + block(depth - 1, in_loop, in_macro)
        if rng.random() < 0.4:
            out += "{% elif " + rng.choice(["true", "a"]) + " %}" + block(depth - 1, in_loop, in_macro)
        if rng.random() < 0.5:
            out += "{% else %}" + block(depth - 1, in_loop, in_macro)
        return out + "{% endif %}"
    if depth > 0 and not in_macro:
        return "{% macro m" + str(depth) + "(a, b=5) %}" + block(depth - 1, False, True) + "{% endmacro %}[{{ m" + str(depth) + "(" + rng.choice(["1", "a", "x | default(2)"]) + ") }}]"
    return "{{ " + value() + " }}."


def block(depth, in_loop, in_macro):
    return "".join(statement(depth, in_loop, in_macro) for _ in range(rng.randint(1, 3)))


PROGRAMS = sorted({"{% set ns = namespace(c='') %}{% set a = 1 %}{% set b = 2 %}" + block(3, False, False) + "|{{ a }}{{ b }}{{ x | default('-') }}{{ ns.c }}"
                   for _ in range(500)})[:300]

# Random whitespace: text runs of spaces, tabs and newlines around block tags, expressions and
# comments, each with a random -/+ marker on either side, nested ifs and fors.
TEXTS = ["", " ", "  ", "\t", "\n", "\n\n", "  \n", "\n  ", "\n\t ", "x", " x ", "x\n", "\n  y", "\r\n", " \n \n "]


def marker(opening, block):
    r = rng.random()
    if r < 0.25:
        return "-"
    if r < 0.35 and block:
        return "+"
    return ""


def tag(body):
    return "{%" + marker(True, True) + " " + body + " " + marker(False, True) + "%}"


def whitespace_template(depth):
    parts = []
    for _ in range(rng.randint(1, 4)):
        parts.append(rng.choice(TEXTS))
        kind = rng.random()
        if kind < 0.3 and depth > 0:
            parts.append(tag(rng.choice(["if true", "if false", "for i in [1, 2]"])))
            closing = "endif" if parts[-1].split()[1] == "if" else "endfor"
            parts.append(whitespace_template(depth - 1))
            if closing == "endif" and rng.random() < 0.3:
                parts.append(tag("else"))
                parts.append(whitespace_template(depth - 1))
            parts.append(tag(closing))
        elif kind < 0.6:
            parts.append("{{" + rng.choice(["", "-"]) + " 'v' " + rng.choice(["", "-"]) + "}}")
        elif kind < 0.75:
            parts.append("{#" + rng.choice(["", "-"]) + " c " + rng.choice(["", "-"]) + "#}")
        else:
            parts.append(tag("set z = 1"))
    parts.append(rng.choice(TEXTS))
    return "".join(parts)


WHITESPACE = sorted({whitespace_template(2) for _ in range(500)})[:300]

NOW = datetime(2026, 12, 4, 21, 5, 9)
env = environment(now=NOW)


def render(source):
    try:
        # A fresh copy each time: Jinja2's indent filter runs `s += "\n"`, which extends a list in place.
        return {"expected": env.from_string(source).render(**copy.deepcopy(CTX))}
    except Exception as e:  # noqa: BLE001 - any Jinja2 failure is an expected error
        return {"error": f"{type(e).__name__}: {e}"}


cases = []
for source in CASES:
    cases.append({"template": source, **render(source)})
for source in RANDOM + TYPED + PROGRAMS + WHITESPACE:
    cases.append({"template": source, "random": True, **render(source)})
for source in REFUSED:
    got = render(source)
    cases.append({"template": source, "refused": True, "jinja2": got.get("expected", got.get("error"))})

out = os.path.join(os.path.dirname(__file__), "..", "Sift.Tests", "Text", "Chat", "Fixtures", "jinja_cases.json")
with open(out, "w", encoding="utf-8") as fh:
    json.dump({"generator": "tests/reference/make_jinja_cases.py", "now": NOW.isoformat(), "context": CTX, "cases": cases}, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print(f"wrote {out}: {len(cases)} cases ({sum('error' in c for c in cases)} errors, {len(REFUSED)} refused)")
