"""Time the mean cross-entropy from logits: nllce against scipy and (if installed) torch.

Usage: ``python -m benchmarks.bench_loss [--repeats R] [--confident]``

For each shape ``(N, K)`` and dtype it times, in the same run and interleaved,

- ``nllce``: ``cross_entropy_with_logits(logits, labels)`` (validation included);
- ``scipy``: ``-mean(take_along_axis(scipy.special.log_softmax(logits, axis=1), labels))``;
- ``torch``: ``torch.nn.functional.cross_entropy`` on CPU with one thread,

and prints the best time of each and the ratios ``nllce / scipy`` and ``nllce / torch``
(below 1 means nllce is faster). The logits are standard normal, the labels uniform.
With ``--confident`` each target logit is raised by 10, as for a well-trained model:
then most rows have a small loss and take nllce's exact ``log1p`` path, which costs
extra passes over those rows.
"""

import argparse
import time

import numpy as np
from scipy.special import log_softmax

from nllce import cross_entropy_with_logits

SHAPES = ((1_000_000, 10), (10_000, 1_000), (100, 50_000))
DTYPES = (np.float64, np.float32)


def scipy_route(logits, labels):
    log_q = log_softmax(logits, axis=1)
    return -np.mean(np.take_along_axis(log_q, labels[:, None], axis=1))


def torch_route():
    """Return a callable on NumPy arrays, or None when torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)

    def route(logits, labels):
        loss = torch.nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(labels))
        return loss.item()

    return route


def best_times(routes, args, repeats):
    """Best wall time of each route over `repeats` interleaved rounds, in seconds."""
    best = dict.fromkeys(routes, np.inf)
    for _ in range(repeats):
        for name, route in routes.items():
            start = time.perf_counter()
            route(*args)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="rounds per case (best kept)")
    parser.add_argument("--confident", action="store_true", help="raise each target logit by 10")
    options = parser.parse_args()

    routes = {"nllce": cross_entropy_with_logits, "scipy": scipy_route}
    torch_loss = torch_route()
    if torch_loss is not None:
        routes["torch"] = torch_loss
    rng = np.random.default_rng(0)

    header = f"{'N':>9} {'K':>6} {'dtype':>7} {'nllce ms':>9} {'scipy ms':>9} {'nllce/scipy':>11}"
    if torch_loss is not None:
        header += f" {'torch ms':>9} {'nllce/torch':>11}"
    print(header)
    for num_samples, num_classes in SHAPES:
        labels = rng.integers(num_classes, size=num_samples)
        logits64 = rng.standard_normal((num_samples, num_classes))
        if options.confident:
            logits64[np.arange(num_samples), labels] += 10.0
        for dtype in DTYPES:
            logits = logits64.astype(dtype)
            values = {name: float(route(logits, labels)) for name, route in routes.items()}
            spread = max(values.values()) - min(values.values())
            if spread > 1e-5 * max(1.0, abs(values["nllce"])):
                raise AssertionError(f"routes disagree on ({num_samples}, {num_classes}): {values}")
            best = best_times(routes, (logits, labels), options.repeats)
            row = (
                f"{num_samples:>9} {num_classes:>6} {np.dtype(dtype).name:>7} "
                f"{best['nllce'] * 1e3:>9.2f} {best['scipy'] * 1e3:>9.2f} "
                f"{best['nllce'] / best['scipy']:>11.2f}"
            )
            if torch_loss is not None:
                row += f" {best['torch'] * 1e3:>9.2f} {best['nllce'] / best['torch']:>11.2f}"
            print(row, flush=True)
    if torch_loss is None:
        print("torch is not installed: its column is left out")


if __name__ == "__main__":
    main()
