"""Notebook 08's lesson module: the digits data, training epoch by epoch with bp.sgd, the
scores, the confusion matrix, the drawings and the panel with its progress bar.

Oracles are independent of the code under test: scikit-learn's own split and confusion
matrix, and a forward pass written out here with numpy."""

import matplotlib
import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix
from sklearn.model_selection import train_test_split

import backprop_lib as bp
from backprop_lib.lessons import digits

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def data():
    return bp.digits_data()


@pytest.fixture(scope="module")
def short_run(data):
    return bp.train_digits(0.1, 3, 64, 16, data=data)


def forward(net, X):
    """The 64-hidden-10 tanh-softmax network's outputs, written out with numpy."""
    (W1, W2), (b1, b2) = net.weights, net.biases
    z = W2 @ np.tanh(W1 @ X + b1[:, None]) + b2[:, None]
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


# ----------------------------------------------------------------------------- data


def test_the_split_is_stratified_and_scaled_with_training_statistics(data):
    d = load_digits()
    train, test, labels_train, labels_test = train_test_split(
        d.data, d.target, test_size=0.25, stratify=d.target, random_state=0
    )
    np.testing.assert_array_equal(data.labels_train, labels_train)
    np.testing.assert_array_equal(data.labels_test, labels_test)
    assert data.X_train.shape == (64, 1347) and data.X_test.shape == (64, 450)
    varies = train.std(axis=0) > 0
    np.testing.assert_allclose(data.X_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(data.X_train.std(axis=1)[varies], 1, rtol=1e-12)
    np.testing.assert_array_equal(data.X_train[~varies], 0)
    mean, std = train.mean(axis=0), np.where(varies, train.std(axis=0), 1.0)
    np.testing.assert_allclose(data.X_test, ((test - mean) / std).T, rtol=1e-12)
    np.testing.assert_array_equal(data.images_test.reshape(-1, 64), test)
    counts_train, counts_test = np.bincount(labels_train), np.bincount(data.labels_test)
    assert np.all(np.abs(counts_train / 1347 - counts_test / 450) <= 1 / 450)
    assert data.Y_train.shape == (10, 1347)
    np.testing.assert_array_equal(data.Y_test.argmax(axis=0), data.labels_test)


def test_the_data_is_cached_and_read_only(data):
    assert bp.digits_data() is data
    with pytest.raises(ValueError, match="read-only"):
        data.X_train[0, 0] = 1.0
    assert not np.array_equal(bp.digits_data(seed=1).labels_test, data.labels_test)


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (1.5, TypeError)])
def test_a_bad_seed_is_refused(seed, error):
    with pytest.raises(error, match="seed"):
        bp.digits_data(seed=seed)


# ----------------------------------------------------------------------------- training


def test_training_records_every_epoch_and_the_start(data, short_run):
    history = short_run.history
    assert set(history) == {"train_loss", "test_loss", "train_accuracy", "test_accuracy"}
    assert all(values.shape == (4,) for values in history.values())
    start = bp.MLP.random([64, 16, 10], ["tanh", "softmax"], loss="cross_entropy", seed=0)
    probabilities = forward(start, data.X_train)
    first = -np.mean(np.log(probabilities[data.labels_train, np.arange(1347)]))
    np.testing.assert_allclose(history["train_loss"][0], first, rtol=1e-10)
    final = forward(short_run.net, data.X_test).argmax(axis=0)
    assert short_run.test_accuracy == np.mean(final == data.labels_test)
    assert history["train_loss"][-1] < 0.5 * history["train_loss"][0]
    assert short_run.diverged_at is None and short_run.seconds > 0


def test_training_is_bp_sgd_one_epoch_at_a_time(data, short_run):
    net = bp.MLP.random([64, 16, 10], ["tanh", "softmax"], loss="cross_entropy", seed=0)
    for epoch in (1, 2, 3):
        bp.sgd(net, data.X_train, data.Y_train, 0.1, 1, 64, seed=epoch)
    for mine, theirs in zip(net.weights + net.biases, short_run.net.weights + short_run.net.biases):
        np.testing.assert_array_equal(mine, theirs)


