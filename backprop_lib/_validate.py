"""Every argument check of the library, once (API.md, "Bad input").

Each check raises ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, wrong
value) with a message that starts with the argument's name, so a learner sees at once which
argument to fix. Checks run before any computation, so a failed call changes nothing.

One function per kind of check: numbers (:func:`real_number`, :func:`learning_rate`,
:func:`integer`, :func:`batch_size`, :func:`flag`), names (:func:`choice`, :func:`activations`), arrays
(:func:`float_array`, :func:`shaped_array`, :func:`shaped_list`, :func:`class_labels`),
layered networks (:func:`sizes`, :func:`weight_list`, :func:`bias_list`,
:func:`live_parameters`, :func:`batch`) and the drawing's labels (:func:`layer_values`,
:func:`name_lists`, :func:`name_tables`). Every other module calls these; none checks an
argument itself.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

# ----------------------------------------------------------------------------- numbers


def real_number(value, name: str, minimum: float | None = None) -> float:
    """Return ``value`` as a float; it must be a finite real number (not a bool), and at
    least ``minimum`` if given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {value}")
    return value


def learning_rate(value, name: str = "lr") -> float:
    """Return ``value`` as a float; it must be a positive finite number (a learning rate, a
    difference step)."""
    value = real_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def nonzero_number(value, name: str, why: str) -> float:
    """Return ``value`` as a float; it must be a finite real number other than 0 (``why``
    says what 0 would mean)."""
    value = real_number(value, name)
    if value == 0:
        raise ValueError(f"{name} must be non-zero: {why}")
    return value


def integer(value, name: str, minimum: int = 0) -> int:
    """Return ``value`` as an int; it must be an integer (not a bool or float) of at least
    ``minimum``: a count of iterations (0 allowed), a seed, a size."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        wanted = "a non-negative integer" if minimum == 0 else f"at least {minimum}"
        raise ValueError(f"{name} must be {wanted}, got {value}")
    return int(value)


def iteration_count(value, name: str = "iterations") -> int:
    """Return ``value`` as an int; it must be a non-negative integer."""
    return integer(value, name, 0)


def batch_size(value, m: int, name: str = "batch_size") -> int:
    """Return ``value`` as an int; it must be a positive integer no larger than ``m``, the
    number of examples (a mini-batch of ``sgd``)."""
    value = integer(value, name, 1)
    if value > m:
        raise ValueError(f"{name} must be at most the number of examples m = {m}, got {value}")
    return value


def seed(value, name: str = "seed") -> int:
    """A seed for ``numpy.random.default_rng``: a non-negative integer."""
    return integer(value, name, 0)


def flag(value, name: str) -> bool:
    """Return ``value``; it must be ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return value


def instance(value, name: str, kind: type, description: str):
    """Return ``value``; it must be an instance of ``kind`` (``description`` names it)."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {description}, got {type(value).__name__}")
    return value


# ----------------------------------------------------------------------------- names


def choice(value, name: str, valid: Sequence[str]) -> str:
    """Return ``value``; it must be one of the strings in ``valid``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {list(valid)}; got {value!r}")
    if value not in valid:
        raise ValueError(f"{name} must be one of {list(valid)}; got {value!r}")
    return value


def sequence(value, name: str, length: int | None = None, min_length: int = 0) -> list:
    """Return ``value`` as a list; it must be a non-string sequence (list or tuple, not an
    array) of ``length`` items, or of at least ``min_length``."""
    if isinstance(value, str | bytes | np.ndarray) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list or tuple, got {type(value).__name__}")
    if length is not None and len(value) != length:
        raise ValueError(f"{name} must hold {length} items, got {len(value)}")
    if len(value) < min_length:
        raise ValueError(f"{name} must hold at least {min_length} items, got {len(value)}")
    return list(value)


