"""Item 2: ``net.step`` against its GEMM floor, the matrix products it cannot avoid.

Per weight layer l the step needs the forward product W·A, the backward product Δ·Aᵀ for the
weight gradient, and (for every layer but the first) Wᵀ·Δ for the next delta. The floor does
exactly those products with the same numpy BLAS, into preallocated arrays (``out=``), and
nothing else. ratio = time(net.step) / time(floor). Goal: ≤ 1.15 at the large size.

    python -m benchmarks.bench_gemm_floor [--json out.json] [--repeats 7]
"""

from __future__ import annotations

import numpy as np

from benchmarks import _timing as t


def gemm_floor(net, X):
    """A function doing only the step's matrix products, on arrays of the step's shapes."""
    rng = np.random.default_rng(2)
    m = X.shape[1]
    W = net.weights
    A = [X] + [rng.random((n, m)) for n in net.sizes[1:-1]]  # a^(0) .. a^(L-1)
    D = [rng.normal(size=(n, m)) for n in net.sizes[1:]]  # delta^(1) .. delta^(L)
    Z = [np.empty((n, m)) for n in net.sizes[1:]]
    B = [np.empty((n, m)) for n in net.sizes[1:-1]]
    G = [np.empty_like(w) for w in W]

    def floor():
        for l in range(len(W)):
            np.matmul(W[l], A[l], out=Z[l])  # forward: z = W a
        for l in range(len(W) - 1, 0, -1):
            np.matmul(W[l].T, D[l], out=B[l - 1])  # backward: W^T delta
        for l in range(len(W)):
            np.matmul(D[l], A[l].T, out=G[l])  # weight gradient: delta a^T

    return floor


def elementwise_passes(net, X, Y):
    """The step's unavoidable elementwise numpy work alone, into preallocated arrays.

    Bias adds, the sigmoid (tanh, +1, ×½) and σ′ = a(1−a), the δ products, the 1/m scaling,
    the update p − ηg, the finiteness check and the copy into the parameters: one numpy
    pass each, as numpy cannot fuse them.
    """
    rng = np.random.default_rng(3)
    m = X.shape[1]
    L = len(net.weights)
    Z = [rng.normal(size=(n, m)) for n in net.sizes[1:]]
    A = [np.empty_like(z) for z in Z]
    D = [np.empty_like(z) for z in Z]
    F = [np.empty_like(z) for z in Z]
    G = [rng.normal(size=w.shape) for w in net.weights]
    P = [w.copy() for w in net.weights]  # not the network's own parameters
    B = [b.copy() for b in net.biases]

    def passes():
        for l in range(L):
            Z[l] += B[l][:, None]
            if l < L - 1:
                np.multiply(Z[l], 0.5, out=A[l])
                np.tanh(A[l], out=A[l])
                A[l] += 1.0
                A[l] *= 0.5
        np.subtract(Z[-1], Y, out=D[-1])
        for l in range(L - 2, -1, -1):
            np.subtract(1.0, A[l], out=F[l])
            F[l] *= A[l]
            D[l] *= F[l]
        for l in range(L):
            G[l] *= 1.0 / m
            D[l].sum(axis=1)
            G[l] *= -t.LR
            G[l] += P[l]
            np.isfinite(G[l]).all()
            P[l][...] = G[l]

    return passes


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    rows = []
    for name in ("tiny", "medium", "large"):
        net, X, Y = t.problem(name)
        repeats = 3 if args.quick else args.repeats
        floor, passes = gemm_floor(net, X), elementwise_passes(net, X, Y)

        def floor_and_passes(floor=floor, passes=passes):
            floor()
            passes()

        timings = t.compare(
            {
                "step": lambda net=net, X=X, Y=Y: net.step(X, Y, t.LR),
                "floor": floor,
                "floor+passes": floor_and_passes,
            },
            repeats=repeats,
            min_time=0.01 if args.quick else 0.1,
        )
        large = name == "large"
        r = t.ratio(timings, "step", "floor")
        rows.append(
            t.row(
                "2",
                t.label(name),
                ("net.step", timings["step"]["median"]),
                ("GEMM floor", timings["floor"]["median"]),
                goal="≤ 1.15 at large" if large else "(no goal)",
                met=(r <= 1.15) if large else None,
                repeats=repeats,
            )
        )
        rows.append(
            t.row(
                "2",
                f"{t.label(name)}: against GEMM floor + the elementwise passes numpy must make",
                ("net.step", timings["step"]["median"]),
                ("floor + passes", timings["floor+passes"]["median"]),
                goal="(context)",
                repeats=repeats,
            )
        )
    t.save(args.json, "Training step against its GEMM floor (float64)", rows)


if __name__ == "__main__":
    main()
