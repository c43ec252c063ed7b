"""Notebook 05's pieces: the two-moons data, one-hot targets, the classifier, its drawing
function and its panel (called directly, without a browser)."""

import matplotlib
import numpy as np
import pytest

import backprop_lib as bp
from backprop_lib import datasets
from backprop_lib.lessons import moons, panels

matplotlib.use("Agg")


def test_two_moons_shapes_classes_and_determinism():
    X, labels = datasets.two_moons(51, noise=0.0, seed=3)
    assert X.shape == (2, 51) and labels.shape == (51,)
    assert (labels == 0).sum() == 25 and (labels == 1).sum() == 26
    # Without noise every point lies on its half circle.
    outer, inner = X[:, labels == 0], X[:, labels == 1]
    np.testing.assert_allclose(np.hypot(*outer), 1.0)
    np.testing.assert_allclose(np.hypot(inner[0] - 1.0, inner[1] - 0.5), 1.0)
    assert (outer[1] >= 0).all() and (inner[1] <= 0.5).all()
    again, _ = datasets.two_moons(51, noise=0.0, seed=3)
    np.testing.assert_array_equal(X, again)
    other, _ = datasets.two_moons(51, noise=0.0, seed=4)
    assert not np.array_equal(X, other)


def test_one_hot_columns():
    Y = datasets.one_hot(np.array([2, 0, 1, 2]))
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    assert datasets.one_hot(np.array([0, 0]), classes=3).shape == (3, 2)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: datasets.two_moons(1), ValueError, "m"),
        (lambda: datasets.two_moons(10.0), TypeError, "m"),
        (lambda: datasets.two_moons(10, noise=-1.0), ValueError, "noise"),
        (lambda: datasets.two_moons(10, seed=1.5), TypeError, "seed"),
        (lambda: datasets.one_hot(np.array([0.5, 1.0])), ValueError, "labels"),
        (lambda: datasets.one_hot(np.array([-1, 0])), ValueError, "labels"),
        (lambda: datasets.one_hot(np.array([0, 3]), classes=2), ValueError, "labels"),
        (lambda: moons.train_classifier(np.zeros((2, 3)), [0, 1]), ValueError, "labels"),
        (lambda: moons.train_classifier(np.zeros((2, 2)), [0, 1], 0), ValueError, "hidden"),
        (lambda: moons.train_classifier(np.zeros(2), [0, 1]), ValueError, "X"),
    ],
)
def test_bad_input_names_the_argument(call, error, name):
    with pytest.raises(error, match=rf"^{name}\b"):
        call()


def test_default_classifier_reaches_95_percent():
    X, labels = datasets.two_moons(**moons.MOONS)
    run = moons.train_classifier(X, labels, **moons.CLASSIFIER_DEFAULTS)
    assert run.diverged_at is None
    assert len(run.losses) == moons.CLASSIFIER_DEFAULTS["iterations"]
    assert run.losses[-1] < run.losses[0]
    assert run.accuracy >= 0.95
    assert run.accuracy == moons.accuracy(run.net, X, labels)
    assert run.net.sizes == (2, 16, 16, 2) and run.net.loss_name == "cross_entropy"


def test_accuracy_counts_correct_columns():
    net = bp.MLP([[[1.0], [-1.0]]], [[0.0, 0.0]], "softmax", loss="cross_entropy")
    X = np.array([[2.0, -1.0, 3.0]])  # predicted classes 0, 1, 0
    assert moons.accuracy(net, X, [0, 1, 1]) == pytest.approx(2 / 3)


def test_diverging_run_stops_cleanly():
    X, labels = datasets.two_moons(40, seed=1)
    run = moons.train_classifier(X, labels, lr=100.0, iterations=50, activation="relu")
    assert run.diverged_at is not None and len(run.losses) == run.diverged_at
    assert all(np.isfinite(w).all() for w in run.net.weights)


def test_draw_classifier_echoes_values_and_reuses_the_figure():
    fig = bp.draw_classifier(0.3, 50, 4)
    title = fig.get_suptitle()
    assert title.startswith("lr = 0.3, 50 epochs, hidden width 4: training accuracy ")
    ax_d, ax_l = fig.axes[0], fig.axes[1]
    assert ax_d.get_xlabel() == "x₁" and ax_l.get_xlabel() == "iteration (epoch)"
    assert len(ax_l.lines[0].get_xdata()) == 50
    X, labels = datasets.two_moons(**moons.MOONS)
    run = moons.train_classifier(X, labels, hidden=4, lr=0.3, iterations=50)
    np.testing.assert_allclose(ax_l.lines[0].get_ydata(), run.losses)
    assert f"{run.accuracy:.1%}" in title
    again = bp.draw_classifier(1.0, 20, 8, fig=fig)
    assert again is fig and "lr = 1, 20 epochs, hidden width 8" in fig.get_suptitle()
    assert len(fig.axes) == 3  # boundary, loss, colour bar


def test_classifier_panel_defaults_and_redraw():
    box = panels.classifier_panel()
    lr, epochs, hidden, status, out = box.children
    defaults = moons.CLASSIFIER_DEFAULTS
    assert (lr.value, epochs.value, hidden.value) == (
        defaults["lr"],
        defaults["iterations"],
        defaults["hidden"],
    )
    assert lr.step is None and out is box.output
    hidden.value = 3
    assert "hidden width 3" in box.figure.get_suptitle()
    assert (
        status.value
        == "<small>drawn with learning rate = 0.3, epochs = 500, hidden width = 3</small>"
    )
