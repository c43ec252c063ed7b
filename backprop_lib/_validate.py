"""Every argument check of the library, once (API.md, "Bad input").

Each check raises ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, wrong
value) with a message that starts with the argument's name, so a learner sees at once which
argument to fix. Checks run before any computation, so a failed call changes nothing; the
two checks of results are of values that only the computation can show: a result that
overflowed float64 on extreme but finite arguments (:func:`finite_results`), and in a
training step the finiteness of the live parameters, checked in one pass with that of the
new values (``training.TrainingRun``), before anything is written.

One function per kind of check: numbers (:func:`real_number`, :func:`one_number`,
:func:`learning_rate`, :func:`nonzero_number`, :func:`integer`, :func:`iteration_count`,
:func:`batch_size`, :func:`seed`, :func:`flag`, :func:`instance`), names (:func:`choice`, :func:`listlike`,
:func:`sequence`, :func:`activations`, :func:`output_and_loss`), arrays (:func:`float_array`,
:func:`shaped_array`, :func:`array_list`, :func:`shaped_list`, :func:`class_labels`), layered
networks (:func:`sizes`, :func:`weight_list`, :func:`bias_list`, :func:`live_parameters`,
:func:`inputs`, :func:`batch`, :func:`probability_columns`), results (:func:`finite_results`,
:func:`perturbation`) and the drawing's labels (:func:`layer_values`, :func:`name_lists`,
:func:`name_tables`). Every other module calls these; none checks an argument itself.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

# ----------------------------------------------------------------------------- numbers


#: The largest finite float64, about 1.8e308.
FLOAT_MAX = float(np.finfo(np.float64).max)


def shown(value) -> str:
    """``value`` for an error message: its repr, or for a very long one (an int of hundreds
    of digits) its kind and length."""
    text = repr(value)
    return text if len(text) <= 40 else f"{type(value).__name__} of {len(text)} characters"


def real_number(value, name: str, minimum: float | None = None) -> float:
    """Return ``value`` as a float; it must be a finite real number (not a bool) within the
    float64 range (a Python int, ``Fraction`` or long double beyond about 1.8e308 is refused
    here, not turned into an ``OverflowError`` or ``inf``), and at least ``minimum`` if given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if isinstance(value, float | np.floating) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    try:
        converted = float(value)
    except OverflowError:  # a Python int or Fraction beyond the float64 range
        converted = math.inf
    if not math.isfinite(converted):  # that, or a long double beyond the float64 range
        raise ValueError(
            f"{name} must be within the float64 range (about ±1.8e308), got {shown(value)}"
        )
    if minimum is not None and converted < minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {converted}")
    return converted


def one_number(value, name: str) -> float:
    """Return ``value`` as a float by :func:`real_number`, also when the one real number comes
    as a numpy array of one entry (any shape) or as another object that converts to float (a
    sympy expression without symbols such as ``sqrt(2)``, a ``Decimal``): the exercise
    checker's numbers, computed by a learner or an exercise's author in whatever form.
    A string is never converted."""
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise TypeError(f"{name} must be one number, got an array of shape {value.shape}")
        value = np.asarray(value).reshape(()).item()  # a matrix too
    if not isinstance(value, numbers.Real | str | bytes) and hasattr(type(value), "__float__"):
        try:
            value = float(value)
        except OverflowError:
            raise ValueError(
                f"{name} must be within the float64 range (about ±1.8e308), got {shown(value)}"
            ) from None
        except (TypeError, ValueError) as error:  # a sympy expression that holds a symbol
            raise TypeError(f"{name} must be a real number ({error})") from None
    return real_number(value, name)


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


