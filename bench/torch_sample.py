#!/usr/bin/python3
"""Times batched generation with a KV cache for a GPT-2 style model in plain PyTorch (no
`transformers`; the cache is written here), for comparison with `sift bench sample`.

  /usr/bin/python3 bench/torch_sample.py --config small --batch 1 --json
  /usr/bin/python3 bench/torch_sample.py --config small --batch 16 --json

Each generate call: prefill a random prompt of --prompt tokens (default 16) for every row, then
--new-tokens decode steps (default 128), one token per row per step, no early stop; logits are
computed for the last position only. tokens_per_s = batch * new_tokens / wall seconds of the whole
call (prefill included), median over --repeats calls after one warm-up call. Greedy by default;
--temperature/--top-k/--top-p sample instead (temperature -> top-k -> top-p, as Hugging Face).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_common  # noqa: E402  (must configure the environment before torch loads)


def parse():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="small", help="gpt2-124m | small | tiny-gpt2")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--prompt", type=int, default=16, help="prompt tokens per row")
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--repeats", type=int, default=3, help="timed generate calls (median reported)")
    ap.add_argument("--temperature", type=float, default=0.0, help="0 = greedy")
    ap.add_argument("--top-k", type=int, default=0)
    ap.add_argument("--top-p", type=float, default=1.0)
    torch_common.add_common_arguments(ap)
    return ap.parse_args()


args = parse()
notes = torch_common.configure(args.threads, args.coretype)

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

threads = torch_common.apply_threads(torch, notes["threads"])


class Gpt2:
    """Weights as plain tensors (q, k, v fused into one [3C, C] matrix); forward over a KV cache."""

    def __init__(self, L, C, H, V, ctx, batch, gen):
        self.L, self.C, self.H, self.V, self.ctx = L, C, H, V, ctx
        D = C // H
        n = lambda *shape, std=0.02: torch.randn(*shape, generator=gen) * std  # noqa: E731
        self.wte, self.wpe = n(V, C), n(ctx, C)
        self.layers = []
        for _ in range(L):
            self.layers.append(dict(
                ln1_w=torch.ones(C), ln1_b=torch.zeros(C),
                qkv_w=n(3 * C, C), qkv_b=torch.zeros(3 * C),
                o_w=n(C, C, std=0.02 / math.sqrt(2 * L)), o_b=torch.zeros(C),
                ln2_w=torch.ones(C), ln2_b=torch.zeros(C),
                up_w=n(4 * C, C), up_b=torch.zeros(4 * C),
                down_w=n(C, 4 * C, std=0.02 / math.sqrt(2 * L)), down_b=torch.zeros(C)))
        self.lnf_w, self.lnf_b = torch.ones(C), torch.zeros(C)
        # the cache: [L][B, H, ctx, D] keys and values, filled up to self.pos
        self.k_cache = [torch.zeros(batch, H, ctx, D) for _ in range(L)]
        self.v_cache = [torch.zeros(batch, H, ctx, D) for _ in range(L)]
        self.pos = 0

    def forward(self, idx):
        """idx [B, t] new tokens at positions pos..pos+t-1; returns logits [B, V] of the last one."""
        B, t = idx.shape
        C, H, D, p0 = self.C, self.H, self.C // self.H, self.pos
        x = self.wte[idx] + self.wpe[p0:p0 + t]
        T = p0 + t
        mask = None
        if t > 1:  # causal within the new block; every new token sees the whole cached prefix
            mask = torch.ones(t, T, dtype=torch.bool).tril(diagonal=p0).logical_not()
        for i, w in enumerate(self.layers):
            h = F.layer_norm(x, (C,), w["ln1_w"], w["ln1_b"], 1e-5)
            q, k, v = F.linear(h, w["qkv_w"], w["qkv_b"]).split(C, dim=2)
            q, k, v = (u.view(B, t, H, D).transpose(1, 2) for u in (q, k, v))
            self.k_cache[i][:, :, p0:T] = k
            self.v_cache[i][:, :, p0:T] = v
            K, Vv = self.k_cache[i][:, :, :T], self.v_cache[i][:, :, :T]
            att = (q @ K.transpose(-2, -1)) * (1.0 / math.sqrt(D))
            if mask is not None:
                att = att.masked_fill(mask, float("-inf"))
            y = (att.softmax(dim=-1) @ Vv).transpose(1, 2).reshape(B, t, C)
            x = x + F.linear(y, w["o_w"], w["o_b"])
            h = F.layer_norm(x, (C,), w["ln2_w"], w["ln2_b"], 1e-5)
            x = x + F.linear(F.gelu(F.linear(h, w["up_w"], w["up_b"]), approximate="tanh"), w["down_w"], w["down_b"])
        self.pos = T
        last = F.layer_norm(x[:, -1, :], (C,), self.lnf_w, self.lnf_b, 1e-5)
        return last @ self.wte.t()  # tied lm_head


def pick(logits, gen):
    if args.temperature <= 0 or args.top_k == 1:
        return logits.argmax(dim=-1)
    logits = logits / args.temperature
    if 0 < args.top_k < logits.size(-1):
        kth = torch.topk(logits, args.top_k, dim=-1).values[:, -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if args.top_p < 1.0:
        sorted_logits, order = torch.sort(logits, descending=False, dim=-1)
        cum = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        remove_sorted = cum <= (1 - args.top_p)
        remove_sorted[:, -1] = False
        remove = remove_sorted.scatter(1, order, remove_sorted)
        logits = logits.masked_fill(remove, float("-inf"))
    return torch.multinomial(logits.softmax(dim=-1), 1, generator=gen).squeeze(1)


def generate(model, prompt, gen):
    model.pos = 0
    out = []
    logits = model.forward(prompt)
    for _ in range(args.new_tokens):
        nxt = pick(logits, gen)
        out.append(nxt)
        if len(out) == args.new_tokens:
            break
        logits = model.forward(nxt.view(-1, 1))
    return torch.stack(out, dim=1)


def main():
    s = torch_common.gpt2_shape(args.config)
    if args.prompt + args.new_tokens > s["ctx"]:
        raise SystemExit(f"prompt {args.prompt} + new tokens {args.new_tokens} exceed the context {s['ctx']}")
    gen = torch.Generator().manual_seed(args.seed)
    model = Gpt2(s["L"], s["C"], s["H"], s["V"], s["ctx"], args.batch, gen)
    prompt = torch.randint(0, s["V"], (args.batch, args.prompt), generator=gen)
    print(f"torch {torch.__version__}; threads {threads}; OPENBLAS_CORETYPE {notes['openblas_coretype']}; "
          f"OMP_WAIT_POLICY {notes['omp_wait_policy']}")
    print(f"config {args.config}: L={s['L']} C={s['C']} H={s['H']} V={s['V']}; batch {args.batch}, "
          f"prompt {args.prompt}, new tokens {args.new_tokens}, "
          + ("greedy" if args.temperature <= 0 else f"T={args.temperature} top-k={args.top_k} top-p={args.top_p}"))
    times = []
    with torch.inference_mode():
        for r in range(1 + args.repeats):
            t0 = time.perf_counter()
            toks = generate(model, prompt, gen)
            dt = time.perf_counter() - t0
            tag = "warm-up" if r == 0 else "timed"
            print(f"generate {r} ({tag}): {dt * 1000:.0f} ms, {args.batch * args.new_tokens / dt:.1f} tokens/s; "
                  f"row 0 starts {toks[0, :8].tolist()}")
            if r > 0:
                times.append(dt)
    sec = statistics.median(times)
    tps = args.batch * args.new_tokens / sec
    print(f"median {sec * 1000:.0f} ms per generate, {tps:.1f} tokens/s")
    if args.json:
        print(json.dumps({"config": args.config, "tokens_per_s": round(tps, 2), "batch": args.batch,
                          "threads": threads, "new_tokens": args.new_tokens, "prompt_tokens": args.prompt,
                          "ms_per_generate": round(sec * 1000, 1), "impl": "pytorch",
                          "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE")}))


if __name__ == "__main__":
    main()