def test_the_defaults_reach_95_percent_on_the_test_set(data):
    run = bp.train_digits(**bp.DIGITS_DEFAULTS, data=data)
    assert run.test_accuracy >= 0.95


def test_progress_is_reported_after_every_epoch(data):
    calls = []
    bp.train_digits(0.1, 4, 128, 8, data=data, progress=lambda *a: calls.append(a))
    assert [(done, total) for done, total, _ in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    seconds = [s for _, _, s in calls]
    assert seconds == sorted(seconds) and seconds[0] > 0


def test_divergence_stops_the_run_and_is_reported(data):
    run = bp.train_digits(1e8, 5, 32, 16, data=data)
    assert run.diverged_at is not None and 1 <= run.diverged_at <= 5
    assert all(len(v) == run.diverged_at for v in run.history.values())
    assert all(np.isfinite(v).all() for v in run.history.values())


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": 1348}, ValueError, "batch_size"),
        ({"batch_size": 2.0}, TypeError, "batch_size"),
        ({"lr": -0.1}, ValueError, "lr"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"hidden": 0}, ValueError, "hidden"),
        ({"data": "digits"}, TypeError, "data"),
    ],
)
def test_bad_training_arguments_are_refused(kwargs, error, name):
    with pytest.raises(error, match=name):
        bp.train_digits(**{"epochs": 1, **kwargs})


# ----------------------------------------------------------------------------- scores


def test_scores_and_predictions_agree_with_a_plain_forward_pass(data, short_run):
    net = short_run.net
    train_loss, test_loss, train_accuracy, test_accuracy = bp.digits_scores(net, data)
    for X, labels, loss, accuracy in [
        (data.X_train, data.labels_train, train_loss, train_accuracy),
        (data.X_test, data.labels_test, test_loss, test_accuracy),
    ]:
        probabilities = forward(net, X)
        m = X.shape[1]
        np.testing.assert_allclose(
            loss, -np.mean(np.log(probabilities[labels, np.arange(m)])), rtol=1e-10
        )
        assert accuracy == np.mean(probabilities.argmax(axis=0) == labels)
        np.testing.assert_array_equal(bp.predict_digits(net, X), probabilities.argmax(axis=0))


