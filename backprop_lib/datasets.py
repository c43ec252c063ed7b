r"""Small 2-D classification data sets made with numpy, one column per example (notebook 05).

``X`` has shape ``(2, m)`` (the series' batch convention, one column per example), ``labels``
is an int array of shape ``(m,)`` with the class of each column, and :func:`one_hot` turns the
labels into the target matrix ``Y`` of shape ``(classes, m)`` that ``MLP`` with a softmax
output and ``loss="cross_entropy"`` trains on.
"""

from __future__ import annotations

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
    m = _validate.integer(m, "m", 2)
    noise = _validate.real_number(noise, "noise", minimum=0)
    seed = _validate.seed(seed)
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
    if classes is not None:
        classes = _validate.integer(classes, "classes", 1)
    labels = _validate.class_labels(labels, classes=classes)
    classes = int(labels.max()) + 1 if classes is None else classes
    return np.eye(classes)[:, labels]
