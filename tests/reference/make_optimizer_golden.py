#!/usr/bin/python3
"""Golden values for Sift.Training (AdamW, global-norm clipping) from torch.optim.AdamW and
torch.nn.utils.clip_grad_norm_ in float32, written to tests/Sift.Tests/Golden/optimizer.json.

Run:  /usr/bin/python3 tests/reference/make_optimizer_golden.py   (Debian python3-torch 1.13, CPU)
"""
import json
import os

import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "tests", "Sift.Tests", "Golden", "optimizer.json")

# (name, shape, decay): 2-D tensors decay, 1-D do not (docs/model-spec.md)
TENSORS = [("w1", (8, 5), True), ("b1", (7,), False), ("w2", (6, 11), True), ("g", (19,), False)]
LRS = [1e-2, 3e-3, 2e-2, 5e-3]  # one per step, as a schedule would give
OPTS = dict(betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)


def flat(ts):
    return [float(x) for t in ts for x in t.detach().reshape(-1).tolist()]


def adamw_case():
    g = torch.Generator().manual_seed(42)
    params = [torch.randn(s, generator=g, dtype=torch.float32).requires_grad_(True) for _, s, _ in TENSORS]
    initial = flat(params)
    opt = torch.optim.AdamW([
        {"params": [p for p, (_, _, d) in zip(params, TENSORS) if d], "weight_decay": OPTS["weight_decay"]},
        {"params": [p for p, (_, _, d) in zip(params, TENSORS) if not d], "weight_decay": 0.0},
    ], lr=LRS[0], betas=OPTS["betas"], eps=OPTS["eps"])
    steps = []
    for lr in LRS:
        grads = [torch.randn(s, generator=g, dtype=torch.float32) * 0.1 for _, s, _ in TENSORS]
        grads[0][0, 0] = 0.0  # an exactly-zero gradient element
        for p, gr in zip(params, grads):
            p.grad = gr.clone()
        for group in opt.param_groups:
            group["lr"] = lr
        opt.step()
        steps.append({"lr": lr, "grads": flat(grads), "params_after": flat(params)})
    state = [opt.state[p] for p in params]
    return {
        "tensors": [{"name": n, "shape": list(s), "decay": d} for n, s, d in TENSORS],
        "beta1": OPTS["betas"][0], "beta2": OPTS["betas"][1], "eps": OPTS["eps"], "weight_decay": OPTS["weight_decay"],
        "initial": initial, "steps": steps,
        "final_m": flat([s["exp_avg"] for s in state]), "final_v": flat([s["exp_avg_sq"] for s in state]),
    }


def clip_case(max_norm, scale):
    g = torch.Generator().manual_seed(7)
    params = [torch.zeros(s, dtype=torch.float32, requires_grad=True) for _, s, _ in TENSORS]
    grads = [torch.randn(s, generator=g, dtype=torch.float32) * scale for _, s, _ in TENSORS]
    for p, gr in zip(params, grads):
        p.grad = gr.clone()
    norm = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return {"max_norm": max_norm, "grads": flat(grads), "norm": float(norm), "clipped": flat([p.grad for p in params])}


def main():
    data = {
        "generator": "tests/reference/make_optimizer_golden.py",
        "torch_version": torch.__version__,
        "adamw": adamw_case(),
        "clip": [clip_case(1.0, 0.5), clip_case(100.0, 0.5), clip_case(0.25, 3.0)],
    }
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    os.replace(tmp, OUT)
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
