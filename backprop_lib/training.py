r"""Training bookkeeping: when a run has diverged, what it keeps, what it reports.

The maths of a step (:meth:`MLP.step <backprop_lib.MLP.step>`) proposes new parameters
:math:`\theta - \eta\,\partial\mathcal L/\partial\theta` and the loss before it; this module
decides whether to accept them. The one divergence rule of the series
(:func:`divergence_bound`) serves ``scalar_descent`` (notebook 01), the two-weight runs
(notebook 02) and every ``MLP.fit`` (notebooks 03–05): a run has diverged at the first loss
that is non-finite or exceeds ``DIVERGENCE_FACTOR`` times ``max(first loss, 1)``, a
millionfold rise, which also keeps every number printable (no overflow, no NaN).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from . import _validate

#: A run counts as diverged at the first cost (or loss) that is non-finite or exceeds
#: ``DIVERGENCE_FACTOR * max(first, 1)``.
DIVERGENCE_FACTOR = 1e6


def divergence_bound(first_cost: float) -> float:
    """The cost (or loss) past which a run counts as diverged: ``DIVERGENCE_FACTOR`` times
    ``max(first_cost, 1)``, and never more than the largest float64 (so an overflowing cost,
    inf, is always past it, even after a start near the top of the range). The one rule for
    ``scalar_descent``, ``MLP.fit``, ``sgd`` and the chain runs of notebook 02."""
    return min(DIVERGENCE_FACTOR * max(first_cost, 1.0), _validate.FLOAT_MAX)


class DivergenceError(ArithmeticError):
    """Training diverged: the learning rate is too large for this network and data.

    ``iteration`` is the index of the step that failed; ``losses`` holds the finite losses
    before it. The network keeps the parameters it had before the failing step.
    """

    def __init__(self, message: str, iteration: int, losses: np.ndarray):
        super().__init__(message)
        self.iteration = iteration
        self.losses = losses


def flat_views(flat: np.ndarray, like: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Views of the 1-D array ``flat``, one shaped like each array of ``like``, one after the
    other (``flat`` has their total size)."""
    views, start = [], 0
    for p in like:
        views.append(flat[start : start + p.size].reshape(p.shape))
        start += p.size
    return views


class TrainingRun:
    r"""The bookkeeping of ``iterations`` steps on the live arrays ``params``.

    Each :meth:`accept` gets the loss before a step and the gradient of every parameter, and
    either writes :math:`\theta - \eta\,\partial\mathcal L/\partial\theta` into ``params``
    and records the loss, or raises :class:`DivergenceError` and writes nothing: the new
    values are made in one flat buffer and checked in one pass before any parameter is
    written. With ``rollback``, a loss past the divergence bound (checked from the second
    step on, against :func:`divergence_bound` of the first loss) restores the last parameters
    whose loss was within it. They need no copy per step: two buffers take turns, so the one
    that made the parameters before the last step is still intact.

    The caller makes sure ``params`` are float64 arrays that may be written and that nothing
    else changes them while the run lasts (they are checked once, before the run).
    """

    def __init__(self, params: Sequence[np.ndarray], iterations: int, lr: float, rollback=True):
        self.params, self.lr = list(params), lr
        self._history: list[float] = []  # grows with the run: no array of `iterations` up front
        self._count = 0
        self._bound = math.inf
        total = sum(p.size for p in self.params)
        # Step k makes its new values in buffer k % 2; with rollback, that buffer holds the
        # parameters before step k - 1 until then (buffer 1: the start, for step 1).
        self._buffers = [np.empty(total) for _ in range(2 if rollback else 1)]
        self._views = [flat_views(b, self.params) for b in self._buffers]
        self._rollback = rollback
        if rollback and iterations > 1:
            for saved, p in zip(self._views[1], self.params, strict=True):
                saved[...] = p

    @property
    def losses(self) -> np.ndarray:
        """The losses recorded so far (a new float64 array)."""
        return np.array(self._history, dtype=np.float64)

    def accept(self, loss: float, gradients: Sequence[np.ndarray]) -> float:
        """Write the new parameters and record ``loss``; or raise :class:`DivergenceError` if
        the loss is non-finite or past the bound, or a new parameter would be non-finite.
        ``gradients`` are shaped like ``params``. Returns ``loss``."""
        k = self._count
        loss = float(loss)
        slot = k % len(self._buffers)
        new, views = self._buffers[slot], self._views[slot]
        if not (math.isfinite(loss) and loss <= self._bound):
            if self._rollback and k:
                for p, saved in zip(self.params, views, strict=True):
                    p[...] = saved
            raise self._diverged(loss, loss_ok=False)
        for value, g, p in zip(views, gradients, self.params, strict=True):
            np.multiply(g, -self.lr, out=value)
            value += p
        if not np.isfinite(new).all():  # one pass over every new value
            raise self._diverged(loss, loss_ok=True)
        for p, value in zip(self.params, views, strict=True):
            p[...] = value
        self._history.append(loss)
        self._count += 1
        if k == 0:
            self._bound = divergence_bound(loss)
        return loss

    def _diverged(self, loss: float, loss_ok: bool) -> DivergenceError:
        k, losses = self._count, self.losses
        start = f"{losses[0]:.4g}" if k else "the start"
        return DivergenceError(
            f"training diverged at step {k} with lr={self.lr:g}: the loss went from {start} "
            f"to {loss:.4g}{'' if loss_ok else ', past the divergence bound'}"
            f"{' and the parameters would become non-finite' if loss_ok else ''}. "
            "Use a smaller learning rate; the network keeps its last parameters whose loss "
            "was finite and within the bound.",
            k,
            losses.copy(),
        )