def activations(value, layers: int, valid: Sequence[str], name: str = "activations"):
    """One activation name per weight layer, from one name or a sequence of ``layers`` names,
    each in ``valid``; ``"softmax"`` only on the output layer. Returns a tuple."""
    if isinstance(value, str):
        names = [value] * layers
    elif isinstance(value, Sequence):
        names = list(value)
        if len(names) != layers:
            raise ValueError(
                f"{name} must be one name or one per weight layer ({layers}), got {len(names)}"
            )
    else:
        raise TypeError(f"{name} must be a name or a list of names, got {type(value).__name__}")
    for k, item in enumerate(names):
        choice(item, f"{name}[{k}]", tuple(valid))
        if item == "softmax" and k != layers - 1:
            raise ValueError(f"{name}[{k}] is 'softmax', which is only allowed on the output layer")
    return tuple(names)


def output_and_loss(output_activation: str, loss: str) -> None:
    """A ``"softmax"`` output layer goes with ``loss="cross_entropy"`` and only with it."""
    if (output_activation == "softmax") != (loss == "cross_entropy"):
        raise ValueError(
            "activations and loss do not match: a 'softmax' output layer goes with "
            "loss='cross_entropy', and loss='cross_entropy' needs a 'softmax' output layer; "
            f"got activations[-1]={output_activation!r}, loss={loss!r}"
        )


# ----------------------------------------------------------------------------- arrays


def float_array(value, name: str, ndim: int | tuple[int, ...], copy: bool = True) -> np.ndarray:
    """Return ``value`` as a finite float64 array with ``ndim`` dimensions: a new array, or
    with ``copy=False`` the array itself when it already is float64 (data that is only read,
    such as a batch ``X``, need not be copied on every call)."""
    if type(value) is np.ndarray and value.dtype == np.float64:  # the usual case, no conversion
        array = value.copy() if copy else value
    else:
        if isinstance(value, str | bytes) or value is None:
            raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
        try:
            raw = np.asarray(value)
            if not np.iscomplexobj(raw):
                array = raw.astype(np.float64, copy=copy)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name} must be an array of numbers ({error})") from None
        if np.iscomplexobj(raw):
            raise TypeError(f"{name} must hold real numbers, got complex values")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if array.ndim not in allowed:
        wanted = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} must be {wanted}, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains non-finite values (nan or inf)")
    return array


def shaped_array(value, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Return ``value`` as a new finite float64 array of exactly ``shape``."""
    array = float_array(value, name, len(shape))
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    return array


def array_list(value, name: str) -> list:
    """Return ``value`` as a list; it must be a non-string sequence (list or tuple)."""
    if isinstance(value, str | bytes | np.ndarray) or not isinstance(value, Sequence):
        raise TypeError(
            f"{name} must be a list with one array per weight layer, got {type(value).__name__}"
        )
    return list(value)


def shaped_list(value, name: str, shapes: Sequence[tuple[int, ...]]) -> list[np.ndarray]:
    """One finite float64 array per weight layer, ``value[k]`` of shape ``shapes[k]``."""
    arrays = array_list(value, name)
    if len(arrays) != len(shapes):
        raise ValueError(
            f"{name} must hold {len(shapes)} arrays (one per weight layer), got {len(arrays)}"
        )
    pairs = enumerate(zip(arrays, shapes, strict=True))
    return [shaped_array(a, f"{name}[{k}]", s) for k, (a, s) in pairs]


def class_labels(value, name: str = "labels", classes=None, m: int | None = None) -> np.ndarray:
    """Return ``value`` as a non-empty 1-D integer array of class numbers ``0 … classes-1``
    (of length ``m`` if given)."""
    labels = np.asarray(value)
    if labels.ndim != 1 or labels.size == 0 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"{name} must be a non-empty 1-D array of integers, got shape {labels.shape} "
            f"and dtype {labels.dtype}"
        )
    if m is not None and labels.shape != (m,):
        raise ValueError(f"{name} must have shape ({m},), one per example, got {labels.shape}")
    if labels.min() < 0:
        raise ValueError(f"{name} must be non-negative class numbers, got {labels.min()}")
    if classes is not None and labels.max() >= classes:
        raise ValueError(f"{name} must be below classes={classes}, got {labels.max()}")
    return labels


# ----------------------------------------------------------------------------- networks


def sizes(value, name: str = "sizes") -> tuple[int, ...]:
    """Layer sizes :math:`n_0, \\dots, n_L`: a sequence of at least two integers, each at least
    1 (a non-integer is a ``TypeError``, a size below 1 a ``ValueError``)."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a sequence of layer sizes, got {type(value).__name__}")
    if len(value) < 2:
        raise ValueError(f"{name} must list at least 2 layers (input and output), got {value}")
    return tuple(integer(n, f"{name}[{k}]", 1) for k, n in enumerate(value))


