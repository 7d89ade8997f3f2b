#!/usr/bin/python3
"""Independent plain-PyTorch reference for Sift's two model families (docs/model-spec.md).

Writes tests/Sift.Tests/Golden/{llama_tiny,gpt2_tiny}.safetensors: every parameter, a batch
(input_ids, targets, weights), the logits, the loss, the gradient of every parameter and the
losses of 5 AdamW steps. Everything is computed in float64 from float32-representable weights and
stored as F32, so the C# engine (float32) can be compared within ~1e-4 relative.

No `transformers` and no `safetensors` package: every layer is written out with torch ops here,
autograd supplies the gradients, and the safetensors container is written by hand.

Run:  /usr/bin/python3 tests/reference/make_golden.py      (Debian python3-torch 1.13, CPU)
"""
import json
import math
import os
import struct
import sys

import torch

torch.set_default_dtype(torch.float64)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN_DIR = os.path.join(REPO, "tests", "Sift.Tests", "Golden")

B, T = 2, 8
ADAMW = dict(lr=1e-2, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
ADAMW_STEPS = 5

LLAMA = dict(family="llama", V=64, C=32, L=2, Hq=4, Hkv=2, F=48, max_pos=32,
             rope_theta=10000.0, eps=1e-5, tie=False, bos=1, eos=2, seed=1234)
GPT2 = dict(family="gpt2", V=64, C=32, L=2, Hq=4, Hkv=4, F=64, max_pos=32,
            rope_theta=10000.0, eps=1e-5, tie=True, bos=1, eos=2, seed=5678)


# ----------------------------------------------------------------------------------------------
# config.json text, same keys and order as src/Sift/Model/ModelConfig.cs ToJson (FromJson reads it)

def config_json(cfg):
    o = {}
    if cfg["family"] == "llama":
        o["architectures"] = ["LlamaForCausalLM"]
        o["model_type"] = "llama"
        o["rms_norm_eps"] = cfg["eps"]
        o["rope_theta"] = cfg["rope_theta"]
        o["hidden_act"] = "silu"
    else:
        o["architectures"] = ["SiftGpt2ForCausalLM"]
        o["model_type"] = "sift_gpt2"
        o["layer_norm_epsilon"] = cfg["eps"]
        o["hidden_act"] = "gelu_pytorch_tanh"
    o["hidden_size"] = cfg["C"]
    o["intermediate_size"] = cfg["F"]
    o["num_hidden_layers"] = cfg["L"]
    o["num_attention_heads"] = cfg["Hq"]
    o["num_key_value_heads"] = cfg["Hkv"]
    o["vocab_size"] = cfg["V"]
    o["max_position_embeddings"] = cfg["max_pos"]
    o["tie_word_embeddings"] = cfg["tie"]
    o["bos_token_id"] = cfg["bos"]
    o["eos_token_id"] = cfg["eos"]
    o["torch_dtype"] = "float32"
    return json.dumps(o, indent=2)


# ----------------------------------------------------------------------------------------------
# parameters (names and shapes from docs/model-spec.md)

def param_shapes(cfg):
    V, C, L, Hq, Hkv, F = cfg["V"], cfg["C"], cfg["L"], cfg["Hq"], cfg["Hkv"], cfg["F"]
    D = C // Hq
    shapes = [("model.embed_tokens.weight", (V, C))]
    gpt2 = cfg["family"] == "gpt2"
    if gpt2:
        shapes.append(("model.embed_positions.weight", (cfg["max_pos"], C)))
    for i in range(L):
        p = f"model.layers.{i}."
        shapes.append((p + "input_layernorm.weight", (C,)))
        if gpt2:
            shapes.append((p + "input_layernorm.bias", (C,)))
        for name, out in (("q_proj", Hq * D), ("k_proj", Hkv * D), ("v_proj", Hkv * D)):
            shapes.append((p + f"self_attn.{name}.weight", (out, C)))
            if gpt2:
                shapes.append((p + f"self_attn.{name}.bias", (out,)))
        shapes.append((p + "self_attn.o_proj.weight", (C, Hq * D)))
        if gpt2:
            shapes.append((p + "self_attn.o_proj.bias", (C,)))
        shapes.append((p + "post_attention_layernorm.weight", (C,)))
        if gpt2:
            shapes.append((p + "post_attention_layernorm.bias", (C,)))
        if not gpt2:
            shapes.append((p + "mlp.gate_proj.weight", (F, C)))
        shapes.append((p + "mlp.up_proj.weight", (F, C)))
        if gpt2:
            shapes.append((p + "mlp.up_proj.bias", (F,)))
        shapes.append((p + "mlp.down_proj.weight", (C, F)))
        if gpt2:
            shapes.append((p + "mlp.down_proj.bias", (C,)))
    shapes.append(("model.norm.weight", (C,)))
    if gpt2:
        shapes.append(("model.norm.bias", (C,)))
    if not cfg["tie"]:
        shapes.append(("lm_head.weight", (V, C)))
    return shapes


def make_params(cfg):
    """Deterministic weights, rounded to float32 so the C# side starts from exactly the same values.
    Larger than the 0.02 init so that every path (norm gains, biases, attention) carries signal."""
    g = torch.Generator().manual_seed(cfg["seed"])
    params = {}
    for name, shape in param_shapes(cfg):
        if name.endswith("norm.weight"):
            t = 1.0 + 0.1 * torch.randn(shape, generator=g)
        elif name.endswith(".bias"):
            t = 0.05 * torch.randn(shape, generator=g)
        else:
            t = 0.15 * torch.randn(shape, generator=g)
        params[name] = t.float().double().requires_grad_(True)
    return params


def make_batch(cfg):
    g = torch.Generator().manual_seed(cfg["seed"] + 1)
    seq = torch.randint(0, cfg["V"], (B, T + 1), generator=g)
    input_ids, targets = seq[:, :T].clone(), seq[:, 1:].clone()
    weights = torch.ones(B, T)
    weights[0, :3] = 0.0   # prompt of row 0: 3 tokens
    weights[1, :5] = 0.0   # prompt of row 1: 5 tokens
    weights[1, T - 1] = 0.0  # a padding position at the end of row 1
    return input_ids, targets, weights


# ----------------------------------------------------------------------------------------------
# layers, by hand

def rmsnorm(x, w, eps):
    return x / torch.sqrt((x * x).mean(dim=-1, keepdim=True) + eps) * w


def layernorm(x, w, b, eps):
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)  # biased
    return (x - mean) / torch.sqrt(var + eps) * w + b


