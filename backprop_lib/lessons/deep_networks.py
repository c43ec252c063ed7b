r"""Deep networks: vanishing and exploding gradients, and the initial scale (notebook 07).

**The product of factors.** Below the output, the delta rule multiplies by one weight matrix
and one slope per layer, :math:`\delta^{(l)} = f_l'(z^{(l)}) \odot W^{(l+1)\top}\delta^{(l+1)}`,
so for every example

.. math::
    \|\delta^{(l)}\| \le \Big(\prod_{k=l}^{L-1} \max|f_k'|\;\|W^{(k+1)}\|_2\Big)\,\|\delta^{(L)}\|

(:func:`delta_bound`), where :math:`\|W\|_2` is the largest singular value of :math:`W`. For the
sigmoid :math:`\max\sigma' = \tfrac14`: with :math:`\|W\|_2 < 4` every factor is below 1 and
the deltas of the first layers vanish geometrically with depth.

**The variance formula.** With independent zero-mean weights of variance :math:`\sigma_w^2`
(:func:`init_std`), zero biases and symmetric pre-activations,

.. math::
    \operatorname{Var} z^{(l)} = n_{l-1}\,\sigma_w^2\,\mathbb E\big[(a^{(l-1)})^2\big], \qquad
    \mathbb E\big[(\delta^{(l)})^2\big] = n_{l+1}\,\sigma_w^2\,
        \mathbb E\big[f'(z^{(l)})^2\big]\,\mathbb E\big[(\delta^{(l+1)})^2\big]

(fan-in forward, fan-out backward). :func:`predicted_spread` chains them from the input,
taking each expectation over :math:`z \sim \mathcal N(0, \operatorname{Var} z^{(l)})` by
Gauss–Legendre quadrature (:func:`gaussian_mean`). He's :math:`\sigma_w^2 = 2/n_{l-1}` keeps the variance of ReLU
layers constant (:math:`\mathbb E[\mathrm{relu}(z)^2] = \tfrac12\operatorname{Var} z`);
Glorot's :math:`2/(n_{l-1} + n_l)` is the compromise between the forward and the backward
condition for tanh (:math:`f' \approx 1` near 0).

Networks here have ``depth`` = L weight layers: hidden layers ``1 … L-1`` use one activation;
the output layer is the identity (the probes, :func:`probe_network`) or a softmax (the
two-moons runs of the widget, :func:`train_deep`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import _validate
from ..activations import ACTIVATIONS
from ..datasets import one_hot, two_moons
from ..mlp import MLP
from ..training import DivergenceError, sgd
from .figures import LOG_FLOOR, autoscale_to_lines, plain_log_labels, reusable_figure
from .style import BLUE, DARK_GREY, DARK_ORANGE, GREY, LIGHT_BLUE, ORANGE, styled

#: The initial scales of the notebook: the weights' standard deviation for a layer with
#: fan-in ``n_in`` and fan-out ``n_out`` is ``init_std(scheme, n_in, n_out)``.
INIT_SCHEMES = {
    "small": "too small (σ = 0.01)",
    "glorot": "Glorot (σ² = 2/(n_in + n_out))",
    "he": "He (σ² = 2/n_in)",
    "large": "too large (σ = 1)",
}
#: The hidden activations the notebook compares.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: :math:`\max_z |f'(z)|` of each elementwise activation (sigmoid: :math:`\sigma'(0) = 1/4`).
MAX_SLOPE = {"identity": 1.0, "sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}
#: The probes' layer width and batch size (notebook 07).
WIDTH, BATCH = 32, 64
#: The two-moons problem of the training comparison and the widget.
DEEP_MOONS = {"m": 200, "noise": 0.2, "seed": 0}
#: The widget's defaults: a 10-layer sigmoid network at Glorot's scale, trained by ``bp.sgd``.
DEEP_DEFAULTS = {"depth": 10, "activation": "sigmoid", "scale": "glorot", "lr": 0.3, "epochs": 30}
#: The mini-batch size of :func:`train_deep`.
BATCH_SIZE = 40

# Colour, marker and line style per scheme (told apart by all three).
_SCHEME_LOOK = {
    "small": (LIGHT_BLUE, "v", ":"),
    "glorot": (BLUE, "o", "-"),
    "he": (DARK_ORANGE, "s", "--"),
    "large": (DARK_GREY, "^", "-."),
}
_DEPTH_LOOK = [
    (BLUE, "o", "-"),
    (ORANGE, "s", "--"),
    (DARK_GREY, "^", ":"),
    (LIGHT_BLUE, "D", "-."),
]
_ACTIVATION_LOOK = {
    "sigmoid": (BLUE, "o", "-"),
    "tanh": (ORANGE, "s", "--"),
    "relu": (DARK_GREY, "^", ":"),
}


# ----------------------------------------------------------------------------- initialisation


def init_std(scheme: str, n_in: int, n_out: int) -> float:
    r"""The standard deviation :math:`\sigma_w` of the initial weights of a layer with fan-in
    ``n_in`` (:math:`n_{l-1}`) and fan-out ``n_out`` (:math:`n_l`): ``"small"`` 0.01,
    ``"glorot"`` :math:`\sqrt{2/(n_\text{in} + n_\text{out})}`, ``"he"``
    :math:`\sqrt{2/n_\text{in}}`, ``"large"`` 1."""
    scheme = _validate.choice(scheme, "scheme", list(INIT_SCHEMES))
    n_in = _validate.integer(n_in, "n_in", 1)
    n_out = _validate.integer(n_out, "n_out", 1)
    if scheme == "glorot":
        return math.sqrt(2.0 / (n_in + n_out))
    if scheme == "he":
        return math.sqrt(2.0 / n_in)
    return 0.01 if scheme == "small" else 1.0


def init_weights(sizes, scheme: str, seed: int = 0) -> list[np.ndarray]:
    r"""Weights for layer sizes ``sizes``: ``weights[l-1]`` of shape ``(n_l, n_{l-1})`` with
    independent entries :math:`\mathcal N(0, \sigma_w^2)`, :math:`\sigma_w` =
    :func:`init_std` of that layer, drawn from ``numpy.random.default_rng(seed)`` layer by
    layer (pass them to ``bp.MLP(weights, biases, activations)``)."""
    sizes = _validate.sizes(sizes)
    rng = np.random.default_rng(_validate.seed(seed))
    return [
        rng.normal(0.0, init_std(scheme, n_in, n_out), size=(n_out, n_in))
        for n_in, n_out in itertools.pairwise(sizes)
    ]


# ----------------------------------------------------------------------------- measurements


@dataclass(frozen=True)
class LayerStatistics:
    r"""What flows through a network on one batch (:func:`layer_statistics`), per layer:

    * ``activation_std[l-1]``: the standard deviation of :math:`a^{(l)}` over its units and
      the batch, hidden layers ``l = 1 … L-1`` (shape ``(L-1,)``);
    * ``delta_rms[l-1]``: :math:`\sqrt{\mathbb E[(\delta^{(l)})^2]}` over units and batch;
    * ``delta_norms[l-1]``: :math:`\sqrt{\tfrac1m\sum_k\|\delta^{(l)}_k\|^2}`, the root mean
      square over the examples of the length of the delta vector;
    * ``gradient_norms[l-1]``: :math:`\|\partial\mathcal L/\partial W^{(l)}\|_F`;

    the last three for ``l = 1 … L`` (shape ``(L,)``).
    """

    activation_std: np.ndarray
    delta_rms: np.ndarray
    delta_norms: np.ndarray
    gradient_norms: np.ndarray


def layer_statistics(net: MLP, X, Y) -> LayerStatistics:
    """The per-layer spreads and gradient norms of ``net`` on the batch ``X``, ``Y``
    (one column per example), from ``net.forward_all``, ``net.deltas`` and ``net.gradients``."""
    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    X2, Y2 = net.check_batch(X, Y)
    _, a = net.forward_all(X2)
    deltas = net.deltas(X2, Y2)
    dW, _ = net.gradients(X2, Y2)
    m = X2.shape[1]
    return LayerStatistics(
        activation_std=np.array([np.std(a_l) for a_l in a[1:-1]]),
        delta_rms=np.array([math.sqrt(np.mean(d * d)) for d in deltas]),
        delta_norms=np.array([math.sqrt(np.sum(d * d) / m) for d in deltas]),
        gradient_norms=np.array([np.linalg.norm(g) for g in dW]),
    )


def delta_bound(net: MLP) -> np.ndarray:
    r"""The product-of-factors bound: ``B`` of shape ``(L,)`` with
    :math:`\|\delta^{(l)}_k\| \le B_l\,\|\delta^{(L)}_k\|` for every example k, where
    :math:`B_L = 1` and :math:`B_l = \max|f_l'|\,\|W^{(l+1)}\|_2\,B_{l+1}` (``MAX_SLOPE`` of the
    hidden activation, largest singular value of the weights). Root mean squares over a batch
    obey it too: ``delta_norms <= B * delta_norms[-1]``."""
    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    L = len(net.weights)
    bound = np.ones(L)
    for l in range(L - 1, 0, -1):  # layer l = L-1 … 1 (weights[l] is W^(l+1))
        slope = MAX_SLOPE[_validate.choice(net.activations[l - 1], "activation", MAX_SLOPE)]
        bound[l - 1] = slope * np.linalg.norm(net.weights[l], 2) * bound[l]
    return bound


@lru_cache(maxsize=1)
def _half_line_rule() -> tuple[np.ndarray, np.ndarray]:
    """Nodes t on [0, 12] and weights for E[g(x) + g(-x)] over x ~ N(0, 1) restricted to
    x >= 0: 100-node Gauss-Legendre on [0, 12] times the normal density (the tail beyond 12
    is below 1e-31). Folding at 0 makes the integrand smooth for the ReLU too, whose kink
    would cost a rule over the whole line its accuracy."""
    x, w = np.polynomial.legendre.leggauss(100)
    t = 6.0 * (x + 1.0)
    return t, 6.0 * w * np.exp(-0.5 * t * t) / math.sqrt(2.0 * math.pi)


def gaussian_mean(g, variance: float) -> float:
    r""":math:`\mathbb E[g(z)]` for :math:`z \sim \mathcal N(0, \text{variance})`, by
    Gauss–Legendre quadrature of :math:`\int_0^\infty (g(x) + g(-x))\,\varphi(x)\,dx`
    (``g`` takes an array; exact to rounding for the series' activations and their slopes)."""
    t, w = _half_line_rule()
    x = math.sqrt(variance) * t
    return float(np.dot(w, g(x) + g(-x)))


def predicted_spread(
    activation: str, sizes, stds, input_mean_square: float, output_delta_mean_square: float
) -> tuple[np.ndarray, np.ndarray]:
    r"""The variance formula chained through the layers: ``(activation_std, delta_rms)`` as
    :class:`LayerStatistics` names them, shapes ``(L-1,)`` and ``(L,)``.

    Forward, :math:`q_1 = n_0\sigma_1^2\,\mathbb E[x^2]` (``input_mean_square``, the mean over
    inputs and examples) and :math:`q_{l+1} = n_l\sigma_{l+1}^2\,\mathbb E[f(z)^2]` with
    :math:`z \sim \mathcal N(0, q_l)`; the predicted spread of :math:`a^{(l)}` is
    :math:`\sqrt{\mathbb E[f(z)^2] - \mathbb E[f(z)]^2}`. Backward, from
    :math:`\mathbb E[(\delta^{(L)})^2]` = ``output_delta_mean_square``:
    :math:`\mathbb E[(\delta^{(l)})^2] = n_{l+1}\sigma_{l+1}^2\,\mathbb E[f'(z)^2]\,
    \mathbb E[(\delta^{(l+1)})^2]` with :math:`z \sim \mathcal N(0, q_l)`. ``stds[l-1]`` is
    :math:`\sigma_l`, the standard deviation of the weights of layer l."""
    f, f_prime = ACTIVATIONS[_validate.choice(activation, "activation", HIDDEN_ACTIVATIONS)]
    sizes = _validate.sizes(sizes)
    stds = _validate.shaped_array(stds, "stds", (len(sizes) - 1,))
    L = len(stds)
    spread, slope_square = np.empty(L - 1), np.empty(L - 1)
    mean_square = _validate.real_number(input_mean_square, "input_mean_square", 0.0)
    for l in range(1, L):
        q = sizes[l - 1] * stds[l - 1] ** 2 * mean_square  # Var z^(l)
        mean_square = gaussian_mean(lambda z: f(z) ** 2, q)
        spread[l - 1] = math.sqrt(max(mean_square - gaussian_mean(f, q) ** 2, 0.0))
        slope_square[l - 1] = gaussian_mean(lambda z: f_prime(z, f(z)) ** 2, q)
    delta_ms = np.empty(L)
    delta_ms[-1] = _validate.real_number(output_delta_mean_square, "output_delta_mean_square", 0.0)
    for l in range(L - 1, 0, -1):
        delta_ms[l - 1] = sizes[l + 1] * stds[l] ** 2 * slope_square[l - 1] * delta_ms[l]
    return spread, np.sqrt(delta_ms)


# ----------------------------------------------------------------------------- the probes


def probe_batch(width: int = WIDTH, m: int = BATCH, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``(X, R)``: inputs ``X`` and output errors ``R``, both ``(width, m)`` with independent
    standard normal entries from ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(_validate.seed(seed))
    width = _validate.integer(width, "width", 1)
    m = _validate.integer(m, "m", 1)
    return rng.normal(size=(width, m)), rng.normal(size=(width, m))


def probe_network(
    activation: str, depth: int, scheme: str | None = None, width: int = WIDTH, seed: int = 0
) -> MLP:
    """A ``depth``-layer network of constant ``width`` (``depth + 1`` layers of ``width``
    units): ``activation`` in the hidden layers, the identity at the output, ``half_sse``,
    zero biases. Weights from ``bp.MLP.random`` (``scheme=None``: LeCun's 1/n_in, He's 2/n_in
    for relu) or from :func:`init_weights` with ``scheme``."""
    activation = _validate.choice(activation, "activation", HIDDEN_ACTIVATIONS)
    depth = _validate.integer(depth, "depth", 1)
    width = _validate.integer(width, "width", 1)
    sizes = [width] * (depth + 1)
    names = [activation] * (depth - 1) + ["identity"]
    if scheme is None:
        return MLP.random(sizes, names, seed=seed)
    biases = [np.zeros(width) for _ in range(depth)]
    return MLP(init_weights(sizes, scheme, seed), biases, names)


def probe(net: MLP, X, R) -> LayerStatistics:
    r""":func:`layer_statistics` of ``net`` on inputs ``X`` with the targets chosen so that the
    output error :math:`\hat y - y` is exactly ``R`` (``Y = net.forward(X) - R``): with the
    identity output and ``half_sse``, :math:`\delta^{(L)} = R`, the same for every network."""
    Y = net.forward(X) - _validate.float_array(R, "R", 2)
    return layer_statistics(net, X, Y)


# ----------------------------------------------------------------------------- training


@dataclass(frozen=True)
class DeepRun:
    """What :func:`train_deep` did: the network's ``start`` statistics (before training, on
    the whole data set), the ``predicted`` activation spread of the variance formula, the
    ``losses`` (one mean per completed epoch), ``diverged_at`` (the failing epoch, or None),
    the trained ``net`` and its training ``accuracy``."""

    start: LayerStatistics
    predicted: np.ndarray
    losses: np.ndarray
    diverged_at: int | None
    net: MLP
    accuracy: float


def moons_network(depth: int, activation: str, scale: str, width: int = WIDTH, seed: int = 0):
    """The ``2 - width - … - width - 2`` network of the training comparison: ``depth`` weight
    layers, ``activation`` in the ``depth - 1`` hidden layers, softmax with cross-entropy at
    the output, zero biases, weights from :func:`init_weights` (``scale``, ``seed``)."""
    activation = _validate.choice(activation, "activation", HIDDEN_ACTIVATIONS)
    depth = _validate.integer(depth, "depth", 2)
    width = _validate.integer(width, "width", 1)
    sizes = [2] + [width] * (depth - 1) + [2]
    biases = [np.zeros(n) for n in sizes[1:]]
    names = [activation] * (depth - 1) + ["softmax"]
    return MLP(init_weights(sizes, scale, seed), biases, names, loss="cross_entropy")


def train_deep(
    depth: int,
    activation: str,
    scale: str,
    lr: float,
    epochs: int,
    width: int = WIDTH,
    seed: int = 0,
    moons: dict | None = None,
) -> DeepRun:
    r"""Train :func:`moons_network` on ``two_moons(**moons)`` (default :data:`DEEP_MOONS`) by
    mini-batch SGD, ``bp.sgd(net, X, Y, lr, epochs, BATCH_SIZE, seed)``. A run that diverges is
    an outcome here, not an error: it stops and ``diverged_at`` says at which epoch."""
    X, labels = two_moons(**(DEEP_MOONS if moons is None else moons))
    Y = one_hot(labels)
    net = moons_network(depth, activation, scale, width, seed)
    start = layer_statistics(net, X, Y)
    stds = [init_std(scale, n_in, n_out) for n_in, n_out in itertools.pairwise(net.sizes)]
    output_error = net.forward(X) - Y
    predicted, _ = predicted_spread(
        activation, net.sizes, stds, float(np.mean(X * X)), float(np.mean(output_error**2))
    )
    try:
        losses, diverged_at = sgd(net, X, Y, lr, epochs, BATCH_SIZE, seed), None
    except DivergenceError as error:
        losses, diverged_at = error.losses, error.iteration
    accuracy = float(np.mean(np.argmax(net.forward(X), axis=0) == labels))
    return DeepRun(start, predicted, losses, diverged_at, net, accuracy)


# ----------------------------------------------------------------------------- drawing


def _log_axes(ax, xlabel: str, ylabel: str, title: str) -> None:
    """Log y axis with decade labels and no minor ticks (they cost a redraw much and say
    little here), integer layer numbers on the x axis."""
    ax.set_yscale("log")
    plain_log_labels(ax.yaxis)
    ax.yaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, which="major", alpha=0.3)


def _at_least_two_decades(ax) -> None:
    """Widen a log axis that spans less than two decades to two, around the same centre, so
    that it has decade labels and a flat curve looks flat."""
    low, high = ax.get_ylim()
    if high < 100 * low:
        centre = math.sqrt(low * high)
        ax.set_ylim(centre / 10, centre * 10)


def _positive(values) -> np.ndarray:
    """Values drawn on a log axis: an exact 0 (a dead ReLU layer) at the floor."""
    return np.maximum(np.asarray(values, dtype=float), LOG_FLOOR)


@styled
def draw_depth_gradients(
    depths=(2, 5, 10, 20), max_depth: int = 20, width: int = WIDTH, seed: int = 0
) -> Figure:
    r"""Notebook 07's first experiment, four panels. One per hidden activation (sigmoid, tanh,
    relu): :math:`\|\partial\mathcal L/\partial W^{(l)}\|_F` per layer l for a
    :func:`probe_network` (``bp.MLP.random`` weights) of each depth in ``depths``, on
    :func:`probe_batch`. The fourth: for every depth 2 … ``max_depth``, the ratio
    :math:`\|\delta^{(1)}\|/\|\delta^{(L)}\|` (root mean squares over the batch) of each
    activation, with the product-of-factors bound (:func:`delta_bound`) of the sigmoid
    networks."""
    X, R = probe_batch(width, seed=seed)
    fig = Figure(figsize=(10.0, 7.6), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    for ax in axes[1:3]:
        ax.sharey(axes[0])  # one scale for the three activations: vanishing shows as a slope
    for ax, activation in zip(axes, HIDDEN_ACTIVATIONS, strict=False):
        for depth, (color, marker, style) in zip(depths, _DEPTH_LOOK, strict=False):
            stats = probe(probe_network(activation, depth, width=width, seed=seed), X, R)
            layers = np.arange(1, depth + 1)
            ax.plot(layers, _positive(stats.gradient_norms), style, marker=marker, color=color,
                    markersize=5, label=f"L = {depth}")  # fmt: skip
        _log_axes(ax, "layer l", "‖∂ℒ/∂W⁽ˡ⁾‖", f"{activation}: gradient norm per layer")
        ax.legend(fontsize=10, ncols=2)
    ax = axes[3]
    all_depths = np.arange(2, max_depth + 1)
    bound = []
    for activation in HIDDEN_ACTIVATIONS:
        ratios = []
        for depth in all_depths:
            net = probe_network(activation, int(depth), width=width, seed=seed)
            stats = probe(net, X, R)
            ratios.append(stats.delta_norms[0] / stats.delta_norms[-1])
            if activation == "sigmoid":
                bound.append(delta_bound(net)[0])
        color, marker, style = _ACTIVATION_LOOK[activation]
        ax.plot(all_depths, _positive(ratios), style, marker=marker, color=color, markersize=5,
                label=activation)  # fmt: skip
    ax.plot(all_depths, bound, linestyle=(0, (6, 2)), color=GREY, linewidth=2,
            label="sigmoid bound Π ¼‖W‖₂")  # fmt: skip
    _log_axes(ax, "depth L (weight layers)", "‖δ⁽¹⁾‖ / ‖δ⁽ᴸ⁾‖", "first layer over last")
    ax.legend(fontsize=10)
    return fig


@styled
def draw_spread(
    activations=("tanh", "relu"), depth: int = 10, width: int = WIDTH, seed: int = 0
) -> Figure:
    r"""Notebook 07's initialisation experiment: for each activation (a row) and each scheme
    of :data:`INIT_SCHEMES`, the spread of the activations (std of :math:`a^{(l)}`, left) and
    of the deltas (:math:`\sqrt{\mathbb E[(\delta^{(l)})^2]}`, right) per layer of one seeded
    :func:`probe_network`, as markers, and the variance formula chained from the input
    (:func:`predicted_spread`) as lines, on log axes."""
    X, R = probe_batch(width, seed=seed)
    fig = Figure(figsize=(10.0, 3.7 * len(activations)), layout="constrained")
    axes = fig.subplots(len(activations), 2, squeeze=False)
    for (ax_a, ax_d), activation in zip(axes, activations, strict=True):
        for scheme, (color, marker, style) in _SCHEME_LOOK.items():
            net = probe_network(activation, depth, scheme, width, seed)
            stats = probe(net, X, R)
            stds = [init_std(scheme, width, width)] * depth
            spread, delta_rms = predicted_spread(
                activation, net.sizes, stds, float(np.mean(X * X)), float(np.mean(R * R))
            )
            hidden, layers = np.arange(1, depth), np.arange(1, depth + 1)
            name = INIT_SCHEMES[scheme].split(" (")[0]
            for ax, measured, formula, where in (
                (ax_a, stats.activation_std, spread, hidden),
                (ax_d, stats.delta_rms, delta_rms, layers),
            ):
                ax.plot(where, _positive(measured), linestyle="none", marker=marker, color=color,
                        markersize=6, label=f"{name}: measured")  # fmt: skip
                ax.plot(where, _positive(formula), style, color=color, linewidth=1.5,
                        label=f"{name}: formula")  # fmt: skip
        _log_axes(ax_a, "hidden layer l", "std of a⁽ˡ⁾", f"{activation}: activation spread")
        _log_axes(ax_d, "layer l", "rms of δ⁽ˡ⁾", f"{activation}: delta spread")
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="outside lower center", ncols=4,
               fontsize=10)  # fmt: skip
    return fig


@styled
def draw_deep_network(
    depth: int,
    activation: str,
    scale: str,
    lr: float,
    epochs: int,
    *,
    width: int = WIDTH,
    seed: int = 0,
    fig: Figure | None = None,
) -> Figure:
    r"""The widget's drawing (notebook 07): a :func:`moons_network` with ``depth`` weight
    layers, ``activation`` and initial ``scale``, trained by :func:`train_deep` (``lr``,
    ``epochs``). Left: the spread (std) of each hidden layer's activations at the start,
    measured and by the variance formula. Middle: the gradient norm of each layer's weights at
    the start. Right: the loss per epoch, with :math:`\ln 2` (the loss of a network that
    outputs ½ for both classes)."""
    run = train_deep(depth, activation, scale, lr, epochs, width, seed)
    fig, parts = reusable_figure(fig, ("deep", width), 3, (11.0, 3.6), _deep_parts)
    ax_s, ax_g, ax_l = parts["axes"]
    hidden, layers = np.arange(1, depth), np.arange(1, depth + 1)
    parts["spread"].set_data(hidden, _positive(run.start.activation_std))
    parts["formula"].set_data(hidden, _positive(run.predicted))
    parts["gradients"].set_data(layers, _positive(run.start.gradient_norms))
    parts["loss"].set_data(np.arange(1, len(run.losses) + 1), run.losses)
    parts["chance"].set_data([1, max(epochs, 2)], [math.log(2)] * 2)
    for ax in (ax_s, ax_g, ax_l):
        autoscale_to_lines(ax)
    for ax in (ax_s, ax_g):
        _at_least_two_decades(ax)
    ax_s.set_xlim(0.5, max(depth - 0.5, 1.5))
    ax_g.set_xlim(0.5, depth + 0.5)
    result = f"training accuracy {run.accuracy:.0%}"
    if run.diverged_at is not None:
        result = f"diverged in epoch {run.diverged_at}, {result}"
    elif len(run.losses):
        result = f"loss {run.losses[0]:.3g} → {run.losses[-1]:.3g}, {result}"
    fig.suptitle(
        f"{depth} layers, {activation}, {INIT_SCHEMES[scale].split(' (')[0]} scale, "
        f"lr = {lr:.4g}, {epochs} epochs: {result}"
    )
    return fig


def _deep_parts(fig, ax_s, ax_g, ax_l) -> dict:
    """What :func:`draw_deep_network` draws whatever the settings: labelled log axes and
    empty lines."""
    (spread,) = ax_s.plot([], [], linestyle="none", marker="o", color=BLUE, label="measured")
    (formula,) = ax_s.plot([], [], "--", color=ORANGE, label="variance formula")
    (gradients,) = ax_g.plot([], [], "-", marker="s", color=DARK_GREY, markersize=5)
    (loss,) = ax_l.plot([], [], "-", color=BLUE, label="training loss")
    (chance,) = ax_l.plot([], [], ":", color=DARK_GREY, label="ln 2 (output ½, ½)")
    _log_axes(ax_s, "hidden layer l", "std of a⁽ˡ⁾", "activation spread at the start")
    _log_axes(ax_g, "layer l", "‖∂ℒ/∂W⁽ˡ⁾‖", "gradient norm at the start")
    ax_l.set(
        xlabel="epoch",
        ylabel="cross-entropy loss",
        title=f"training (bp.sgd, batches of {BATCH_SIZE})",
    )
    ax_l.grid(True, alpha=0.3)
    ax_s.legend(fontsize=10, loc="lower left")
    ax_l.legend(fontsize=10, loc="upper right")
    return {
        "axes": (ax_s, ax_g, ax_l),
        "spread": spread,
        "formula": formula,
        "gradients": gradients,
        "loss": loss,
        "chance": chance,
    }


def deep_panel(
    depth: int | None = None,
    activation: str | None = None,
    scale: str | None = None,
    lr: float | None = None,
    epochs: int | None = None,
):
    """Notebook 07's panel: depth (2 to 30 weight layers), learning rate (log scale, 0.01 to
    3), epochs (1 to 100), the hidden activation and the initial scale drive
    :func:`draw_deep_network`. Defaults: :data:`DEEP_DEFAULTS`."""
    import ipywidgets as widgets

    from .panels import Panel, int_slider, iterations_slider, lr_slider

    given = {"depth": depth, "activation": activation, "scale": scale, "lr": lr, "epochs": epochs}
    values = {k: DEEP_DEFAULTS[k] if v is None else v for k, v in given.items()}
    controls = {
        "depth": int_slider(values["depth"], 2, 30, "depth (weight layers)"),
        "lr": lr_slider(values["lr"], 0.01, 3.0),
        "epochs": iterations_slider(values["epochs"], 100, description="epochs"),
        "activation": widgets.Dropdown(
            options=list(HIDDEN_ACTIVATIONS), value=values["activation"], description="activation"
        ),
        "scale": widgets.Dropdown(
            options=[(label, key) for key, label in INIT_SCHEMES.items()],
            value=values["scale"],
            description="initial scale",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="460px"),
        ),
    }
    return Panel(draw_deep_network, controls)