def test_scores_run_blas_on_one_thread_and_give_the_threads_back():
    """Inside ``one_blas_thread`` every BLAS library threadpoolctl finds runs one thread;
    afterwards each has as many as before (also when the body raises). Run from two threads,
    so that the limit has something to take away."""
    from threadpoolctl import threadpool_info, threadpool_limits

    def threads():
        return [
            (i["prefix"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"
        ]

    if not threads():
        pytest.skip("threadpoolctl finds no BLAS library in this numpy")
    with threadpool_limits(2, user_api="blas"):
        before = threads()
        if all(n == 1 for _, n in before):
            pytest.skip("BLAS runs one thread at most here (one core)")
        with digits.one_blas_thread():
            assert all(n == 1 for _, n in threads())
        assert threads() == before
        with pytest.raises(ZeroDivisionError), digits.one_blas_thread():
            1 / 0  # noqa: B018
        assert threads() == before


def test_data_targets_are_one_hot_made_once_and_read_only(data):
    for Y, labels in ((data.Y_train, data.labels_train), (data.Y_test, data.labels_test)):
        np.testing.assert_array_equal(Y, np.eye(10)[:, labels])
        assert not Y.flags.writeable
    assert data.Y_train is data.Y_train


def test_confusion_matrix_agrees_with_scikit_learn():
    rng = np.random.default_rng(0)
    labels, predicted = rng.integers(0, 10, 300), rng.integers(0, 10, 300)
    matrix = bp.confusion_matrix(labels, predicted)
    np.testing.assert_array_equal(matrix, sklearn_confusion_matrix(labels, predicted))
    assert matrix.dtype == np.int64 and matrix.sum() == 300


@pytest.mark.parametrize(
    ("labels", "predicted", "name"),
    [([1, 2], [1], "predicted"), ([1, 10], [1, 2], "labels"), ([1, 2], [1, -1], "predicted")],
)
def test_confusion_matrix_refuses_bad_labels(labels, predicted, name):
    with pytest.raises(ValueError, match=name):
        bp.confusion_matrix(np.array(labels), np.array(predicted))


# ----------------------------------------------------------------------------- drawings


def test_training_curves_draw_the_history(short_run):
    fig = bp.draw_training_curves(short_run)
    ax_loss, ax_acc = fig.axes
    assert ax_loss.get_xlabel() == "epoch" and ax_acc.get_ylabel() == "accuracy"
    lines = {line.get_label() + ax.get_ylabel(): line for ax in fig.axes for line in ax.lines}
    np.testing.assert_array_equal(
        lines["test setcross-entropy loss"].get_ydata(), short_run.history["test_loss"]
    )
    np.testing.assert_array_equal(
        lines["train setaccuracy"].get_ydata(), short_run.history["train_accuracy"]
    )
    styles = {(line.get_linestyle(), line.get_marker()) for line in ax_loss.lines}
    assert len(styles) == 2  # train and test told apart without colour
    for ax in fig.axes:  # whole epochs only on the axis, also for short runs
        ticks = [t for t in ax.get_xticks() if 0 <= t <= len(short_run.history["train_loss"])]
        assert ticks and all(float(t).is_integer() for t in ticks)


def test_confusion_matrix_drawing_writes_every_nonzero_count():
    matrix = np.diag(np.arange(1, 11))
    matrix[3, 5] = 7
    fig = bp.draw_confusion_matrix(matrix)
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts if t.get_text()}
    assert texts == {str(v) for v in range(1, 11)} | {"7"}
    assert len([t for t in ax.texts if t.get_text()]) == 11
    assert f"{55 / 62:.1%} right" in ax.get_title()
    assert ax.get_xlabel() == "predicted digit" and ax.get_ylabel() == "true digit"


def test_misclassified_digits_are_the_wrong_ones(data):
    labels = data.labels_test[:40]
    predicted = labels.copy()
    predicted[[3, 17, 30]] = (labels[[3, 17, 30]] + 1) % 10
    fig = bp.draw_misclassified(data.images_test[:40], labels, predicted)
    titles = [t.get_text() for t in fig.axes[0].texts]
    assert titles == [f"{labels[k]} → {predicted[k]}" for k in (3, 17, 30)]
    none = bp.draw_misclassified(data.images_test[:5], labels[:5], labels[:5])
    assert "no test digit misclassified" in none.texts[0].get_text()
    flat = data.images_test[:5].reshape(5, 64)  # images, not rows of 64 pixels
    with pytest.raises(ValueError, match=r"images must have shape \(m, 8, 8\) with m >= 1"):
        bp.draw_misclassified(flat.reshape(5, 8, 8)[:, :, :7], labels[:5], labels[:5])
    with pytest.raises(ValueError, match="images must be 3-D"):
        bp.draw_misclassified(flat, labels[:5], labels[:5])


def test_first_layer_weights_are_drawn_in_the_pixels_places():
    W = np.arange(3 * 64, dtype=float).reshape(3, 64) - 90
    fig = bp.draw_first_layer_weights(W, title="test")
    mosaic = fig.axes[0].images[0].get_array()
    tiles = [mosaic[7:15, 0:8], mosaic[7:15, 11:19], mosaic[7:15, 22:30]]
    for tile, row in zip(tiles, W):
        np.testing.assert_array_equal(tile, row.reshape(8, 8))
    assert [t.get_text() for t in fig.axes[0].texts] == ["unit 1", "unit 2", "unit 3"]
    assert fig.axes[0].images[0].get_clim() == (-101.0, 101.0)  # symmetric around 0
    assert fig.axes[1].get_ylabel() == "weight"  # the colour bar
    for bad in (np.zeros((3, 63)), np.zeros((0, 64))):  # 64 = 8×8 pixels, at least one unit
        with pytest.raises(ValueError, match=r"weights must have shape \(units, 64\)"):
            bp.draw_first_layer_weights(bad)
    with pytest.raises(ValueError, match="weights contains non-finite values"):
        bp.draw_first_layer_weights(np.full((3, 64), np.nan))
    with pytest.raises(ValueError, match="weights has values beyond the float64 range"):
        bp.draw_first_layer_weights([[10**400] * 64])
    before = W.copy()
    with pytest.raises(TypeError, match="limit"):
        bp.draw_first_layer_weights(W, limit=2.0)
    np.testing.assert_array_equal(W, before)  # a failed call changes nothing


def test_digit_images_refuse_bad_shapes():
    with pytest.raises(ValueError, match=r"images must have shape \(k, 8, 8\) with k >= 1"):
        bp.draw_digit_images(np.zeros((2, 8, 7)), ["a", "b"], "t")
    with pytest.raises(ValueError, match=r"images must have shape \(k, 8, 8\) with k >= 1"):
        bp.draw_digit_images(np.zeros((0, 8, 8)), [], "t")
    with pytest.raises(ValueError, match="images must be 3-D"):
        bp.draw_digit_images(np.zeros((8, 8)), ["a"], "t")
    with pytest.raises(TypeError, match="images must be an array of numbers"):
        bp.draw_digit_images([[["a"] * 8] * 8], ["a"], "t")
    with pytest.raises(ValueError, match="titles"):
        bp.draw_digit_images(np.zeros((2, 8, 8)), ["a"], "t")


def test_widget_drawing_echoes_its_settings_and_reuses_runs_and_figure():
    calls = []
    fig = bp.draw_digits(0.2, 3, 100, 8, progress=lambda *a: calls.append(a))
    assert fig.get_suptitle().startswith("lr = 0.2, 3 epochs, batch size 100, hidden width 8:")
    assert "test accuracy" in fig.get_suptitle() and len(calls) == 3
    again = bp.draw_digits(0.2, 3, 100, 8, progress=lambda *a: calls.append(a), fig=fig)
    assert again is fig and len(calls) == 3  # the run was remembered, not retrained
    assert len(fig.axes) == 3
    run = digits.cached_run(0.2, 3, 100, 8)
    curve = fig.axes[1].lines[1]  # test accuracy
    np.testing.assert_array_equal(curve.get_ydata(), run.history["test_accuracy"])


def test_widget_drawing_names_a_divergence():
    fig = bp.draw_digits(1e8, 2, 32, 8)
    assert "diverged in epoch" in fig.get_suptitle()


# ----------------------------------------------------------------------------- panel


def test_panel_defaults_sliders_and_redraw():
    panel = bp.digits_panel()
    lr, epochs, batch_size, hidden = panel.controls.values()
    assert (lr.value, epochs.value, batch_size.value, hidden.value) == (0.1, 20, 32, 32)
    assert lr.step is None and 10**lr.min <= 0.001 and 10**lr.max >= 3
    assert (epochs.min, epochs.max, batch_size.min, batch_size.max) == (1, 100, 1, 256)
    assert panel.children[-2] is panel.progress and panel.children[-1] is panel.output
    assert "lr = 0.1, 20 epochs, batch size 32, hidden width 32" in panel.figure.get_suptitle()
    hidden.value = 5
    assert "hidden width 5" in panel.figure.get_suptitle()
    assert panel.status.value == (
        "<small>drawn with learning rate = 0.1, epochs = 20, batch size = 32, "
        "hidden width = 5</small>"
    )


def test_panel_shows_a_progress_bar_only_for_long_runs():
    panel = bp.digits_panel(epochs=2, batch_size=256, hidden=4)
    assert panel.progress_shown == 0  # short: no bar
    panel.PROGRESS_AFTER = 0.0  # now every retraining counts as long
    seen = []
    panel.progress.observe(lambda change: seen.append(change["new"]), names="value")
    panel.controls["epochs"].value = 4
    assert panel.progress_shown == 1 and seen == [1, 2, 3, 4]
    assert panel.progress.max == 4 and panel.progress.layout.visibility == "hidden"
    panel.controls["epochs"].value = 2  # remembered: no training, no bar
    assert panel.progress_shown == 1