def linear(x, w, b=None):
    y = x @ w.t()
    return y if b is None else y + b


def rope(x, theta):
    """x: [B, T, H, D]; Hugging Face rotate_half convention, positions 0..T-1 per row."""
    _, Tn, _, D = x.shape
    half = D // 2
    inv_freq = theta ** (-(torch.arange(half, dtype=torch.float64) * 2.0) / D)  # [D/2]
    a = torch.arange(Tn, dtype=torch.float64)[:, None] * inv_freq[None, :]     # [T, D/2]
    cos = torch.cat([a.cos(), a.cos()], dim=-1)[None, :, None, :]                # [1, T, 1, D]
    sin = torch.cat([a.sin(), a.sin()], dim=-1)[None, :, None, :]
    x1, x2 = x[..., :half], x[..., half:]
    rotated = torch.cat([-x2, x1], dim=-1)
    return x * cos.to(x.dtype) + rotated * sin.to(x.dtype)


def attention(q, k, v, Hq, Hkv):
    """q: [B, T, Hq, D], k/v: [B, T, Hkv, D] -> [B, T, Hq*D]. Causal, scale 1/sqrt(D),
    query head h reads kv head h // (Hq/Hkv)."""
    Bn, Tn, _, D = q.shape
    group = Hq // Hkv
    k = k.repeat_interleave(group, dim=2)
    v = v.repeat_interleave(group, dim=2)
    q, k, v = (t.transpose(1, 2) for t in (q, k, v))  # [B, H, T, D]
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(D)
    mask = torch.ones(Tn, Tn, dtype=torch.bool).tril()
    scores = scores.masked_fill(~mask, float("-inf"))
    probs = torch.softmax(scores, dim=-1)
    out = probs @ v  # [B, H, T, D]
    return out.transpose(1, 2).reshape(Bn, Tn, Hq * D)


