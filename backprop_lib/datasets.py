r"""Small 2-D classification data sets made with numpy, one column per example (notebook 05).

``X`` has shape ``(2, m)`` (the series' batch convention, one column per example), ``labels``
is an int array of shape ``(m,)`` with the class of each column, and :func:`one_hot` turns the
labels into the target matrix ``Y`` of shape ``(classes, m)`` that ``MLP`` with a softmax
output and ``loss="cross_entropy"`` trains on.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import _validate


def two_moons(m: int = 200, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles: class 0 on :math:`(\cos t, \sin t)`, class 1 on
    :math:`(1 - \cos t, \tfrac12 - \sin t)`, :math:`t \sim U[0, \pi]`, plus Gaussian noise of
    standard deviation ``noise`` on each coordinate.

    Returns ``(X, labels)``: ``X`` float64 of shape ``(2, m)``, ``labels`` int of shape
    ``(m,)``, the first ``m // 2`` columns of class 0. ``seed`` feeds
    ``numpy.random.default_rng``, so the same arguments give the same data.
    """
    m = _count(m, "m", minimum=2)
    noise = _validate.real_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be non-negative, got {noise}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {type(seed).__name__}")
    rng = np.random.default_rng(seed)
    m0 = m // 2
    t = rng.uniform(0.0, np.pi, m)
    x1 = np.where(np.arange(m) < m0, np.cos(t), 1.0 - np.cos(t))
    x2 = np.where(np.arange(m) < m0, np.sin(t), 0.5 - np.sin(t))
    X = np.stack([x1, x2]) + noise * rng.normal(size=(2, m))
    labels = (np.arange(m) >= m0).astype(np.int64)
    return X, labels


def one_hot(labels, classes: int | None = None) -> np.ndarray:
    r"""The target matrix :math:`Y` with :math:`Y_{ck} = 1` if example k has class c, else 0.

    ``labels``: ints in ``0 … classes-1``, shape ``(m,)``; ``classes`` defaults to
    ``max(labels) + 1``. Returns float64 of shape ``(classes, m)``: one column per example,
    each column summing to 1, as ``loss="cross_entropy"`` requires.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"labels must be a non-empty 1-D array of integers, got shape {labels.shape} "
            f"and dtype {labels.dtype}"
        )
    if labels.min() < 0:
        raise ValueError(f"labels must be non-negative class numbers, got {labels.min()}")
    classes = int(labels.max()) + 1 if classes is None else _count(classes, "classes", 1)
    if labels.max() >= classes:
        raise ValueError(f"labels must be below classes={classes}, got {labels.max()}")
    return np.eye(classes)[:, labels]


def _count(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)