def weight_list(value, name: str = "weights") -> tuple[list[np.ndarray], tuple[int, ...]]:
    """``(weights, sizes)``: new float64 copies of the weight matrices, ``weights[k]`` of shape
    ``(sizes[k+1], sizes[k])`` (each layer's rows are the next layer's columns)."""
    weights = array_list(value, name)
    if not weights:
        raise ValueError(f"{name} must hold at least one weight matrix")
    weights = [float_array(w, f"{name}[{k}]", 2) for k, w in enumerate(weights)]
    for k, w in enumerate(weights):
        if w.size == 0:
            raise ValueError(f"{name}[{k}] must not be empty, got shape {w.shape}")
        if k and w.shape[1] != weights[k - 1].shape[0]:
            raise ValueError(
                f"{name}[{k}] has shape {w.shape}, but {name}[{k - 1}] has shape "
                f"{weights[k - 1].shape}: layer {k} has {weights[k - 1].shape[0]} units, "
                f"so {name}[{k}] needs {weights[k - 1].shape[0]} columns"
            )
    return weights, (weights[0].shape[1], *(w.shape[0] for w in weights))


def bias_list(value, layer_sizes: Sequence[int], name: str = "biases"):
    """New float64 copies of the bias vectors, ``biases[k]`` of shape ``(sizes[k+1],)``, or
    None for a network without biases."""
    if value is None:
        return None
    biases = array_list(value, name)
    if len(biases) != len(layer_sizes) - 1:
        raise ValueError(
            f"{name} must have one array per weight layer ({len(layer_sizes) - 1}), "
            f"got {len(biases)}"
        )
    biases = [float_array(b, f"{name}[{k}]", 1) for k, b in enumerate(biases)]
    for k, b in enumerate(biases):
        if b.shape != (layer_sizes[k + 1],):
            raise ValueError(f"{name}[{k}] must have shape {(layer_sizes[k + 1],)}, got {b.shape}")
    return biases


def live_parameters(
    weights, biases, layer_sizes: Sequence[int], *, finite: bool = True, writable: bool = False
) -> None:
    """A network's live ``weights`` and ``biases`` (which a user may have changed since the
    network was built): lists of plain float64 numpy arrays (not a subclass) of the network's
    shapes, all finite (with ``finite=False`` the caller checks that itself), and with
    ``writable`` (a call that changes them) none read-only: refused before anything is
    computed or written, so no call stops after writing some of them."""
    layers = len(layer_sizes) - 1
    groups = [("weights", weights)]
    if biases is not None:
        groups.append(("biases", biases))
    for name, arrays in groups:
        if not isinstance(arrays, list) or len(arrays) != layers:
            raise ValueError(f"net.{name} must be a list of {layers} arrays")
        for k, p in enumerate(arrays):
            expected = (
                (layer_sizes[k + 1], layer_sizes[k]) if name == "weights" else (layer_sizes[k + 1],)
            )
            if type(p) is not np.ndarray or p.dtype != np.float64:
                raise TypeError(
                    f"{name}[{k}] must be a float64 numpy array (not a subclass), "
                    f"got {type(p).__name__}"
                    + (f" of {p.dtype}" if isinstance(p, np.ndarray) else "")
                )
            if p.shape != expected:
                raise ValueError(f"{name}[{k}] must have shape {expected}, got {p.shape}")
            if writable and not p.flags.writeable:
                raise ValueError(f"{name}[{k}] is read-only; training writes the parameters")
            if finite and not np.isfinite(p).all():
                raise ValueError(f"{name}[{k}] contains non-finite values (nan or inf)")