def silu(x):
    return x * torch.sigmoid(x)


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def forward(cfg, P, input_ids):
    C, Hq, Hkv = cfg["C"], cfg["Hq"], cfg["Hkv"]
    D = C // Hq
    Bn, Tn = input_ids.shape
    gpt2 = cfg["family"] == "gpt2"
    x = P["model.embed_tokens.weight"][input_ids]  # [B, T, C]
    if gpt2:
        x = x + P["model.embed_positions.weight"][torch.arange(Tn)][None, :, :]
    for i in range(cfg["L"]):
        p = f"model.layers.{i}."
        bias = (lambda n: P[p + n + ".bias"]) if gpt2 else (lambda n: None)
        if gpt2:
            n1 = layernorm(x, P[p + "input_layernorm.weight"], P[p + "input_layernorm.bias"], cfg["eps"])
        else:
            n1 = rmsnorm(x, P[p + "input_layernorm.weight"], cfg["eps"])
        q = linear(n1, P[p + "self_attn.q_proj.weight"], bias("self_attn.q_proj")).view(Bn, Tn, Hq, D)
        k = linear(n1, P[p + "self_attn.k_proj.weight"], bias("self_attn.k_proj")).view(Bn, Tn, Hkv, D)
        v = linear(n1, P[p + "self_attn.v_proj.weight"], bias("self_attn.v_proj")).view(Bn, Tn, Hkv, D)
        if not gpt2:
            q, k = rope(q, cfg["rope_theta"]), rope(k, cfg["rope_theta"])
        a = attention(q, k, v, Hq, Hkv)
        h = x + linear(a, P[p + "self_attn.o_proj.weight"], bias("self_attn.o_proj"))
        if gpt2:
            n2 = layernorm(h, P[p + "post_attention_layernorm.weight"], P[p + "post_attention_layernorm.bias"], cfg["eps"])
            m = gelu_tanh(linear(n2, P[p + "mlp.up_proj.weight"], P[p + "mlp.up_proj.bias"]))
        else:
            n2 = rmsnorm(h, P[p + "post_attention_layernorm.weight"], cfg["eps"])
            m = silu(linear(n2, P[p + "mlp.gate_proj.weight"])) * linear(n2, P[p + "mlp.up_proj.weight"])
        x = h + linear(m, P[p + "mlp.down_proj.weight"], bias("mlp.down_proj"))
    if gpt2:
        xf = layernorm(x, P["model.norm.weight"], P["model.norm.bias"], cfg["eps"])
    else:
        xf = rmsnorm(x, P["model.norm.weight"], cfg["eps"])
    head = P["model.embed_tokens.weight"] if cfg["tie"] else P["lm_head.weight"]
    return xf @ head.t()  # [B, T, V]


def weighted_ce(logits, targets, weights):
    """loss = sum_i w_i * (-log softmax(logits_i)[y_i]) / sum_i w_i"""
    V = logits.shape[-1]
    logp = torch.log_softmax(logits.reshape(-1, V), dim=-1)
    nll = -logp.gather(1, targets.reshape(-1, 1)).squeeze(1)
    w = weights.reshape(-1)
    return (w * nll).sum() / w.sum()


# ----------------------------------------------------------------------------------------------
# safetensors, by hand: u64 little-endian header size, JSON header, raw little-endian data

def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)  # pad so the data starts 8-byte aligned
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


# ----------------------------------------------------------------------------------------------