def integer(value, name: str, minimum: int = 0, maximum: int | None = None) -> int:
    """Return ``value`` as an int; it must be an integer (not a bool or float) of at least
    ``minimum`` (and at most ``maximum`` if given): a count of iterations (0 allowed), a
    seed, a size."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        wanted = "a non-negative integer" if minimum == 0 else f"at least {minimum}"
        raise ValueError(f"{name} must be {wanted}, got {shown(value)}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {shown(value)}")
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


def listlike(value) -> bool:
    """Whether ``value`` is a list, a tuple or another sequence of items: not a string, bytes
    or a numpy array (which are sequences of characters or of numbers)."""
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | np.ndarray)


def sequence(value, name: str, length: int | None = None, min_length: int = 0) -> list:
    """Return ``value`` as a list; it must be a non-string sequence (list or tuple, not an
    array) of ``length`` items, or of at least ``min_length``."""
    if not listlike(value):
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
    elif listlike(value):
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
    such as a batch ``X``, need not be copied on every call). Values beyond the float64 range
    (Python ints, long doubles) are refused with the argument's name, never an
    ``OverflowError`` or a numpy warning; so is a masked array (its mask would be lost)."""
    if type(value) is np.ndarray and value.dtype == np.float64:  # the usual case, no conversion
        array = value.copy() if copy else value
    else:
        if isinstance(value, str | bytes) or value is None:
            raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
        if isinstance(value, np.ma.MaskedArray):
            raise TypeError(f"{name} must be a plain array, got a masked array (fill it first)")
        try:
            raw = np.asarray(value)
            if raw.dtype == object:  # Python objects: only real numbers become float64
                for item in raw.ravel():
                    if not isinstance(item, numbers.Real):
                        raise TypeError(f"got {type(item).__name__}")
            if not np.iscomplexobj(raw):
                with np.errstate(over="ignore", invalid="ignore"):  # beyond range: inf, below
                    array = raw.astype(np.float64, copy=copy)
        except OverflowError:
            raise ValueError(
                f"{name} has values beyond the float64 range (about ±1.8e308)"
            ) from None
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name} must be an array of numbers ({error})") from None
        if np.iscomplexobj(raw):
            raise TypeError(f"{name} must hold real numbers, got complex values")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if array.ndim not in allowed:
        wanted = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} must be {wanted}, got shape {array.shape}")
    if not np.isfinite(array).all():
        if array is not value and _finite_before_conversion(value):
            raise ValueError(f"{name} has values beyond the float64 range (about ±1.8e308)")
        raise ValueError(f"{name} contains non-finite values (nan or inf)")
    return array


def _finite_before_conversion(value) -> bool:
    """Whether every entry of ``value`` was finite before it became float64 (so an inf came
    from a value too large for float64, such as a long double)."""
    raw = np.asarray(value)
    if raw.dtype == object:  # Python numbers (checked real above); a huge int is finite
        return all(isinstance(x, numbers.Integral) or math.isfinite(x) for x in raw.ravel())
    return bool(raw.dtype.kind in "iub" or np.isfinite(raw).all())


def shaped_array(value, name: str, shape: tuple[int | str, ...]) -> np.ndarray:
    """Return ``value`` as a new finite float64 array of ``shape``: an int is an exact size, a
    name (a string) a free size of at least 1, as in ``("k", 8, 8)`` for k 8×8 images."""
    array = float_array(value, name, len(shape))
    fits = (
        n >= 1 if isinstance(size, str) else n == size
        for n, size in zip(array.shape, shape, strict=True)
    )
    if not all(fits):
        wanted = f"({', '.join(map(str, shape))}{',' if len(shape) == 1 else ''})"
        free = [f"{size} >= 1" for size in shape if isinstance(size, str)]
        wanted += f" with {', '.join(free)}" if free else ""
        raise ValueError(f"{name} must have shape {wanted}, got {array.shape}")
    return array


def array_list(value, name: str) -> list:
    """Return ``value`` as a list; it must be a non-string sequence (list or tuple)."""
    if not listlike(value):
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


#: The most units a layer may have: BLAS multiplies matrices whose sides fit a 32-bit int.
MAX_UNITS = 2**31 - 1


def sizes(value, name: str = "sizes") -> tuple[int, ...]:
    """Layer sizes :math:`n_0, \\dots, n_L`: a sequence of at least two integers, each at least
    1 and at most :data:`MAX_UNITS` (a non-integer is a ``TypeError``, a size out of range a
    ``ValueError``)."""
    if not listlike(value):
        raise TypeError(f"{name} must be a sequence of layer sizes, got {type(value).__name__}")
    if len(value) < 2:
        raise ValueError(f"{name} must list at least 2 layers (input and output), got {value}")
    return tuple(integer(n, f"{name}[{k}]", 1, MAX_UNITS) for k, n in enumerate(value))


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
    if probabilities:
        probability_columns(Y2)
    return X2, Y2


