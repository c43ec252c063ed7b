"""Keys for notebook 07: the chain's largest slope by hand (σ′(0) = σ(0)(1 - σ(0)) = ¼), and
the initial scale written as a learner would, right and with each mistake."""

import math

NUMBERS = {"07-chain-bound": lambda: (3.2 * 0.5 * (1 - 0.5)) ** 6}


def weight_std(activation, n_in, n_out):
    if activation == "relu":
        return math.sqrt(2 / n_in)  # He
    return math.sqrt(2 / (n_in + n_out))  # Glorot


def _fan_out(activation, n_in, n_out):
    if activation == "relu":
        return (2 / n_out) ** 0.5
    return (2 / (n_in + n_out)) ** 0.5


def _variance(activation, n_in, n_out):
    return 2 / n_in if activation == "relu" else 2 / (n_in + n_out)


def _he_without_2(activation, n_in, n_out):
    return 1 / math.sqrt(n_in) if activation == "relu" else math.sqrt(2 / (n_in + n_out))


def _glorot_without_2(activation, n_in, n_out):
    return math.sqrt(2 / n_in) if activation == "relu" else 1 / math.sqrt(n_in + n_out)


CODE = {
    "07-weight-std": {
        "solution": weight_std,
        "wrong": {
            "fan-out instead of fan-in": _fan_out,
            "variance instead of standard deviation": _variance,
            "factor 2 of He left out": _he_without_2,
            "factor 2 of Glorot left out": _glorot_without_2,
        },
    }
}