def golden(cfg):
    P = make_params(cfg)
    input_ids, targets, weights = make_batch(cfg)
    out = {}
    for name, t in P.items():
        out[name] = t.detach().clone()
    out["input_ids"] = input_ids.double()
    out["targets"] = targets.double()
    out["weights"] = weights

    logits = forward(cfg, P, input_ids)
    loss = weighted_ce(logits, targets, weights)
    loss.backward()
    out["logits"] = logits.detach().clone()
    out["loss"] = loss.detach().reshape(1).clone()
    for name, t in P.items():
        out["grad." + name] = t.grad.detach().clone()

    # 5 AdamW steps on the same batch (float64), decay on 2-D parameters only, no clipping.
    for t in P.values():
        t.grad = None
    decay = [t for t in P.values() if t.dim() == 2]
    no_decay = [t for t in P.values() if t.dim() != 2]
    opt = torch.optim.AdamW([
        {"params": decay, "weight_decay": ADAMW["weight_decay"]},
        {"params": no_decay, "weight_decay": 0.0},
    ], lr=ADAMW["lr"], betas=ADAMW["betas"], eps=ADAMW["eps"])
    losses = []
    for _ in range(ADAMW_STEPS):
        opt.zero_grad(set_to_none=True)
        l = weighted_ce(forward(cfg, P, input_ids), targets, weights)
        losses.append(l.item())
        l.backward()
        opt.step()
    out["adamw_losses"] = torch.tensor(losses)
    return out, float(loss), losses


def self_check():
    """The hand-written layers agree with torch.nn.functional and with the spec's formulas."""
    import torch.nn.functional as Fn
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 5, 8, generator=g)
    w, b = torch.randn(8, generator=g), torch.randn(8, generator=g)
    assert torch.allclose(layernorm(x, w, b, 1e-5), Fn.layer_norm(x, (8,), w, b, 1e-5), atol=1e-12)
    assert torch.allclose(gelu_tanh(x), Fn.gelu(x, approximate="tanh"), atol=1e-12)
    assert torch.allclose(silu(x), Fn.silu(x), atol=1e-12)
    logits, tg = torch.randn(6, 7, generator=g), torch.randint(0, 7, (6,), generator=g)
    wt = torch.tensor([0.0, 1.0, 1.0, 0.0, 2.0, 1.0])
    ref = (Fn.cross_entropy(logits, tg, reduction="none") * wt).sum() / wt.sum()
    assert torch.allclose(weighted_ce(logits, tg, wt), ref, atol=1e-12)
    # RoPE against the per-element formula of docs/model-spec.md
    q = torch.randn(1, 4, 2, 6, generator=g)
    r = rope(q, 10000.0)
    for pos in range(4):
        for h in range(2):
            for d in range(3):
                a = pos * 10000.0 ** (-2.0 * d / 6)
                x0, x1 = q[0, pos, h, d], q[0, pos, h, d + 3]
                assert abs(r[0, pos, h, d] - (x0 * math.cos(a) - x1 * math.sin(a))) < 1e-12
                assert abs(r[0, pos, h, d + 3] - (x1 * math.cos(a) + x0 * math.sin(a))) < 1e-12
    # GQA attention against an explicit loop
    qq, kk, vv = torch.randn(1, 3, 4, 2, generator=g), torch.randn(1, 3, 2, 2, generator=g), torch.randn(1, 3, 2, 2, generator=g)
    att = attention(qq, kk, vv, 4, 2).view(1, 3, 4, 2)
    for t in range(3):
        for h in range(4):
            kv = h // 2
            s = torch.stack([qq[0, t, h] @ kk[0, j, kv] / math.sqrt(2) for j in range(t + 1)])
            p = torch.softmax(s, 0)
            o = sum(p[j] * vv[0, j, kv] for j in range(t + 1))
            assert torch.allclose(att[0, t, h], o, atol=1e-12)


def main():
    self_check()
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    for fname, cfg in (("llama_tiny.safetensors", LLAMA), ("gpt2_tiny.safetensors", GPT2)):
        tensors, loss, losses = golden(cfg)
        meta = {"config": config_json(cfg),
                "generator": "tests/reference/make_golden.py",
                "torch_version": torch.__version__,
                "batch": json.dumps({"B": B, "T": T}),
                "adamw": json.dumps({**ADAMW, "steps": ADAMW_STEPS, "decay": "2-D parameters only", "clip": None})}
        path = os.path.join(GOLDEN_DIR, fname)
        write_safetensors(path, tensors, meta)
        print(f"{fname}: {len(tensors)} tensors, {os.path.getsize(path)} bytes, loss {loss:.6f}, "
              f"adamw {' '.join(f'{x:.5f}' for x in losses)}")


if __name__ == "__main__":
    sys.exit(main())
