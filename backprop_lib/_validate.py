"""Argument checks shared by every public function (API.md, "Bad input").

Each check raises ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, wrong
value) with a message that starts with the argument's name, so a learner sees at once which
argument to fix. Checks run before any computation, so a failed call changes nothing.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np


def real_number(value, name: str) -> float:
    """Return ``value`` as a float; it must be a finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def learning_rate(value, name: str = "lr") -> float:
    """Return ``value`` as a float; it must be a positive finite number."""
    value = real_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def iteration_count(value, name: str = "iterations") -> int:
    """Return ``value`` as an int; it must be a non-negative integer (not a bool or float)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative integer, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    return int(value)


def float_array(value, name: str, ndim: int | tuple[int, ...], copy: bool = True) -> np.ndarray:
    """Return ``value`` as a finite float64 array with ``ndim`` dimensions: a new array, or
    with ``copy=False`` the array itself when it already is float64 (data that is only read,
    such as a batch ``X``, need not be copied on every call)."""
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
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains non-finite values (nan or inf)")
    return array


def array_list(value, name: str) -> list:
    """Return ``value`` as a list; it must be a non-string sequence (list or tuple)."""
    if isinstance(value, str | bytes | np.ndarray) or not isinstance(value, Sequence):
        raise TypeError(
            f"{name} must be a list with one array per weight layer, got {type(value).__name__}"
        )
    return list(value)


def choice(value, name: str, valid: Sequence[str]) -> str:
    """Return ``value``; it must be one of the strings in ``valid``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {list(valid)}; got {value!r}")
    if value not in valid:
        raise ValueError(f"{name} must be one of {list(valid)}; got {value!r}")
    return value
