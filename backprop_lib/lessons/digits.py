r"""Real data: the 8×8 handwritten digits of scikit-learn, learned by mini-batch SGD (notebook 08).

The data: scikit-learn's bundled ``load_digits()`` (1,797 images of 8×8 pixels, intensities
0 … 16, ten classes; no download), split into a training and a held-out test set that keep
the classes' proportions (``train_test_split(stratify=...)``), each pixel standardised with
the mean and standard deviation of the *training* set only. Arrays follow the series'
convention, one column per example: ``X_train`` is ``(64, m_train)``.

The network: ``(64, hidden, 10)`` with ``tanh`` hidden units and a softmax output trained
with cross-entropy (output delta :math:`\delta^{(L)} = \hat y - y`), by
:func:`~backprop_lib.sgd` one epoch at a time, so that the loss and accuracy on both sets can
be recorded after every epoch (:func:`train_digits`).

The drawings (each returns a :class:`~matplotlib.figure.Figure` built without pyplot):
:func:`draw_training_curves`, :func:`draw_confusion_matrix`, :func:`draw_misclassified`,
:func:`draw_first_layer_weights`, and :func:`draw_digits`, the widget's drawing (curves and
confusion matrix of one training run), which :func:`digits_panel` wires to sliders with a
progress bar for long runs.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property, lru_cache

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from .. import _validate
from ..datasets import one_hot
from ..losses import cross_entropy_from_logits
from ..mlp import MLP
from ..training import DivergenceError, sgd
from .figures import reusable_figure
from .moons import predict
from .panels import Panel, int_slider, iterations_slider, lr_slider
from .style import BLUE, ORANGE, styled

#: Notebook 08's default settings (the widget's starting values): test accuracy above 95 %
#: in well under a second of training.
DIGITS_DEFAULTS = {"lr": 0.1, "epochs": 20, "batch_size": 32, "hidden": 32}
#: The fraction of the 1,797 images held out for testing.
TEST_FRACTION = 0.25
#: The number of classes (the digits 0 … 9).
CLASSES = 10

_TRAIN = (BLUE, "-", "o")  # colour, line style, marker of the training-set series
_TEST = (ORANGE, "--", "s")  # ... and of the test-set series


@dataclass(frozen=True)
class DigitsData:
    """The digits split and scaled: ``X_train`` ``(64, m_train)`` and ``X_test``
    ``(64, m_test)`` standardised inputs, ``labels_train`` and ``labels_test`` their classes
    (int, ``(m,)``), ``images_test`` the raw test images ``(m_test, 8, 8)`` (intensities
    0 … 16, for drawing), and the scaler: ``mean`` and ``std`` ``(64,)`` of the training
    pixels (``std`` 1 where a pixel never varies). All arrays are read-only."""

    X_train: np.ndarray
    labels_train: np.ndarray
    X_test: np.ndarray
    labels_test: np.ndarray
    images_test: np.ndarray
    mean: np.ndarray
    std: np.ndarray

    @cached_property
    def Y_train(self) -> np.ndarray:
        """The one-hot targets of the training set, ``(10, m_train)`` (made once, read-only)."""
        return _read_only(one_hot(self.labels_train, CLASSES))

    @cached_property
    def Y_test(self) -> np.ndarray:
        """The one-hot targets of the test set, ``(10, m_test)`` (made once, read-only)."""
        return _read_only(one_hot(self.labels_test, CLASSES))


def _read_only(array: np.ndarray) -> np.ndarray:
    """``array`` itself, no longer writable (the data set's arrays are shared by every run)."""
    array.flags.writeable = False
    return array


def standardise(pixels_train: np.ndarray, pixels: np.ndarray) -> tuple:
    r"""``(scaled, mean, std)``: ``pixels`` ``(m, 64)`` scaled per pixel as
    :math:`(x - \mu)/s`, with :math:`\mu` and :math:`s` the mean and standard deviation of
    ``pixels_train`` ``(m_train, 64)`` (``s = 1`` where a pixel is constant there)."""
    mean = pixels_train.mean(axis=0)
    std = pixels_train.std(axis=0)
    std[std == 0] = 1.0
    return (pixels - mean) / std, mean, std


def digits_data(seed: int = 0) -> DigitsData:
    """scikit-learn's 8×8 digits, split with ``train_test_split(test_size=TEST_FRACTION,
    stratify=labels, random_state=seed)`` and standardised with the training set's
    statistics (:func:`standardise`). The same seed gives the same split (cached)."""
    return _digits_data(_validate.seed(seed))


@lru_cache(maxsize=4)
def _digits_data(seed: int) -> DigitsData:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    pixels_train, pixels_test, labels_train, labels_test, _, images_test = train_test_split(
        digits.data,
        digits.target,
        digits.images,
        test_size=TEST_FRACTION,
        stratify=digits.target,
        random_state=seed,
    )
    scaled_train, mean, std = standardise(pixels_train, pixels_train)
    scaled_test, _, _ = standardise(pixels_train, pixels_test)
    arrays = [
        scaled_train.T,
        labels_train.astype(np.int64),
        scaled_test.T,
        labels_test.astype(np.int64),
        images_test.astype(np.float64),
        mean,
        std,
    ]
    return DigitsData(*[_read_only(np.ascontiguousarray(a)) for a in arrays])


@dataclass(frozen=True)
class DigitsRun:
    """What :func:`train_digits` did: the trained ``net``; ``history``, a dict of float64
    arrays ``train_loss``, ``test_loss``, ``train_accuracy``, ``test_accuracy`` with one entry
    per completed epoch *plus* the start (entry 0, before any step); ``diverged_at``, the
    epoch that diverged (then the history stops before it), else None; ``seconds``, the
    wall-clock time of the training epochs alone."""

    net: MLP
    history: dict
    diverged_at: int | None
    seconds: float

    @property
    def test_accuracy(self) -> float:
        """The accuracy on the test set after the last completed epoch."""
        return float(self.history["test_accuracy"][-1])


def train_digits(
    lr: float = DIGITS_DEFAULTS["lr"],
    epochs: int = DIGITS_DEFAULTS["epochs"],
    batch_size: int = DIGITS_DEFAULTS["batch_size"],
    hidden: int = DIGITS_DEFAULTS["hidden"],
    *,
    data: DigitsData | None = None,
    seed: int = 0,
    progress=None,
) -> DigitsRun:
    """Train a ``(64, hidden, 10)`` tanh–softmax network on ``data`` (default
    :func:`digits_data`) for ``epochs`` epochs of :func:`~backprop_lib.sgd` with ``lr`` and
    ``batch_size``: the weights from ``MLP.random(..., seed=seed)``, epoch ``k`` (1, 2, …)
    one call ``sgd(net, X_train, Y_train, lr, 1, batch_size, seed=k)``. After each epoch the
    loss and accuracy on both sets are recorded; ``progress(done, epochs, seconds)``, if
    given, is called after each epoch. Divergence stops the run (``diverged_at``)."""
    data = (
        digits_data()
        if data is None
        else _validate.instance(data, "data", DigitsData, "DigitsData")
    )
    lr = _validate.learning_rate(lr)
    epochs = _validate.iteration_count(epochs, "epochs")
    m = data.X_train.shape[1]
    batch_size = _validate.batch_size(batch_size, m)
    hidden = _validate.integer(hidden, "hidden", 1)
    seed = _validate.seed(seed)
    sizes = [data.X_train.shape[0], hidden, CLASSES]
    net = MLP.random(sizes, ["tanh", "softmax"], loss="cross_entropy", seed=seed)
    X, Y = data.X_train, data.Y_train
    history = {key: [] for key in ("train_loss", "test_loss", "train_accuracy", "test_accuracy")}

    def record():
        for key, value in zip(history, digits_scores(net, data), strict=True):
            history[key].append(value)

    record()
    diverged_at, seconds = None, 0.0
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        try:
            sgd(net, X, Y, lr, 1, batch_size, seed=epoch)
        except DivergenceError:
            diverged_at = epoch
            break
        finally:
            seconds += time.perf_counter() - start
        record()
        if progress is not None:
            progress(epoch, epochs, seconds)
    history = {key: np.array(values, dtype=np.float64) for key, values in history.items()}
    return DigitsRun(net, history, diverged_at, seconds)


@lru_cache(maxsize=1)
def _blas_threads():
    """threadpoolctl's view of the BLAS and OpenMP libraries loaded, made once (it looks
    through every library of the process)."""
    from threadpoolctl import ThreadpoolController  # scikit-learn's own dependency

    return ThreadpoolController()


def one_blas_thread():
    """A context in which BLAS (the matrix products) runs on one thread, as threadpoolctl's
    ``limit(limits=1, user_api="blas")``. The digits network is small: threads gain nothing
    on its products, and on a loaded 2-core machine OpenBLAS's threads wait on each other (a
    forward pass over the 1,347 training columns took 30–90 ms threaded, against about 1 ms
    on one thread, measured while six jobs shared the machine)."""
    return _blas_threads().limit(limits=1, user_api="blas")


def digits_scores(net: MLP, data: DigitsData) -> tuple[float, float, float, float]:
    r"""``(train_loss, test_loss, train_accuracy, test_accuracy)`` of ``net`` on ``data``:
    the mean cross-entropy and the fraction of columns whose :math:`\arg\max_i \hat y_i`
    is the label, both from one forward pass over each set."""
    _validate.instance(data, "data", DigitsData, "DigitsData")
    train = _scores(net, data.X_train, data.Y_train, data.labels_train)
    test = _scores(net, data.X_test, data.Y_test, data.labels_test)
    return train[0], test[0], train[1], test[1]


def _scores(net: MLP, X: np.ndarray, Y: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(mean loss, accuracy) of ``net`` on the columns of ``X`` with one-hot targets ``Y`` and
    classes ``labels``, from one forward pass: the loss from the output layer's ``z``
    (:func:`~backprop_lib.cross_entropy_from_logits`, as ``net.loss``), the classes from its
    ``a`` (as :func:`~backprop_lib.predict`)."""
    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    with one_blas_thread():
        z, a = net.forward_all(X)
    loss = cross_entropy_from_logits(z[-1], Y)
    right = np.argmax(a[-1], axis=0) == labels
    return float(loss.sum()) / loss.shape[0], float(right.sum()) / right.shape[0]


def predict_digits(net: MLP, X) -> np.ndarray:
    r"""The class :math:`\arg\max_i \hat y_i` of each column of ``X`` (int, ``(m,)``):
    :func:`~backprop_lib.predict` with BLAS on one thread (:func:`one_blas_thread`)."""
    with one_blas_thread():
        return predict(net, X)


def confusion_matrix(labels, predicted, classes: int = CLASSES) -> np.ndarray:
    """The ``(classes, classes)`` int array whose entry ``(i, j)`` counts the examples of
    class ``i`` (``labels``) predicted as ``j`` (``predicted``): the diagonal holds the right
    answers, each row sums to the number of examples of its class."""
    labels = _validate.class_labels(labels, classes=classes)
    predicted = _validate.class_labels(predicted, "predicted", classes=classes, m=labels.shape[0])
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (labels, predicted), 1)
    return matrix


# ----------------------------------------------------------------------------- drawings


@styled
def draw_training_curves(run: DigitsRun, fig: Figure | None = None) -> Figure:
    """Two plots of ``run.history`` against the epoch (0 = before training): the
    cross-entropy loss and the accuracy, on the training set (solid, circles) and the test
    set (dashed, squares)."""
    fig, parts = reusable_figure(fig, "digits-curves", 2, (9.0, 3.4), _curve_parts)
    _update_curves(parts, run)
    return fig


def _curve_parts(fig, ax_loss, ax_acc) -> dict:
    lines = {}
    for ax, quantity, label in (
        (ax_loss, "loss", "cross-entropy loss"),
        (ax_acc, "accuracy", "accuracy"),
    ):
        for which, (color, style, marker) in (("train", _TRAIN), ("test", _TEST)):
            (lines[f"{which}_{quantity}"],) = ax.plot(
                [], [], color=color, linestyle=style, marker=marker, markersize=4,
                markevery=0.1, label=f"{which} set",
            )  # fmt: skip
        ax.set(xlabel="epoch", ylabel=label)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
        ax.grid(True, alpha=0.3)
        # A fixed corner: "best" searches the plot for the emptiest place at every redraw.
        ax.legend(fontsize=10, loc="upper right" if quantity == "loss" else "lower right")
    ax_loss.set_title("loss per epoch")
    ax_acc.set_title("accuracy per epoch")
    return {"axes": (ax_loss, ax_acc), "lines": lines}


def _update_curves(parts: dict, run: DigitsRun) -> None:
    epochs = np.arange(len(run.history["train_loss"]))
    for key, line in parts["lines"].items():
        line.set_data(epochs, run.history[key])
    ax_loss, ax_acc = parts["axes"]
    last = max(int(epochs[-1]), 1)
    for ax in (ax_loss, ax_acc):
        ax.set_xlim(0, last)
    losses = np.concatenate([run.history["train_loss"], run.history["test_loss"]])
    ax_loss.set_ylim(0, 1.05 * float(losses.max()))
    low = float(min(run.history["train_accuracy"].min(), run.history["test_accuracy"].min()))
    ax_acc.set_ylim(max(0.0, low - 0.05), 1.005)


@styled
def draw_confusion_matrix(matrix, title: str = "test set", fig: Figure | None = None) -> Figure:
    """The confusion matrix ``matrix`` ``(10, 10)`` (rows: true digit, columns: predicted
    digit; see :func:`confusion_matrix`) as an image with every non-zero count written in its
    cell, the diagonal (right answers) outlined."""
    matrix = _validate.float_array(matrix, "matrix", 2)
    fig, parts = reusable_figure(fig, "digits-confusion", 1, (4.6, 4.2), _matrix_parts)
    _update_matrix(parts, matrix, title)
    return fig


def _matrix_parts(fig, ax, colorbar: bool = True) -> dict:
    image = ax.imshow(np.zeros((CLASSES, CLASSES)), cmap="Blues", vmin=0, vmax=1)
    ticks = range(CLASSES)
    ax.set(xticks=ticks, yticks=ticks, xlabel="predicted digit", ylabel="true digit")
    texts = [
        [ax.text(j, i, "", ha="center", va="center", fontsize=10) for j in ticks] for i in ticks
    ]
    for k in ticks:  # the right answers
        ax.add_patch(_square(k))
    if colorbar:
        fig.colorbar(image, ax=ax, label="examples", shrink=0.85)
    return {"axes": (ax,), "image": image, "texts": texts}


def _square(k: int) -> Rectangle:
    return Rectangle((k - 0.5, k - 0.5), 1, 1, fill=False, edgecolor="k", linewidth=0.8)


def _update_matrix(parts: dict, matrix: np.ndarray, title: str) -> None:
    (ax,) = parts["axes"]
    top = max(float(matrix.max()), 1.0)
    parts["image"].set_data(matrix)
    parts["image"].set_clim(0, top)
    for i, row in enumerate(parts["texts"]):
        for j, text in enumerate(row):
            count = matrix[i, j]
            text.set_text(f"{count:.0f}" if count else "")
            text.set_color("white" if count > 0.6 * top else "black")
    right = np.trace(matrix) / max(matrix.sum(), 1)
    ax.set_title(f"confusion matrix, {title}: {right:.1%} right")


@styled
def draw_digit_images(
    images, titles, title: str, columns: int = 10, cmap: str = "gray_r", limits=(0.0, 16.0)
) -> Figure:
    """8×8 ``images`` ``(k, 8, 8)`` side by side, ``columns`` to a row, each with its line of
    ``titles`` above it, and ``title`` above all, in one axes (one image of tiles with white
    gaps: far quicker to draw than an axes per tile). ``cmap`` and ``limits`` (the values of
    the colour map's ends) as in ``imshow``; grey with dark ink by default. A colour bar is
    added when ``cmap`` is not the default grey."""
    images = _validate.shaped_array(images, "images", ("k", 8, 8))
    titles = _validate.sequence(titles, "titles", length=len(images))
    columns = _validate.integer(columns, "columns", 1)
    columns = min(columns, len(images))
    rows = -(-len(images) // columns)
    gap, tile = 3, 8
    step_x, step_y = tile + gap, tile + gap + 4  # room above each tile for its title
    mosaic = np.full((rows * step_y, columns * step_x - gap), np.nan)
    for k, image in enumerate(images):
        r, c = divmod(k, columns)
        top, left = r * step_y + step_y - tile, c * step_x
        mosaic[top : top + tile, left : left + tile] = image
    inch = 0.095  # per pixel of the mosaic
    bar = 1.0 if cmap != "gray_r" else 0.0  # room for a colour bar
    width, height = mosaic.shape[1] * inch, mosaic.shape[0] * inch
    fig = Figure(figsize=(width + bar + 0.2, height + 0.55))
    ax = fig.add_axes((0.1 / fig.get_figwidth(), 0.15 / fig.get_figheight(),
                       width / fig.get_figwidth(), height / fig.get_figheight()))  # fmt: skip
    colours = matplotlib.colormaps[cmap].with_extremes(bad="white")
    shown = ax.imshow(mosaic, cmap=colours, vmin=limits[0], vmax=limits[1], interpolation="nearest")
    for k, text in enumerate(titles):
        r, c = divmod(k, columns)
        ax.text(c * step_x + tile / 2 - 0.5, r * step_y + step_y - tile - 1.0, str(text),
                ha="center", va="bottom", fontsize=10)  # fmt: skip
    ax.set_axis_off()
    if cmap != "gray_r":
        w = fig.get_figwidth()
        cax = fig.add_axes(((width + 0.35) / w, 0.15, 0.12 / w, 0.65))
        fig.colorbar(cax=cax, mappable=shown, label="weight")
    fig.suptitle(title, fontsize=11, y=0.995, va="top")
    return fig


@styled
def draw_misclassified(images, labels, predicted, probabilities=None, limit: int = 30) -> Figure:
    """The first ``limit`` images (``(m, 8, 8)``) whose ``predicted`` class differs from
    ``labels``, drawn in grey (dark = ink), each titled "true → predicted" and, if
    ``probabilities`` ``(10, m)`` is given, the probability the network gave its answer."""
    images = _validate.shaped_array(images, "images", ("m", 8, 8))
    labels = _validate.class_labels(labels, m=images.shape[0])
    predicted = _validate.class_labels(predicted, "predicted", m=images.shape[0])
    limit = _validate.integer(limit, "limit", 1)
    wrong = np.flatnonzero(labels != predicted)[:limit]
    if not len(wrong):
        fig = Figure(figsize=(4.0, 1.0))
        fig.text(0.5, 0.5, "no test digit misclassified", ha="center", fontsize=11)
        return fig
    titles = [f"{labels[k]} → {predicted[k]}" for k in wrong]
    if probabilities is not None:
        titles = [
            f"{t}\n{probabilities[predicted[k], k]:.0%}" for t, k in zip(titles, wrong, strict=True)
        ]
    return draw_digit_images(
        images[wrong], titles, "misclassified test digits: true → predicted (its probability)"
    )


@styled
def draw_first_layer_weights(weights, title: str = "first layer", limit: int = 32) -> Figure:
    r"""Rows of ``weights`` ``(units, 64)`` (e.g. ``net.weights[0]``, row :math:`i` the
    incoming weights :math:`w^{(1)}_{i\,\cdot}` of hidden unit :math:`i`), the first
    ``limit`` of them, each drawn as an 8×8 image in the pixels' places: red positive, blue
    negative, white 0, on one colour scale symmetric around 0 for all units. ``title``
    starts the figure's title."""
    W1 = _validate.shaped_array(weights, "weights", ("units", 64))  # 64 = 8×8 pixels
    limit = _validate.integer(limit, "limit", 1)
    W1 = W1[:limit]
    top = float(np.abs(W1).max()) or 1.0
    return draw_digit_images(
        W1.reshape(-1, 8, 8),
        [f"unit {i + 1}" for i in range(len(W1))],
        f"{title}: each hidden unit's 64 weights as an 8×8 image",
        columns=8,
        cmap="RdBu_r",
        limits=(-top, top),
    )


# ----------------------------------------------------------------------------- the widget

#: How many trained runs :func:`draw_digits` keeps, by settings: a slider moved back to an
#: earlier value redraws at once.
RUN_CACHE_SIZE = 32
_runs: OrderedDict[tuple, tuple[DigitsRun, np.ndarray]] = OrderedDict()


def cached_run(lr, epochs, batch_size, hidden, seed: int = 0, progress=None) -> DigitsRun:
    """:func:`train_digits` on :func:`digits_data` with these settings, trained once and
    remembered (the last ``RUN_CACHE_SIZE`` settings): the widget's runs. The network it
    holds is shared between calls: read it, do not train it further."""
    return _cached(lr, epochs, batch_size, hidden, seed, progress)[0]


def _cached(lr, epochs, batch_size, hidden, seed, progress) -> tuple[DigitsRun, np.ndarray]:
    """The run of these settings and its test-set confusion matrix, from the cache or new."""
    key = (float(lr), epochs, batch_size, hidden, seed)
    if key in _runs:
        _runs.move_to_end(key)
        return _runs[key]
    run = train_digits(lr, epochs, batch_size, hidden, seed=seed, progress=progress)
    data = digits_data()
    matrix = confusion_matrix(data.labels_test, predict_digits(run.net, data.X_test))
    _runs[key] = (run, matrix)
    while len(_runs) > RUN_CACHE_SIZE:
        _runs.popitem(last=False)
    return run, matrix


@styled
def draw_digits(
    lr, epochs, batch_size, hidden, *, seed: int = 0, progress=None, fig: Figure | None = None
) -> Figure:
    """Notebook 08's widget drawing: train (:func:`cached_run`) and draw the loss and
    accuracy per epoch on both sets and the test set's confusion matrix; the title echoes
    the settings and the test accuracy (or the epoch where training diverged)."""
    run, matrix = _cached(lr, epochs, batch_size, hidden, seed, progress)
    fig, parts = reusable_figure(fig, "digits-panel", 3, (13.0, 3.9), _panel_parts)
    _update_curves(parts["curves"], run)
    _update_matrix(parts["matrix"], matrix, "test set")
    result = f"test accuracy {run.test_accuracy:.1%}"
    if run.diverged_at is not None:
        result = f"diverged in epoch {run.diverged_at}; {result} before it"
    fig.suptitle(
        f"lr = {lr:.4g}, {epochs} epochs, batch size {batch_size}, hidden width {hidden}: {result}",
        fontsize=11,
    )
    return fig


def _panel_parts(fig, ax_loss, ax_acc, ax_matrix) -> dict:
    return {
        "curves": _curve_parts(fig, ax_loss, ax_acc),
        "matrix": _matrix_parts(fig, ax_matrix, colorbar=False),
    }


class DigitsPanel(Panel):
    """A :class:`~backprop_lib.lessons.panels.Panel` with a progress bar: a retraining that
    is expected to take more than ``PROGRESS_AFTER`` seconds (the first epochs' pace times
    the epochs) shows the bar, advanced after every epoch, until the new plot is drawn."""

    PROGRESS_AFTER = 0.5

    def __init__(self, controls: dict, **fixed):
        self.progress = widgets.IntProgress(
            value=0, min=0, max=1, description="training", bar_style="info",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="460px", visibility="hidden"),
        )  # fmt: skip
        self.progress.add_class("bp-panel-progress")
        self.progress_shown = 0  # how many redraws showed the bar (tests read it)
        super().__init__(draw_digits, controls, progress=self._on_epoch, **fixed)
        *sliders, status, output = self.children
        self.children = (*sliders, status, self.progress, output)

    def redraw(self, change=None) -> None:
        try:
            super().redraw(change)
        finally:
            self.progress.layout.visibility = "hidden"

    def _on_epoch(self, done: int, total: int, seconds: float) -> None:
        bar = self.progress
        if bar.layout.visibility != "visible":
            if done == total or seconds / done * total <= self.PROGRESS_AFTER:
                return
            bar.max, bar.layout.visibility = total, "visible"
            self.progress_shown += 1
        bar.value = done
        bar.description = f"training: epoch {done} of {total}"


def digits_panel(lr=None, epochs=None, batch_size=None, hidden=None, seed: int = 0) -> DigitsPanel:
    """Notebook 08's panel: learning rate (log scale, 0.001 to 3), epochs (1 to 100), batch
    size (1 to 256) and hidden width (1 to 128) retrain the digits network from the same
    initial seed and redraw :func:`draw_digits`; defaults :data:`DIGITS_DEFAULTS`."""
    values = {"lr": lr, "epochs": epochs, "batch_size": batch_size, "hidden": hidden}
    values = {k: DIGITS_DEFAULTS[k] if v is None else v for k, v in values.items()}
    controls = {
        "lr": lr_slider(values["lr"], 0.001, 3.0),
        "epochs": iterations_slider(values["epochs"], 100, description="epochs"),
        "batch_size": int_slider(values["batch_size"], 1, 256, "batch size"),
        "hidden": int_slider(values["hidden"], 1, 128, "hidden width"),
    }
    return DigitsPanel(controls, seed=seed)
