#!/usr/bin/python3
"""Times one full fp32 training step (forward + backward + AdamW) of a GPT-2 style model in plain
PyTorch (no `transformers`), for comparison with `sift bench train` (bench/compare.sh).

  /usr/bin/python3 bench/torch_train.py --config gpt2-124m --json      (B=4, T=64)
  /usr/bin/python3 bench/torch_train.py --config small --json          (B=8, T=256)

The model follows docs/model-spec.md's GPT-2 variant: learned positions, pre-LayerNorm blocks,
causal multi-head attention, GELU (tanh) MLP, biases, tied lm_head. Warm-up steps are excluded and
the median step time is reported.

Throughput accounting (the C# side uses the same formula):
  flops per step = 6 * N * tokens + 12 * L * C * T * tokens
  N = parameters excluding the position embeddings (nanoGPT's get_num_params(non_embedding=True);
      the tied token embedding counts once, as the lm_head matmul), tokens = B * T;
  6N: forward 2N + backward 4N multiply-adds per token (Kaplan et al. 2020; PaLM appendix B);
  12LCT: attention scores QK^T and the weighted sum AV, 2*2*T*C flops per token per layer forward,
      times 3 for forward + backward, without halving for the causal mask.
  gflops = flops per step / median step seconds / 1e9.
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
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--seq", type=int, default=None)
    ap.add_argument("--steps", type=int, default=5, help="timed steps (median reported)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    torch_common.add_common_arguments(ap)
    return ap.parse_args()


args = parse()
notes = torch_common.configure(args.threads, args.coretype)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

threads = torch_common.apply_threads(torch, notes["threads"])


class Block(nn.Module):
    def __init__(self, C, H):
        super().__init__()
        self.H = H
        self.ln_1 = nn.LayerNorm(C, eps=1e-5)
        self.c_attn = nn.Linear(C, 3 * C)  # q, k, v projections fused into one GEMM
        self.c_proj = nn.Linear(C, C)
        self.ln_2 = nn.LayerNorm(C, eps=1e-5)
        self.c_fc = nn.Linear(C, 4 * C)
        self.mlp_proj = nn.Linear(4 * C, C)

    def forward(self, x, mask):
        B, T, C = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (t.view(B, T, self.H, C // self.H).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.H))
        att = att.masked_fill(mask[:, :, :T, :T] == 0, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class GPT(nn.Module):
    def __init__(self, L, C, H, V, ctx):
        super().__init__()
        self.wte = nn.Embedding(V, C)
        self.wpe = nn.Embedding(ctx, C)
        self.blocks = nn.ModuleList(Block(C, H) for _ in range(L))
        self.ln_f = nn.LayerNorm(C, eps=1e-5)
        self.register_buffer("mask", torch.tril(torch.ones(ctx, ctx)).view(1, 1, ctx, ctx))
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * L) if name.endswith(("c_proj.weight", "mlp_proj.weight")) else 0.02
                nn.init.normal_(p, 0.0, std)

    def forward(self, idx, targets):
        B, T = idx.shape
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for b in self.blocks:
            x = b(x, self.mask)
        logits = self.ln_f(x) @ self.wte.weight.t()  # tied lm_head
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def main():
    s = torch_common.gpt2_shape(args.config)
    B = args.batch or s["B"]
    T = args.seq or s["T"]
    if T > s["ctx"]:
        raise SystemExit(f"--seq {T} exceeds the context {s['ctx']} of {args.config}")
    torch.manual_seed(args.seed)
    model = GPT(s["L"], s["C"], s["H"], s["V"], s["ctx"])
    n_params = sum(p.numel() for p in model.parameters())
    n_flop_params = n_params - model.wpe.weight.numel()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-4, betas=(0.9, 0.95), eps=1e-8)
    g = torch.Generator().manual_seed(args.seed)
    idx = torch.randint(0, s["V"], (B, T + 1), generator=g)
    x, y = idx[:, :T].contiguous(), idx[:, 1:].contiguous()

    print(f"torch {torch.__version__}; threads {threads}; OPENBLAS_CORETYPE {notes['openblas_coretype']}; "
          f"OMP_WAIT_POLICY {notes['omp_wait_policy']}")
    print(f"config {args.config}: L={s['L']} C={s['C']} H={s['H']} V={s['V']} ctx={s['ctx']}; "
          f"params {n_params / 1e6:.2f}M ({n_flop_params / 1e6:.2f}M without positions); B={B} T={T}")
    times = []
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = model(x, y)
        loss.backward()
        opt.step()
        dt = time.perf_counter() - t0
        tag = "warm-up" if step < args.warmup else "timed"
        print(f"step {step} ({tag}): loss {loss.item():.4f}, {dt * 1000:.1f} ms")
        if step >= args.warmup:
            times.append(dt)
    ms = statistics.median(times) * 1000
    tokens = B * T
    flops = 6 * n_flop_params * tokens + 12 * s["L"] * s["C"] * T * tokens
    tps = tokens / (ms / 1000)
    gflops = flops / (ms / 1000) / 1e9
    print(f"median {ms:.1f} ms/step, {tps:.1f} tokens/s, {gflops:.1f} GFLOP/s")
    if args.json:
        print(json.dumps({"config": args.config, "tokens_per_s": round(tps, 2), "gflops": round(gflops, 2),
                          "ms_per_step": round(ms, 2), "threads": threads, "batch": B, "seq": T,
                          "impl": "pytorch", "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE")}))


if __name__ == "__main__":
    main()
