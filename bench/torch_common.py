"""Shared set-up for the PyTorch benchmark scripts (bench/torch_train.py, bench/torch_sample.py).

`configure()` must run BEFORE `import torch`: OpenBLAS and OpenMP read their environment once,
when the libraries load. It picks the best settings for this machine:
  - OPENBLAS_CORETYPE: OpenBLAS 0.3.21 mis-detects the CPU of these virtual machines and falls back
    to the generic Prescott kernels (about 5x slower). From /proc/cpuinfo: avx512f -> SkylakeX,
    avx2 -> Haswell. Measured here (Zen 5, 2 threads, torch matmul 1024^3 / 2048x384x1536 /
    256x768x3072, medians of 6 interleaved runs on the noisy shared machine): SkylakeX 116/138/130,
    Cooperlake 112/126/106, Haswell 64/69/74 GFLOP/s; an earlier series had Cooperlake slightly
    ahead, so the two AVX-512 types are equal within noise and SkylakeX (the same sgemm kernel
    family) is used.
    A value already in the environment is kept unless it names an older ISA class than the CPU
    supports (this machine's image exports OPENBLAS_CORETYPE=Haswell, which would flatter Sift by
    ~40%); --coretype NAME forces a value.
  - OMP_WAIT_POLICY=PASSIVE (unless set): torch's OpenMP threads otherwise spin while OpenBLAS's own
    pthreads work, and on 2 cores they steal each other's time.
  - threads: torch.set_num_threads(--threads or os.cpu_count()).
"""
import os

# ISA class of OpenBLAS core types (higher = wider vectors); unknown names count as current.
CORE_CLASS = {"prescott": 0, "nehalem": 0, "sandybridge": 1, "haswell": 2, "zen": 2,
              "skylakex": 3, "cooperlake": 3, "sapphirerapids": 3}


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def detect_coretype(flags):
    if "avx512f" in flags:
        return "SkylakeX"
    if "avx2" in flags:
        return "Haswell"
    return None


def configure(threads=None, coretype=None):
    """Sets the environment (before torch loads); returns a dict describing the choices."""
    notes = {}
    best = detect_coretype(cpu_flags())
    env = os.environ.get("OPENBLAS_CORETYPE")
    if coretype:
        os.environ["OPENBLAS_CORETYPE"] = coretype
        notes["openblas_coretype"] = f"{coretype} (--coretype)"
    elif env and (best is None or CORE_CLASS.get(env.lower(), 3) >= CORE_CLASS[best.lower()]):
        notes["openblas_coretype"] = f"{env} (from environment)"
    elif best:
        os.environ["OPENBLAS_CORETYPE"] = best
        notes["openblas_coretype"] = f"{best} (from /proc/cpuinfo" + (f"; environment had {env}, an older ISA class)" if env else ")")
    else:
        notes["openblas_coretype"] = "left to OpenBLAS"
    if "OMP_WAIT_POLICY" not in os.environ:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
        notes["omp_wait_policy"] = "PASSIVE (set)"
    else:
        notes["omp_wait_policy"] = os.environ["OMP_WAIT_POLICY"] + " (from environment)"
    notes["threads"] = threads or os.cpu_count() or 1
    return notes


def add_common_arguments(ap):
    """The options every benchmark script takes (threads, core type, seed, --json)."""
    ap.add_argument("--threads", type=int, default=None, help="default: os.cpu_count()")
    ap.add_argument("--coretype", default=None, help="force OPENBLAS_CORETYPE (default: best for this CPU)")
    ap.add_argument("--seed", type=int, default=1337)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")


def apply_threads(torch, n):
    torch.set_num_threads(n)
    return torch.get_num_threads()


def gpt2_shape(name):
    """The named GPT-2 style configs of src/Sift/Model/NamedConfigs.cs and their timed batch."""
    shapes = {
        # n_layer, n_embd, n_head, vocab, context, default B, default T
        "gpt2-124m": dict(L=12, C=768, H=12, V=50304, ctx=1024, B=4, T=64),
        "small": dict(L=6, C=384, H=6, V=50304, ctx=256, B=8, T=256),
        "tiny-gpt2": dict(L=2, C=64, H=4, V=128, ctx=128, B=8, T=64),
    }
    if name not in shapes:
        raise SystemExit(f"unknown config '{name}'; known: {', '.join(shapes)}")
    return shapes[name]
