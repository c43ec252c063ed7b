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
from .training import DivergenceError, TrainingRun, epoch_divergence, epoch_means

__all__ = ["MLP", "DivergenceError"]


# Inside the numeric core an overflow becomes inf instead of a warning; every training call
# checks for non-finite results itself and reports them as one DivergenceError.
def _quiet() -> np.errstate:
    return np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")


# An overflow of the forward pass, of the loss or of the backward pass: what it comes from.
_FORWARD_OVERFLOW = _validate.overflow_message(
    "X and the network's parameters (weights, biases)", "the forward pass"
)
_LOSS_OVERFLOW = _validate.overflow_message(
    "X, Y and the network's parameters (weights, biases)", "the loss"
)
_BACKWARD_OVERFLOW = _validate.overflow_message(
    "X, Y and the network's parameters (weights, biases)", "the backward pass"
)


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
        weights, sizes = _validate.weight_list(weights)
        biases = _validate.bias_list(biases, sizes)
        self.sizes: tuple[int, ...] = sizes
        self.activations: tuple[str, ...] = _validate.activations(
            activations, len(weights), ACTIVATIONS
        )
        self.loss_name: str = _validate.choice(loss, "loss", LOSS_NAMES)
        _validate.output_and_loss(self.activations[-1], self.loss_name)
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
        sizes = _validate.sizes(sizes)
        seed = _validate.seed(seed)
        biases = _validate.flag(biases, "biases")
        names = _validate.activations(activations, len(sizes) - 1, ACTIVATIONS)
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
        X2, one = self._inputs(X)
        with _quiet():
            out = self._forward(X2)[1][-1]
        _validate.finite_results([out], _FORWARD_OVERFLOW)
        return out[:, 0] if one else out

    def forward_all(self, X) -> tuple[list, list]:
        r"""Every layer's arrays: ``(z, a)`` with ``z[l]`` :math:`= z^{(l)}` and ``a[l]``
        :math:`= a^{(l)}`, each ``(sizes[l], m)``; ``z[0]`` is None and ``a[0]`` is ``X``.
        A 1-D ``X`` is treated as one column."""
        X2, _ = self._inputs(X)
        with _quiet():
            z, a = self._forward(X2)
        _validate.finite_results(z + a, _FORWARD_OVERFLOW)
        return z, a

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
        X2, Y2 = self.check_batch(X, Y)
        with _quiet():
            z, a = self._forward(X2)
            loss = self._loss(z, a, Y2)
        _validate.finite_results([loss], _LOSS_OVERFLOW)
        return loss

    def _loss(self, z: list, a: list, Y: np.ndarray) -> float:
        if self.loss_name == "cross_entropy":
            per_example = cross_entropy_from_logits(z[-1], Y)
        else:
            per_example = SQUARED_LOSSES[self.loss_name][0](a[-1], Y)
        return float(per_example.sum()) / per_example.shape[0]  # the mean, as np.mean sums

    # ----------------------------------------------------------------- backward pass
    def deltas(self, X, Y) -> list[np.ndarray]:
        r"""The error terms :math:`\delta^{(l)} = \partial\ell/\partial z^{(l)}` of each example:
        ``deltas[l-1]`` is :math:`\delta^{(l)}`, shape ``(sizes[l], m)`` (not divided by m)."""
        X2, Y2 = self.check_batch(X, Y)
        with _quiet():
            z, a = self._forward(X2)
            delta = self._backward(z, a, Y2)
        _validate.finite_results(delta, _BACKWARD_OVERFLOW)
        return delta

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
        X2, Y2 = self.check_batch(X, Y)
        with _quiet():
            _, dW, db = self._loss_and_gradients(X2, Y2)
        _validate.finite_results(dW + (db or []), _BACKWARD_OVERFLOW)
        return dW, db

    def _loss_and_gradients(self, X: np.ndarray, Y: np.ndarray):
        z, a = self._forward(X)
        delta = self._backward(z, a, Y)
        inv_m = 1.0 / X.shape[1]
        dW = [d @ a_prev.T for d, a_prev in zip(delta, a[:-1], strict=True)]
        for g in dW:
            g *= inv_m  # in place: no second weight-sized array per layer
        db = None if self.biases is None else [d.sum(axis=1) * inv_m for d in delta]
        return self._loss(z, a, Y), dW, db

    def _loss_and_gradient_list(self, X: np.ndarray, Y: np.ndarray):
        """``(loss, gradients)``: the gradients of the weights, then of the biases (the order
        of :meth:`_parameters`), for the training bookkeeping."""
        loss, dW, db = self._loss_and_gradients(X, Y)
        return loss, dW + (db or [])

    # ----------------------------------------------------------------- training
    def step(self, X, Y, lr) -> float:
        r"""One gradient-descent step :math:`W \leftarrow W - \eta\,\partial\mathcal L/\partial W`
        (and the same for b), all parameters from one forward pass. Returns the loss *before*
        the step. Raises :class:`DivergenceError` (parameters unchanged) if the step would make
        a parameter non-finite."""
        # The finiteness of the live parameters is checked with that of the new ones (one
        # pass): a non-finite p makes p - lr * g non-finite, and then the cause is looked for.
        X2, Y2 = self._check_batch(X, Y, finite=False, writable=True)
        lr = _validate.learning_rate(lr)
        run = TrainingRun(self._parameters(), 1, lr, rollback=False)
        try:
            with _quiet():
                return run.accept(*self._loss_and_gradient_list(X2, Y2))
        except DivergenceError:
            _validate.live_parameters(self.weights, self.biases, self.sizes)
            raise

    def fit(self, X, Y, lr, iterations) -> np.ndarray:
        r"""``iterations`` calls of :meth:`step` on the same batch; returns the float64 array
        of the loss before each step, length ``iterations``.

        Raises :class:`DivergenceError` when the loss becomes non-finite or exceeds
        :func:`~backprop_lib.training.divergence_bound` of the first loss (a millionfold rise);
        the error carries the finite losses so far (``err.losses``, ``err.iteration`` of them)
        and the network is left with the parameters that gave ``err.losses[-1]``
        (the bookkeeping is :class:`~backprop_lib.training.TrainingRun`). The arguments and the
        parameters are checked once, before the first step: only the run changes them.
        """
        X2, Y2 = self._check_batch(X, Y, writable=True)
        lr = _validate.learning_rate(lr)
        iterations = _validate.iteration_count(iterations)
        run = TrainingRun(self._parameters(), iterations, lr)
        with _quiet():
            for _ in range(iterations):
                run.accept(*self._loss_and_gradient_list(X2, Y2))
        return run.losses

    def sgd(self, X, Y, lr, epochs, batch_size, seed=0) -> np.ndarray:
        r"""Mini-batch stochastic gradient descent; :func:`backprop_lib.sgd` (``bp.sgd(net,
        ...)``) documents it. Returns the float64 array of each epoch's mean loss over its
        mini-batches, shape ``(epochs,)``. Checks once, before the first step, as :meth:`fit`."""
        X2, Y2 = self._check_batch(X, Y, writable=True)
        lr = _validate.learning_rate(lr)
        epochs = _validate.iteration_count(epochs, "epochs")
        m = X2.shape[1]
        batch_size = _validate.batch_size(batch_size, m)
        rng = np.random.default_rng(_validate.seed(seed))
        starts = range(0, m, batch_size)
        run = TrainingRun(self._parameters(), epochs * len(starts), lr)
        try:
            with _quiet():
                for _ in range(epochs):
                    order = rng.permutation(m)
                    X_epoch, Y_epoch = X2[:, order], Y2[:, order]
                    for start in starts:
                        columns = slice(start, start + batch_size)
                        run.accept(
                            *self._loss_and_gradient_list(X_epoch[:, columns], Y_epoch[:, columns])
                        )
        except DivergenceError as error:
            raise epoch_divergence(error, len(starts)) from None
        return epoch_means(run.losses, len(starts))

    def _parameters(self) -> list[np.ndarray]:
        """The live parameter arrays: the weights, then the biases."""
        return self.weights + (self.biases or [])

    # ----------------------------------------------------------------- argument checks
    def check_batch(self, X, Y) -> tuple[np.ndarray, np.ndarray]:
        """``(X2, Y2)``: the batch checked against this network, as 2-D float64 arrays
        ``(sizes[0], m)`` and ``(sizes[-1], m)`` (a 1-D ``x``, ``y`` become one column), after
        checking the live parameters. Every method taking ``X, Y`` does this first; a lesson
        that loops over :meth:`loss` or :meth:`forward_all` does it once (ValueError or
        TypeError naming the argument, see ``_validate``)."""
        return self._check_batch(X, Y)

    def _check_batch(self, X, Y, finite=True, writable=False) -> tuple[np.ndarray, np.ndarray]:
        _validate.live_parameters(
            self.weights, self.biases, self.sizes, finite=finite, writable=writable
        )
        probabilities = self.loss_name == "cross_entropy"
        return _validate.batch(X, Y, self.sizes[0], self.sizes[-1], probabilities)

    def _inputs(self, X) -> tuple[np.ndarray, bool]:
        _validate.live_parameters(self.weights, self.biases, self.sizes)
        return _validate.inputs(X, self.sizes[0])
