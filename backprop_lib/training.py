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

from collections.abc import Sequence

import numpy as np

from . import _validate

#: A run counts as diverged at the first cost (or loss) that is non-finite or exceeds
#: ``DIVERGENCE_FACTOR * max(first, 1)``.
DIVERGENCE_FACTOR = 1e6


def divergence_bound(first_cost: float) -> float:
    """The cost (or loss) past which a run counts as diverged: ``DIVERGENCE_FACTOR`` times
    ``max(first_cost, 1)``. The one rule for ``scalar_descent``, ``MLP.fit`` and the chain
    runs of notebook 02."""
    return DIVERGENCE_FACTOR * max(first_cost, 1.0)


class DivergenceError(ArithmeticError):
    """Training diverged: the learning rate is too large for this network and data.

    ``iteration`` is the index of the step that failed; ``losses`` holds the finite losses
    before it. The network keeps the parameters it had before the failing step.
    """

    def __init__(self, message: str, iteration: int, losses: np.ndarray):
        super().__init__(message)
        self.iteration = iteration
        self.losses = losses


class TrainingRun:
    """The bookkeeping of ``iterations`` steps on the live arrays ``params``.

    Each :meth:`accept` gets the loss before a step and the proposed new parameters, and
    either writes them into ``params`` and records the loss, or raises
    :class:`DivergenceError` and writes nothing. With ``rollback`` the parameters are saved
    before every change, so that a loss past the divergence bound (checked from the second
    step on, against :func:`divergence_bound` of the first loss) restores the last
    parameters whose loss was within it. ``losses`` holds the recorded losses.
    """

    def __init__(self, params: Sequence[np.ndarray], iterations: int, lr: float, rollback=True):
        self.params, self.lr = list(params), lr
        self._history = np.empty(iterations)
        self._count = 0
        self._bound = np.inf
        self._previous = [np.empty_like(p) for p in self.params] if rollback else None

    @property
    def losses(self) -> np.ndarray:
        """The losses recorded so far (a view, float64)."""
        return self._history[: self._count]

    def accept(self, loss: float, new: Sequence[np.ndarray]) -> float:
        """Write ``new`` into the parameters and record ``loss``; or raise
        :class:`DivergenceError` if the loss is non-finite or past the bound, or a new
        parameter is non-finite. Returns ``loss``."""
        k, losses = self._count, self.losses
        loss_ok = bool(np.isfinite(loss) and loss <= self._bound)
        if not loss_ok or not all(np.isfinite(p).all() for p in new):
            if not loss_ok and self._previous is not None and k:
                for p, saved in zip(self.params, self._previous, strict=True):
                    p[...] = saved
            start = f"{losses[0]:.4g}" if k else "the start"
            raise DivergenceError(
                f"training diverged at step {k} with lr={self.lr:g}: the loss went from {start} "
                f"to {loss:.4g}{'' if loss_ok else ', past the divergence bound'}"
                f"{' and the parameters would become non-finite' if loss_ok else ''}. "
                "Use a smaller learning rate; the network keeps its last parameters whose loss "
                "was finite and within the bound.",
                k,
                losses.copy(),
            )
        if self._previous is not None:
            for saved, p in zip(self._previous, self.params, strict=True):
                saved[...] = p
        for p, value in zip(self.params, new, strict=True):
            p[...] = value
        self._history[k] = loss
        self._count += 1
        self._bound = divergence_bound(self._history[0])
        return loss


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
        be smaller) gets one step :math:`	heta \leftarrow 	heta - \eta\,
    abla_	heta\mathcal L_B`
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
