"""Renders every case of tests/Sift.Tests/Text/Chat/Fixtures/chat_templates.json (written by
make_chat_template_fixture.js with @huggingface/jinja) with Python's Jinja2 configured as transformers
configures it, and fails unless both agree on every case: the expected strings are then what
transformers' apply_chat_template returns, not just what transformers.js returns.

Run: python3 tests/reference/check_chat_template_fixture.py   (needs the jinja2 package, 3.1.x)"""
import json
import os
import sys

import jinja2.exceptions

sys.path.insert(0, os.path.dirname(__file__))
from transformers_jinja import environment  # noqa: E402

SPECIAL = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"]
repo = os.path.join(os.path.dirname(__file__), "..", "..")
fixture = json.load(open(os.path.join(repo, "tests", "Sift.Tests", "Text", "Chat", "Fixtures", "chat_templates.json"), encoding="utf-8"))


def config_of(t):
    if "config" in t:
        return t["config"]
    return json.load(open(os.path.join(repo, "..", "shared", t["shared"]), encoding="utf-8"))


def special_tokens(config):
    out = {}
    for k in SPECIAL:
        v = config.get(k)
        content = v.get("content") if isinstance(v, dict) else v
        if content:
            out[k] = content
    extra = config.get("additional_special_tokens")
    if extra:
        out["additional_special_tokens"] = [v["content"] if isinstance(v, dict) else v for v in extra]
    return out


env = environment()
failures = 0
for case in fixture["cases"]:
    config = config_of(fixture["templates"][case["template"]])
    ct = config["chat_template"]
    name = case.get("chat_template_name", "default")
    source = ct if isinstance(ct, str) else next(x["template"] for x in ct if x["name"] == name)
    context = dict(messages=case["messages"], tools=case.get("tools"), documents=None, add_generation_prompt=case["add_generation_prompt"])
    context.update(special_tokens(config))
    context.update(case["variables"])
    try:
        got, error = env.from_string(source).render(**context), None
    except jinja2.exceptions.TemplateError as e:
        got, error = None, str(e)
    if "error" in case:
        ok = error == case["error"]
    else:
        ok = got == case["expected"]
    if not ok:
        failures += 1
        print(f"MISMATCH {case['template']} {case['name']}:\n  node:   {case.get('expected', case.get('error'))!r}\n  python: {got if error is None else error!r}")
print(f"{len(fixture['cases']) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