def probability_columns(Y: np.ndarray, name: str = "Y") -> None:
    """Each column of the 2-D float64 array ``Y`` is a probability distribution: no entry
    below 0, and a sum within ``4 n eps`` of 1 (``n`` entries, ``eps`` the float64 rounding
    unit 2.2e-16: the rounding of the sum itself, as of ``y / y.sum()``).

    Why so tight: the output delta :math:`\\hat y - y` of softmax with cross-entropy is the
    exact gradient only when :math:`\\sum_i y_i = 1`; for a sum s it is off by
    :math:`(s - 1)\\hat y`. With this tolerance that error stays at the level of the
    gradient's own rounding, so ``gradients`` is exact for every ``Y`` accepted."""
    tolerance = 4 * Y.shape[0] * np.finfo(np.float64).eps
    if (Y < 0).any() or np.abs(Y.sum(axis=0) - 1.0).max() > tolerance:
        raise ValueError(
            f"{name} must hold probabilities for loss='cross_entropy': non-negative, each "
            f"column summing to 1 within {tolerance:.1e} (e.g. one-hot labels; normalise "
            f"with {name} / {name}.sum(axis=0))"
        )


def finite_results(values, message: str) -> None:
    """Every array in ``values`` (the results of one call) is finite; otherwise float64
    overflowed on extreme but finite arguments, and ``message`` (which starts with the names
    of the arguments that did it) is raised, instead of a result holding inf or nan."""
    if not all(v is None or np.isfinite(v).all() for v in values):
        raise ValueError(message)


def overflow_message(names: str, computed: str) -> str:
    """The message of :func:`finite_results` when ``names`` are too large."""
    return f"{names} are too large for float64: {computed} overflows (inf or nan); scale them down"


def perturbation(eps: float, weights, biases, name: str = "eps") -> None:
    """``eps`` moves every parameter ``p`` of ``weights`` and ``biases`` (None for none) to a
    different finite ``p ± eps``: a step below the float64 spacing of ``p`` would leave it
    where it is and measure a slope of 0; one beyond the range would overflow."""
    groups = [("weights", weights), ("biases", biases or [])]
    for group, arrays in groups:
        for k, p in enumerate(arrays):
            for moved in (p + eps, p - eps):
                if not np.isfinite(moved).all():
                    raise ValueError(
                        f"{name} = {eps:g} moves {group}[{k}] beyond the float64 range"
                    )
                if (moved == p).any():
                    raise ValueError(
                        f"{name} = {eps:g} is below the float64 spacing of {group}[{k}] "
                        f"(largest |p| = {np.abs(p).max():.3g}): p ± eps == p"
                    )


# ----------------------------------------------------------------------------- drawings


def layer_values(values, layer_sizes: Sequence[int], name: str) -> list:
    """One array (or None) per layer, for layers 1…L (``len == L``) or 0…L (``len == L + 1``),
    layer l's of shape ``(n_l,)`` or ``(n_l, 1)``. Returns L + 1 entries, 1-D or None."""
    L = len(layer_sizes) - 1
    if values is None:
        return [None] * (L + 1)
    if not listlike(values):
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
    if not listlike(names) or len(names) != len(lengths):
        raise ValueError(f"{name} must hold one list of names per layer ({len(lengths)})")
    for l, layer in enumerate(names):
        if not listlike(layer) or len(layer) != lengths[l]:
            raise ValueError(f"{name}[{l}] must hold {lengths[l]} names, got {layer!r}")
    return names


def name_tables(names, shapes: Sequence[tuple[int, int]], name: str):
    """One table of names per weight layer, ``names[k]`` of shape ``shapes[k]``."""
    if names is None:
        return None
    if not listlike(names) or len(names) != len(shapes):
        raise ValueError(f"{name} must hold {len(shapes)} tables (one per weight layer)")
    for k, (table, shape) in enumerate(zip(names, shapes, strict=True)):
        if np.shape(table) != shape:
            raise ValueError(f"{name}[{k}] must have shape {shape}, got {np.shape(table)}")
    return names
