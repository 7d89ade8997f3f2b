"""Greedy llama2.c reference for stories260K.gguf (tests/Sift.Tests/Model/Fixtures/stories260k_greedy.json).

Parses the GGUF file itself (GGUF v3, ggml docs/gguf.md; no gguf pip package), then runs llama2.c's
run.c forward pass in PyTorch on the weights exactly as the file stores them: q/k rows in the
original interleaved-pair RoPE layout, RoPE rotating pairs (2i, 2i+1) as run.c does. The prompt is
encoded as run.c's encode() does it: BOS (1), then the dummy-prefix space token, then one token per
UTF-8 character (bytes + 3 when the character is not in the vocabulary), then repeatedly merging
the adjacent pair whose concatenation is in the vocabulary with the highest score (leftmost on
ties). Generation is run.c's greedy loop (argmax, stop at BOS), for NEW_TOKENS new tokens; the text
is run.c's decode of prompt + continuation (leading space dropped after BOS, <0xNN> -> byte).

Run with Debian's torch:  /usr/bin/python3 tests/reference/make_stories260k_fixture.py [GGUF] [OUT]
"""
import json
import math
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GGUF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "models", "stories260K", "stories260K.gguf")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "tests", "Sift.Tests", "Model", "Fixtures", "stories260k_greedy.json")
PROMPT = "Once upon a time"
NEW_TOKENS = 40


def read_gguf(path):
    data = open(path, "rb").read()
    pos = 0

    def take(fmt):
        nonlocal pos
        v = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return v[0]

    def string():
        nonlocal pos
        n = take("Q")
        s = data[pos:pos + n].decode("utf-8")
        pos += n
        return s

    scalar = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}

    def value(t):
        if t == 8:
            return string()
        if t == 9:
            et = take("I")
            n = take("Q")
            return [value(et) for _ in range(n)]
        return take(scalar[t])

    assert data[:4] == b"GGUF", "not a GGUF file"
    pos = 4
    version = take("I")
    assert version == 3, version
    n_tensors = take("Q")
    n_kv = take("Q")
    meta = {}
    for _ in range(n_kv):
        key = string()
        meta[key] = value(take("I"))
    infos = []
    for _ in range(n_tensors):
        name = string()
        dims = [take("Q") for _ in range(take("I"))]
        ttype = take("I")
        offset = take("Q")
        infos.append((name, dims, ttype, offset))
    align = meta.get("general.alignment", 32)
    start = (pos + align - 1) // align * align
    tensors = {}
    for name, dims, ttype, offset in infos:
        assert ttype == 0, f"{name}: only F32 expected in stories260K"
        count = math.prod(dims)
        t = torch.frombuffer(bytearray(data[start + offset:start + offset + 4 * count]), dtype=torch.float32)
        tensors[name] = t.reshape(list(reversed(dims)))  # ggml ne[0] is the fastest dimension
    return meta, tensors


def encode(text, tokens, scores):
    lookup = {t: i for i, t in enumerate(tokens)}
    ids = [1]  # BOS
    if text:
        ids.append(lookup["\u2581"])  # run.c: the dummy prefix " " (tokenizer.bin stores ▁ as a space)
    for ch in text.replace(" ", "\u2581"):
        if ch in lookup:
            ids.append(lookup[ch])
        else:
            ids.extend(b + 3 for b in ch.encode("utf-8"))
    while True:
        best, best_id, best_i = -1e10, -1, -1
        for i in range(len(ids) - 1):
            j = lookup.get(tokens[ids[i]] + tokens[ids[i + 1]], -1)
            if j != -1 and scores[j] > best:
                best, best_id, best_i = scores[j], j, i
        if best_i == -1:
            break
        ids[best_i:best_i + 2] = [best_id]
    return ids


def decode_piece(prev, token, tokens):
    piece = tokens[token].replace("\u2581", " ")
    if prev == 1 and piece.startswith(" "):
        piece = piece[1:]
    if len(piece) == 6 and piece.startswith("<0x") and piece.endswith(">"):
        return bytes([int(piece[3:5], 16)])
    return piece.encode("utf-8")


def main():
    meta, w = read_gguf(GGUF)
    tokens = meta["tokenizer.ggml.tokens"]
    scores = meta["tokenizer.ggml.scores"]
    dim = meta["llama.embedding_length"]
    n_layers = meta["llama.block_count"]
    n_heads = meta["llama.attention.head_count"]
    n_kv = meta["llama.attention.head_count_kv"]
    eps = meta["llama.attention.layer_norm_rms_epsilon"]
    theta = meta.get("llama.rope.freq_base", 10000.0)
    hs = dim // n_heads
    kv_dim = hs * n_kv
    seq = 512

    def rmsnorm(x, weight):
        return x * torch.rsqrt((x * x).mean() + eps) * weight

    def rope(vec, pos):
        out = vec.clone()
        for i in range(0, vec.shape[0], 2):
            freq = 1.0 / (theta ** ((i % hs) / hs))
            val = pos * freq
            c, s = math.cos(val), math.sin(val)
            v0, v1 = vec[i].item(), vec[i + 1].item()
            out[i] = v0 * c - v1 * s
            out[i + 1] = v0 * s + v1 * c
        return out

    kc = torch.zeros(n_layers, seq, kv_dim)
    vc = torch.zeros(n_layers, seq, kv_dim)

    def forward(token, pos):
        x = w["token_embd.weight"][token].clone()
        for l in range(n_layers):
            b = f"blk.{l}."
            xb = rmsnorm(x, w[b + "attn_norm.weight"])
            q = rope(w[b + "attn_q.weight"] @ xb, pos)
            kc[l, pos] = rope(w[b + "attn_k.weight"] @ xb, pos)
            vc[l, pos] = w[b + "attn_v.weight"] @ xb
            att = torch.zeros(dim)
            for h in range(n_heads):
                kh = h // (n_heads // n_kv)
                qh = q[h * hs:(h + 1) * hs]
                keys = kc[l, :pos + 1, kh * hs:(kh + 1) * hs]
                a = torch.softmax(keys @ qh / math.sqrt(hs), dim=0)
                att[h * hs:(h + 1) * hs] = a @ vc[l, :pos + 1, kh * hs:(kh + 1) * hs]
            x = x + w[b + "attn_output.weight"] @ att
            xb = rmsnorm(x, w[b + "ffn_norm.weight"])
            g = w[b + "ffn_gate.weight"] @ xb
            x = x + w[b + "ffn_down.weight"] @ (torch.nn.functional.silu(g) * (w[b + "ffn_up.weight"] @ xb))
        x = rmsnorm(x, w["output_norm.weight"])
        return w["output.weight"] @ x

    prompt = encode(PROMPT, tokens, scores)
    ids = list(prompt)
    token, pos = ids[0], 0
    text = b""
    new = []
    while len(new) < NEW_TOKENS:
        logits = forward(token, pos)
        if pos < len(prompt) - 1:
            nxt = prompt[pos + 1]
        else:
            nxt = int(torch.argmax(logits))
            new.append(nxt)
        pos += 1
        if nxt == 1:
            break
        text += decode_piece(token, nxt, tokens)
        token = nxt
    fixture = {
        "source": "tests/reference/make_stories260k_fixture.py (llama2.c run.c greedy forward in PyTorch on stories260K.gguf)",
        "prompt": PROMPT,
        "prompt_ids": prompt,
        "new_tokens": NEW_TOKENS,
        "ids": new,
        "text": text.decode("utf-8", errors="replace"),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(json.dumps(fixture, ensure_ascii=False))


if __name__ == "__main__":
    torch.manual_seed(0)
    with torch.no_grad():
        main()