def epoch_means(step_losses: np.ndarray, steps_per_epoch: int) -> np.ndarray:
    """The mean loss of each complete epoch: ``step_losses`` (one per mini-batch step) in
    consecutive groups of ``steps_per_epoch``; an incomplete last group is left out."""
    epochs = len(step_losses) // steps_per_epoch
    return step_losses[: epochs * steps_per_epoch].reshape(epochs, steps_per_epoch).mean(axis=1)


def epoch_divergence(error: DivergenceError, steps_per_epoch: int) -> DivergenceError:
    """The :class:`DivergenceError` of an ``sgd`` run, from the one raised at a mini-batch
    step: ``iteration`` is the epoch of the failing step, ``losses`` the mean losses of the
    epochs completed before it (as ``sgd`` returns them)."""
    epoch, within = divmod(error.iteration, steps_per_epoch)
    return DivergenceError(
        f"{error} (mini-batch step {within} of epoch {epoch})",
        epoch,
        epoch_means(error.losses, steps_per_epoch),
    )


def sgd(net, X, Y, lr, epochs, batch_size, seed=0) -> np.ndarray:
    r"""Mini-batch stochastic gradient descent on the network ``net`` (notebooks 07–08).

    One ``numpy.random.default_rng(seed)`` shuffles the m columns of ``X`` and ``Y`` at the
    start of every epoch; each consecutive slice of ``batch_size`` columns (the last one may
    be smaller) gets one step :math:`\theta \leftarrow \theta - \eta\,\nabla_\theta\mathcal L_B`
    on that batch's mean loss :math:`\mathcal L_B`, as :meth:`MLP.step
    <backprop_lib.MLP.step>`. Returns a float64 array of shape ``(epochs,)``: per epoch, the
    mean over its mini-batches of the loss before each step. The same seed gives the same
    result. Divergence as in :meth:`MLP.fit <backprop_lib.MLP.fit>`: :class:`DivergenceError`
    with ``err.losses`` the means of the completed epochs and ``err.iteration`` the failing
    epoch; the network keeps its last parameters whose loss was within the bound.
    """
    from .mlp import MLP  # mlp imports this module; the class is needed only here

    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    return net.sgd(X, Y, lr, epochs, batch_size, seed)


def fit_until_divergence(net, X, Y, lr, iterations) -> tuple[np.ndarray, int | None]:
    """``net.fit(X, Y, lr, iterations)`` for a run where divergence is an outcome to show, not
    an error (a widget's learning-rate slider): returns ``(losses, diverged_at)``, the finite
    losses and the step where :class:`DivergenceError` stopped the run (None if it did not).
    The network keeps the parameters that gave ``losses[-1]``."""
    try:
        return net.fit(X, Y, lr, iterations), None
    except DivergenceError as error:
        return error.losses, error.iteration