def inputs(X, n_in: int) -> tuple[np.ndarray, bool]:
    """``(X2, one)``: ``X`` as a 2-D float64 array ``(n_in, m)`` (not copied if it already is
    one), and whether it was one example given as a 1-D array of length ``n_in``."""
    X = float_array(X, "X", (1, 2), copy=False)
    if X.ndim == 1:
        if X.shape != (n_in,):
            raise ValueError(f"X must have shape ({n_in},) for one example, got {X.shape}")
        return X[:, None], True
    if X.shape[0] != n_in or X.shape[1] == 0:
        raise ValueError(
            f"X must have shape ({n_in}, m), one column per example with m >= 1; got {X.shape}"
        )
    return X, False


def batch(X, Y, n_in: int, n_out: int, probabilities: bool) -> tuple[np.ndarray, np.ndarray]:
    """``(X2, Y2)``: a batch as 2-D float64 arrays ``(n_in, m)`` and ``(n_out, m)``; a 1-D
    ``X`` is one example and then needs a 1-D ``Y``. With ``probabilities`` (cross-entropy)
    each column of ``Y`` must be non-negative and sum to 1."""
    X2, one = inputs(X, n_in)
    Y = float_array(Y, "Y", (1, 2), copy=False)
    expected = (n_out,) if one else (n_out, X2.shape[1])
    if Y.shape != expected:
        raise ValueError(
            f"Y must have shape {expected} to match X of shape {np.shape(X)}, got {Y.shape}"
        )
    Y2 = Y[:, None] if one else Y
    if probabilities and ((Y2 < 0).any() or not np.allclose(Y2.sum(axis=0), 1.0, atol=1e-9)):
        raise ValueError(
            "Y must hold probabilities for loss='cross_entropy': non-negative, each "
            "column summing to 1 (e.g. one-hot labels)"
        )
    return X2, Y2


# ----------------------------------------------------------------------------- drawings


def layer_values(values, layer_sizes: Sequence[int], name: str) -> list:
    """One array (or None) per layer, for layers 1…L (``len == L``) or 0…L (``len == L + 1``),
    layer l's of shape ``(n_l,)`` or ``(n_l, 1)``. Returns L + 1 entries, 1-D or None."""
    L = len(layer_sizes) - 1
    if values is None:
        return [None] * (L + 1)
    if isinstance(values, np.ndarray) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a list with one array per layer")
    if len(values) == L:
        values = [None, *values]
    if len(values) != L + 1:
        raise ValueError(
            f"{name} must hold {L} arrays (layers 1..L) or {L + 1} (layers 0..L), got {len(values)}"
        )
    out = []
    for l, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        v = float_array(v, f"{name}[{l}]", (1, 2))
        if v.shape not in ((layer_sizes[l],), (layer_sizes[l], 1)):
            raise ValueError(
                f"{name} for layer {l} must have shape ({layer_sizes[l]},) or "
                f"({layer_sizes[l]}, 1), got {v.shape}"
            )
        out.append(v.ravel())
    return out


def name_lists(names, lengths: Sequence[int], name: str):
    """One list of ``lengths[l]`` names per layer l."""
    if isinstance(names, str) or not isinstance(names, Sequence) or len(names) != len(lengths):
        raise ValueError(f"{name} must hold one list of names per layer ({len(lengths)})")
    for l, layer in enumerate(names):
        if isinstance(layer, str) or not isinstance(layer, Sequence) or len(layer) != lengths[l]:
            raise ValueError(f"{name}[{l}] must hold {lengths[l]} names, got {layer!r}")
    return names


def name_tables(names, shapes: Sequence[tuple[int, int]], name: str):
    """One table of names per weight layer, ``names[k]`` of shape ``shapes[k]``."""
    if names is None:
        return None
    if isinstance(names, str) or not isinstance(names, Sequence) or len(names) != len(shapes):
        raise ValueError(f"{name} must hold {len(shapes)} tables (one per weight layer)")
    for k, (table, shape) in enumerate(zip(names, shapes, strict=True)):
        if np.shape(table) != shape:
            raise ValueError(f"{name}[{k}] must have shape {shape}, got {np.shape(table)}")
    return names
