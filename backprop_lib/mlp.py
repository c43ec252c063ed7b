r"""A fully connected network (multi-layer perceptron) trained by backpropagation.

Notation (``../shared/CURRICULUM.md``), layers :math:`l = 0 \dots L`, layer 0 the input:

.. math::
    z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = f_l(z^{(l)}), \qquad a^{(0)} = x

In code, ``weights[l-1]`` is :math:`W^{(l)}`, shape ``(n_l, n_{l-1})``, and ``weights[l-1][i, j]``
connects unit j of layer l−1 to unit i of layer l (destination first). A batch has one column
per example: ``X`` is ``(n_0, m)``. The backward pass is the delta rule (notebooks 04–05):

.. math::
    \delta^{(L)} = \frac{\partial \ell}{\partial \hat y} \odot f_L'(z^{(L)}), \qquad
    \delta^{(l)} = \big(W^{(l+1)\top} \delta^{(l+1)}\big) \odot f_l'(z^{(l)}),

    \frac{\partial \mathcal L}{\partial W^{(l)}} = \frac1m\, \delta^{(l)} a^{(l-1)\top}, \qquad
    \frac{\partial \mathcal L}{\partial b^{(l)}} = \frac1m \sum_{\text{examples}} \delta^{(l)}

where :math:`\mathcal L` is the mean of the per-example loss :math:`\ell` over the batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _validate
from .activations import ACTIVATIONS
from .losses import (
    LOSS_NAMES,
    SQUARED_LOSSES,
    cross_entropy_from_logits,
    softmax_cross_entropy_delta,
)
from .scalar import divergence_bound


# Inside the numeric core an overflow becomes inf instead of a warning; every training call
# checks for non-finite results itself and reports them as one DivergenceError.
def _quiet() -> np.errstate:
    return np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")


class DivergenceError(ArithmeticError):
    """Training diverged: the learning rate is too large for this network and data.

    ``iteration`` is the index of the step that failed; ``losses`` holds the finite losses
    before it. The network keeps the parameters it had before the failing step.
    """

    def __init__(self, message: str, iteration: int, losses: np.ndarray):
        super().__init__(message)
        self.iteration = iteration
        self.losses = losses


class MLP:
    r"""A layered network :math:`\hat y = f_L(W^{(L)} \cdots f_1(W^{(1)} x + b^{(1)}) \cdots + b^{(L)})`.

    Parameters
    ----------
    weights : list of 2-D arrays
        ``weights[l-1]`` is :math:`W^{(l)}`, shape ``(sizes[l], sizes[l-1])``.
    biases : list of 1-D arrays, or None
        ``biases[l-1]`` is :math:`b^{(l)}`, shape ``(sizes[l],)``; ``None`` for no biases.
    activations : str or sequence of str
        One name for every layer, or one per weight layer, from ``identity``, ``sigmoid``,
        ``tanh``, ``relu``; the last may be ``softmax`` (with ``loss="cross_entropy"``).
    loss : str
        ``"sse"`` :math:`\sum_i(\hat y_i - y_i)^2`, ``"half_sse"``
        :math:`\tfrac12\sum_i(\hat y_i - y_i)^2`, or ``"cross_entropy"``
        :math:`-\sum_i y_i\log\hat y_i` (softmax output only). Per example; ``loss()`` averages
        it over the batch.

    The arrays are copied as float64; ``net.weights`` and ``net.biases`` are the live lists.
    """

    def __init__(self, weights, biases, activations, loss: str = "half_sse"):
        weights = _validate.array_list(weights, "weights")
        if not weights:
            raise ValueError("weights must hold at least one weight matrix")
        weights = [_validate.float_array(w, f"weights[{k}]", 2) for k, w in enumerate(weights)]
        for k, w in enumerate(weights):
            if w.size == 0:
                raise ValueError(f"weights[{k}] must not be empty, got shape {w.shape}")
            if k and w.shape[1] != weights[k - 1].shape[0]:
                raise ValueError(
                    f"weights[{k}] has shape {w.shape}, but weights[{k - 1}] has shape "
                    f"{weights[k - 1].shape}: layer {k} has {weights[k - 1].shape[0]} units, "
                    f"so weights[{k}] needs {weights[k - 1].shape[0]} columns"
                )
        sizes = (weights[0].shape[1], *(w.shape[0] for w in weights))

        if biases is not None:
            biases = _validate.array_list(biases, "biases")
            if len(biases) != len(weights):
                raise ValueError(
                    f"biases must have one array per weight layer ({len(weights)}), "
                    f"got {len(biases)}"
                )
            biases = [_validate.float_array(b, f"biases[{k}]", 1) for k, b in enumerate(biases)]
            for k, b in enumerate(biases):
                if b.shape != (sizes[k + 1],):
                    raise ValueError(
                        f"biases[{k}] must have shape {(sizes[k + 1],)}, got {b.shape}"
                    )

        self.sizes: tuple[int, ...] = sizes
        self.activations: tuple[str, ...] = _check_activations(activations, len(weights))
        self.loss_name: str = _validate.choice(loss, "loss", LOSS_NAMES)
        softmax_out = self.activations[-1] == "softmax"
        if softmax_out != (self.loss_name == "cross_entropy"):
            raise ValueError(
                "activations and loss do not match: a 'softmax' output layer goes with "
                "loss='cross_entropy', and loss='cross_entropy' needs a 'softmax' output layer; "
                f"got activations[-1]={self.activations[-1]!r}, loss={self.loss_name!r}"
            )
        self.weights: list[np.ndarray] = weights
        self.biases: list[np.ndarray] | None = biases

    @classmethod
    def random(
        cls,
        sizes: Sequence[int],
        activations,
        loss: str = "half_sse",
        seed: int = 0,
        biases: bool = True,
    ) -> MLP:
        r"""A network with layer sizes ``sizes`` and random weights.

        :math:`W^{(l)}_{ij} \sim \mathcal N(0, g/n_{l-1})` with gain :math:`g = 2` for relu
        and 1 otherwise (He / LeCun scaling, so the signal neither dies nor explodes with
        depth); biases start at 0, or are absent with ``biases=False``. ``seed`` feeds
        ``numpy.random.default_rng``, so the same seed gives the same network.
        """
        if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a sequence of layer sizes, got {type(sizes).__name__}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 layers (input and output), got {sizes}")
        for k, n in enumerate(sizes):
            if isinstance(n, bool) or not isinstance(n, int | np.integer):
                raise TypeError(f"sizes[{k}] must be an integer, got {type(n).__name__}")
            if n < 1:
                raise ValueError(f"sizes[{k}] must be at least 1, got {n}")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
            raise TypeError(f"seed must be an integer, got {type(seed).__name__}")
        if seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed}")
        if not isinstance(biases, bool):
            raise TypeError(f"biases must be True or False, got {type(biases).__name__}")
        names = _check_activations(activations, len(sizes) - 1)
        rng = np.random.default_rng(seed)
        weights = [
            rng.normal(0.0, np.sqrt((2.0 if name == "relu" else 1.0) / n_in), size=(n_out, n_in))
            for n_in, n_out, name in zip(sizes[:-1], sizes[1:], names, strict=True)
        ]
        bias_list = [np.zeros(n) for n in sizes[1:]] if biases else None
        return cls(weights, bias_list, names, loss)

    def __repr__(self) -> str:
        return (
            f"MLP(sizes={self.sizes}, activations={self.activations}, "
            f"loss={self.loss_name!r}, biases={self.biases is not None})"
        )

    def copy(self) -> MLP:
        """An independent copy (same parameters, new arrays)."""
        return MLP(self.weights, self.biases, self.activations, self.loss_name)

    # ----------------------------------------------------------------- forward pass
    def forward(self, X) -> np.ndarray:
        r"""The outputs :math:`\hat y = a^{(L)}`: shape ``(sizes[-1], m)``, or ``(sizes[-1],)``
        for a 1-D input of length ``sizes[0]``."""
        X2, one = self._check_X(X)
        with _quiet():
            out = self._forward(X2)[1][-1]
        return out[:, 0] if one else out

    def forward_all(self, X) -> tuple[list, list]:
        r"""Every layer's arrays: ``(z, a)`` with ``z[l]`` :math:`= z^{(l)}` and ``a[l]``
        :math:`= a^{(l)}`, each ``(sizes[l], m)``; ``z[0]`` is None and ``a[0]`` is ``X``.
        A 1-D ``X`` is treated as one column."""
        X2, _ = self._check_X(X)
        with _quiet():
            return self._forward(X2)

    def _forward(self, X: np.ndarray) -> tuple[list, list]:
        z, a = [None], [X]
        for l, W in enumerate(self.weights, start=1):
            z_l = W @ a[-1]
            if self.biases is not None:
                z_l += self.biases[l - 1][:, None]
            z.append(z_l)
            a.append(ACTIVATIONS[self.activations[l - 1]][0](z_l))
        return z, a

    # ----------------------------------------------------------------- loss
    def loss(self, X, Y) -> float:
        r""":math:`\mathcal L = \frac1m \sum_{k=1}^m \ell(\hat y_k, y_k)`, the mean loss over
        the batch."""
        X2, Y2 = self._check_XY(X, Y)
        with _quiet():
            z, a = self._forward(X2)
            return self._loss(z, a, Y2)

    def _loss(self, z: list, a: list, Y: np.ndarray) -> float:
        if self.loss_name == "cross_entropy":
            per_example = cross_entropy_from_logits(z[-1], Y)
        else:
            per_example = SQUARED_LOSSES[self.loss_name][0](a[-1], Y)
        return float(np.mean(per_example))

    # ----------------------------------------------------------------- backward pass
    def deltas(self, X, Y) -> list[np.ndarray]:
        r"""The error terms :math:`\delta^{(l)} = \partial\ell/\partial z^{(l)}` of each example:
        ``deltas[l-1]`` is :math:`\delta^{(l)}`, shape ``(sizes[l], m)`` (not divided by m)."""
        X2, Y2 = self._check_XY(X, Y)
        with _quiet():
            z, a = self._forward(X2)
            return self._backward(z, a, Y2)

    def _backward(self, z: list, a: list, Y: np.ndarray) -> list[np.ndarray]:
        L = len(self.weights)
        delta = [None] * L
        # Output layer: delta^(L) = dl/dy_hat * f'(z^(L)); softmax + cross-entropy = y_hat - y.
        if self.loss_name == "cross_entropy":
            delta[L - 1] = softmax_cross_entropy_delta(a[L], Y)
        else:
            dloss = SQUARED_LOSSES[self.loss_name][1](a[L], Y)
            delta[L - 1] = dloss * ACTIVATIONS[self.activations[L - 1]][1](z[L], a[L])
        # Hidden layers, in reverse: delta^(l) = (W^(l+1)^T delta^(l+1)) * f'(z^(l)).
        for l in range(L - 1, 0, -1):
            f_prime = ACTIVATIONS[self.activations[l - 1]][1]
            delta[l - 1] = (self.weights[l].T @ delta[l]) * f_prime(z[l], a[l])
        return delta

    def gradients(self, X, Y) -> tuple[list, list | None]:
        r"""``(dW, db)``: :math:`\partial\mathcal L/\partial W^{(l)} = \frac1m\delta^{(l)}a^{(l-1)\top}`
        and :math:`\partial\mathcal L/\partial b^{(l)} = \frac1m\sum_k \delta^{(l)}_{:,k}`, shaped
        like ``weights`` and ``biases`` (``db`` is None for a network without biases)."""
        X2, Y2 = self._check_XY(X, Y)
        with _quiet():
            return self._loss_and_gradients(X2, Y2)[1:]

    def _loss_and_gradients(self, X: np.ndarray, Y: np.ndarray):
        z, a = self._forward(X)
        delta = self._backward(z, a, Y)
        inv_m = 1.0 / X.shape[1]
        dW = [d @ a_prev.T for d, a_prev in zip(delta, a[:-1], strict=True)]
        for g in dW:
            g *= inv_m  # in place: no second weight-sized array per layer
        db = None if self.biases is None else [d.sum(axis=1) * inv_m for d in delta]
        return self._loss(z, a, Y), dW, db

    # ----------------------------------------------------------------- training
    def step(self, X, Y, lr) -> float:
        r"""One gradient-descent step :math:`W \leftarrow W - \eta\,\partial\mathcal L/\partial W`
        (and the same for b), all parameters from one forward pass. Returns the loss *before*
        the step. Raises :class:`DivergenceError` (parameters unchanged) if the step would make
        a parameter non-finite."""
        X2, Y2 = self._check_XY(X, Y)
        lr = _validate.learning_rate(lr)
        return self._step(X2, Y2, lr, np.empty(0), bound=np.inf)

    def _step(self, X, Y, lr, losses, bound, previous=None) -> float:
        """Update every parameter from one forward pass, or raise DivergenceError.

        ``losses`` are the losses before the earlier steps (for the report). If ``previous``
        (arrays shaped like the parameters) is given, the parameters are copied into it just
        before they change, and a loss past ``bound`` restores them from it: the network then
        holds the last parameters whose loss was within the bound.
        """
        k = len(losses)
        params = self.weights + (self.biases or [])
        with _quiet():
            loss, dW, db = self._loss_and_gradients(X, Y)
            # new = p - lr * g, written into the gradient arrays (fresh, ours): no temporaries.
            new = dW + (db or [])
            for g, p in zip(new, params, strict=True):
                g *= -lr
                g += p
        loss_ok = bool(np.isfinite(loss) and loss <= bound)
        if not loss_ok or not all(np.isfinite(p).all() for p in new):
            if not loss_ok and previous is not None and k:
                for p, saved in zip(params, previous, strict=True):
                    p[...] = saved
            start = f"{losses[0]:.4g}" if k else "the start"
            raise DivergenceError(
                f"training diverged at step {k} with lr={lr:g}: the loss went from {start} to "
                f"{loss:.4g}{'' if loss_ok else ', past the divergence bound'}"
                f"{' and the parameters would become non-finite' if loss_ok else ''}. "
                "Use a smaller learning rate; the network keeps its last parameters whose loss "
                "was finite and within the bound.",
                k,
                losses.copy(),
            )
        if previous is not None:
            for saved, p in zip(previous, params, strict=True):
                saved[...] = p
        for p, value in zip(params, new, strict=True):
            p[...] = value
        return loss

    def fit(self, X, Y, lr, iterations) -> np.ndarray:
        r"""``iterations`` calls of :meth:`step` on the same batch; returns the float64 array
        of the loss before each step, length ``iterations``.

        Raises :class:`DivergenceError` when the loss becomes non-finite or exceeds
        :func:`~backprop_lib.scalar.divergence_bound` of the first loss (a millionfold rise);
        the error carries the finite losses so far (``err.losses``, ``err.iteration`` of them)
        and the network is left with the parameters that gave ``err.losses[-1]``.
        """
        X2, Y2 = self._check_XY(X, Y)
        lr = _validate.learning_rate(lr)
        iterations = _validate.iteration_count(iterations)
        losses = np.empty(iterations)
        previous = [np.empty_like(p) for p in self.weights + (self.biases or [])]
        bound = np.inf
        for k in range(iterations):
            losses[k] = self._step(X2, Y2, lr, losses[:k], bound, previous)
            bound = divergence_bound(losses[0])
        return losses

    # ----------------------------------------------------------------- argument checks
    def _check_parameters(self) -> None:
        """The live ``weights`` and ``biases`` may have been changed since construction: check
        their count, shapes and values before every computation (API.md, "Bad input")."""
        layers = len(self.sizes) - 1
        groups = [("weights", self.weights)]
        if self.biases is not None:
            groups.append(("biases", self.biases))
        for name, arrays in groups:
            if not isinstance(arrays, list) or len(arrays) != layers:
                raise ValueError(f"net.{name} must be a list of {layers} arrays")
            for k, p in enumerate(arrays):
                expected = (
                    (self.sizes[k + 1], self.sizes[k])
                    if name == "weights"
                    else (self.sizes[k + 1],)
                )
                if not isinstance(p, np.ndarray) or p.dtype != np.float64:
                    raise TypeError(f"{name}[{k}] must be a float64 numpy array")
                if p.shape != expected:
                    raise ValueError(f"{name}[{k}] must have shape {expected}, got {p.shape}")
                if not np.isfinite(p).all():
                    raise ValueError(f"{name}[{k}] contains non-finite values (nan or inf)")

    def _check_X(self, X) -> tuple[np.ndarray, bool]:
        self._check_parameters()
        X = _validate.float_array(X, "X", (1, 2), copy=False)
        n0 = self.sizes[0]
        if X.ndim == 1:
            if X.shape != (n0,):
                raise ValueError(f"X must have shape ({n0},) for one example, got {X.shape}")
            return X[:, None], True
        if X.shape[0] != n0 or X.shape[1] == 0:
            raise ValueError(
                f"X must have shape ({n0}, m), one column per example with m >= 1; got {X.shape}"
            )
        return X, False

    def _check_XY(self, X, Y) -> tuple[np.ndarray, np.ndarray]:
        X2, one = self._check_X(X)
        Y = _validate.float_array(Y, "Y", (1, 2), copy=False)
        expected = (self.sizes[-1],) if one else (self.sizes[-1], X2.shape[1])
        if Y.shape != expected:
            raise ValueError(
                f"Y must have shape {expected} to match X of shape {np.shape(X)}, got {Y.shape}"
            )
        Y2 = Y[:, None] if one else Y
        if self.loss_name == "cross_entropy" and (
            (Y2 < 0).any() or not np.allclose(Y2.sum(axis=0), 1.0, atol=1e-9)
        ):
            raise ValueError(
                "Y must hold probabilities for loss='cross_entropy': non-negative, each "
                "column summing to 1 (e.g. one-hot labels)"
            )
        return X2, Y2


def fit_until_divergence(net: MLP, X, Y, lr, iterations) -> tuple[np.ndarray, int | None]:
    """``net.fit(X, Y, lr, iterations)`` for a run where divergence is an outcome to show, not
    an error (a widget's learning-rate slider): returns ``(losses, diverged_at)``, the finite
    losses and the step where :class:`DivergenceError` stopped the run (None if it did not).
    The network keeps the parameters that gave ``losses[-1]``."""
    try:
        return net.fit(X, Y, lr, iterations), None
    except DivergenceError as error:
        return error.losses, error.iteration


def _check_activations(activations, layers: int) -> tuple[str, ...]:
    """One activation name per weight layer, from one name or a sequence of names."""
    if isinstance(activations, str):
        names = [activations] * layers
    elif isinstance(activations, Sequence):
        names = list(activations)
        if len(names) != layers:
            raise ValueError(
                f"activations must be one name or one per weight layer ({layers}), got {len(names)}"
            )
    else:
        raise TypeError(
            f"activations must be a name or a list of names, got {type(activations).__name__}"
        )
    for k, name in enumerate(names):
        _validate.choice(name, f"activations[{k}]", tuple(ACTIVATIONS))
        if name == "softmax" and k != layers - 1:
            raise ValueError(
                f"activations[{k}] is 'softmax', which is only allowed on the output layer"
            )
    return tuple(names)
