"""Item 8: ``bp.sgd`` on real data against scikit-learn, and the fixed cost of one step.

Notebook 08's training loop (issue 12 item 4). Row 1 trains the same network both ways on
scikit-learn's bundled handwritten digits (``load_digits``: 1797 images of 8×8 pixels, no
download), split 75/25 stratified by class (``train_test_split``), pixels scaled to [0, 1]: 64
inputs, one hidden layer of ``HIDDEN`` relu units, 10 softmax outputs with cross-entropy, plain
mini-batch SGD. scikit-learn's ``MLPClassifier(solver="sgd")`` is set up to do the same thing:
no momentum, no L2 penalty (``alpha=0``), a constant learning rate, the same hidden width,
activation, batch size, learning rate and number of epochs, shuffled every epoch, and no early
stop (``tol=0`` and ``n_iter_no_change`` larger than the epochs). Both minimise the *mean* loss
over each mini-batch (scikit-learn averages its gradient over the batch and uses the learning
rate as it is), so the steps are the same maths; the starting weights differ (scikit-learn draws
Glorot-uniform weights, ``bp.MLP.random`` He-normal ones), so the test accuracies are compared,
not the weights. Each timed call builds its network and trains it from the raw arrays: for the
library ``bp.one_hot``, ``bp.MLP.random`` and ``bp.sgd``; for scikit-learn ``fit``. ratio =
time(bp.sgd) / time(MLPClassifier.fit). Goal: ≤ 1 with a test accuracy at least scikit-learn's
(less 0.5 percentage points: the two start from different random weights).

Row 2 is the fixed cost of one ``net.step`` (the unit the widgets call in loops) on the
2-2-1 sigmoid network and the four XOR examples, against the same step written out in plain
numpy with no argument checks and no divergence bookkeeping: what the checks, the no-partial-
update guarantee and the Python around the maths cost per call. Row 3 is the same for one
step inside ``net.fit`` (checks once per call, so per step only the bookkeeping remains).

    python -m benchmarks.bench_sgd [--json out.json] [--repeats 7] [--quick]
"""

from __future__ import annotations

import warnings

import numpy as np

from benchmarks import _timing as t

HIDDEN, LR, EPOCHS, BATCH = 64, 0.1, 30, 32
ACCURACY_SLACK = 0.005


def digits():
    """``(X_train, X_test, y_train, y_test)``: rows are examples, pixels scaled to [0, 1]."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    X = data.data / 16.0  # pixel values are 0..16
    return train_test_split(X, data.target, test_size=0.25, stratify=data.target, random_state=0)


def train_library(X_train, y_train, epochs):
    import backprop_lib as bp

    net = bp.MLP.random([64, HIDDEN, 10], ["relu", "softmax"], loss="cross_entropy", seed=0)
    bp.sgd(net, X_train.T, bp.one_hot(y_train, 10), LR, epochs, BATCH, seed=0)
    return net


def train_sklearn(X_train, y_train, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,),
        activation="relu",
        solver="sgd",
        alpha=0.0,
        batch_size=BATCH,
        learning_rate="constant",
        learning_rate_init=LR,
        max_iter=epochs,
        shuffle=True,
        random_state=0,
        tol=0.0,
        momentum=0.0,
        nesterovs_momentum=False,
        early_stopping=False,
        n_iter_no_change=epochs + 1,
    )
    with warnings.catch_warnings():  # "maximum iterations reached": all epochs, as asked
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_train, y_train)
    return model


def plain_step(weights, biases, X, Y, lr):
    """One gradient-descent step of a sigmoid network with half_sse, in plain numpy: the
    maths of ``net.step`` without checks or bookkeeping (the floor of the fixed cost)."""
    a = [X]
    for W, b in zip(weights, biases, strict=True):
        a.append(0.5 * (1.0 + np.tanh(0.5 * (W @ a[-1] + b[:, None]))))
    delta = (a[-1] - Y) * a[-1] * (1.0 - a[-1])
    m = X.shape[1]
    for l in range(len(weights) - 1, -1, -1):
        dW, db = delta @ a[l].T / m, delta.sum(axis=1) / m
        if l:
            delta = (weights[l].T @ delta) * a[l] * (1.0 - a[l])
        weights[l] -= lr * dW
        biases[l] -= lr * db


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    repeats = 3 if args.quick else args.repeats
    epochs = 5 if args.quick else EPOCHS
    X_train, X_test, y_train, y_test = digits()

    net = train_library(X_train, y_train, epochs)
    model = train_sklearn(X_train, y_train, epochs)
    acc_library = float(np.mean(net.forward(X_test.T).argmax(axis=0) == y_test))
    acc_sklearn = float(model.score(X_test, y_test))
    timings = t.compare(
        {
            "bp.sgd": lambda: train_library(X_train, y_train, epochs),
            "sklearn": lambda: train_sklearn(X_train, y_train, epochs),
        },
        repeats=repeats,
        min_time=0.0,
    )
    ratio = t.ratio(timings, "bp.sgd", "sklearn")
    rows = [
        t.row(
            "8",
            f"digits 64-{HIDDEN}-10 relu/softmax, {len(y_train)} training images, batch {BATCH}, "
            f"{epochs} epochs, lr {LR}: test accuracy bp.sgd {acc_library:.4f}, "
            f"scikit-learn {acc_sklearn:.4f}",
            ("bp.sgd", timings["bp.sgd"]["median"]),
            ("MLPClassifier(solver='sgd').fit", timings["sklearn"]["median"]),
            goal="≤ 1, accuracy ≥ scikit-learn's",
            met=ratio <= 1.0 and acc_library >= acc_sklearn - ACCURACY_SLACK,
            repeats=repeats,
        )
    ]

    import backprop_lib as bp

    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    net = bp.MLP.random([2, 2, 1], "sigmoid", seed=0)
    plain = net.copy()
    # Check first: the plain step is the same maths (same parameters after 20 steps).
    for _ in range(20):
        net.step(X, Y, 0.5)
        plain_step(plain.weights, plain.biases, X, Y, 0.5)
    for p, q in zip(net.weights + net.biases, plain.weights + plain.biases, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-12, atol=1e-15)
    steps = 100
    timings = t.compare(
        {
            "net.step": lambda: net.step(X, Y, 0.5),
            "plain": lambda: plain_step(plain.weights, plain.biases, X, Y, 0.5),
            "fit": lambda: net.fit(X, Y, 0.5, steps),
        },
        repeats=repeats,
        min_time=0.02 if args.quick else 0.2,
    )
    plain_s = timings["plain"]["median"]
    for what, name, per in (
        ("one net.step call", "net.step", 1),
        (f"one step inside net.fit ({steps} steps a call)", "fit", steps),
    ):
        seconds = timings[name]["median"] / per
        rows.append(
            t.row(
                "8",
                f"2-2-1 sigmoid, XOR batch of 4: {what}; fixed cost over plain numpy "
                f"{(seconds - plain_s) * 1e6:.1f} µs",
                (name, seconds),
                ("plain numpy step", plain_s),
                goal="(context)",
                repeats=repeats,
            )
        )
    t.save(
        args.json,
        "Mini-batch SGD against scikit-learn, and the fixed cost of a step",
        rows,
        [
            "scikit-learn's MLPClassifier: solver='sgd', momentum=0, nesterovs_momentum=False, "
            "alpha=0, learning_rate='constant', shuffle=True, tol=0, no early stop; both sides "
            "build the network and train it from the raw arrays in each timed call",
            "the plain numpy step was checked to give the same parameters as net.step after "
            "20 steps (rtol 1e-12)",
        ],
    )


if __name__ == "__main__":
    main()
