"""The 2-2-1 network's values that notebooks 03–05's exercises (and their mistakes) are
built from, all from the library's forward and backward passes."""

import numpy as np

import backprop_lib as bp


def network(biases: bool) -> bp.MLP:
    """The 2-2-1 network of ``bp.TWO_TWO_ONE``: sigmoid, ``half_sse``, zero biases or none."""
    t = bp.TWO_TWO_ONE
    zeros = [np.zeros(2), np.zeros(1)] if biases else None
    return bp.MLP([t["w_hidden"], t["w_out"]], zeros, "sigmoid", loss="half_sse")


def parts(target: float, x=None, biases: bool = False) -> dict[str, float]:
    """For one example (default ``bp.TWO_TWO_ONE["x"]``) and ``target``: the activations
    ``A1 A2 A3``, the slopes ``s1 s2 s3`` (σ'(z) = A(1 - A)), the output error
    ``e = A3 - y_t``, the deltas ``d1 d2 d3`` (δ = ∂E/∂z), the weights ``w31 w32`` and the
    inputs ``x1 x2``."""
    net = network(biases)
    x = bp.TWO_TWO_ONE["x"] if x is None else np.asarray(x, dtype=float)
    y = np.array([target])
    z, a = net.forward_all(x)
    hidden, out = a[1][:, 0], a[2][0, 0]
    s = bp.sigmoid_prime(z[1][:, 0], hidden)
    deltas = net.deltas(x, y)
    w_out = net.weights[1][0]
    return {
        "x1": float(x[0]),
        "x2": float(x[1]),
        "A1": float(hidden[0]),
        "A2": float(hidden[1]),
        "A3": float(out),
        "s1": float(s[0]),
        "s2": float(s[1]),
        "s3": float(bp.sigmoid_prime(z[2][0, 0], out)),
        "e": float(out - target),
        "d1": float(deltas[0][0, 0]),
        "d2": float(deltas[0][1, 0]),
        "d3": float(deltas[1][0, 0]),
        "w31": float(w_out[0]),
        "w32": float(w_out[1]),
    }
