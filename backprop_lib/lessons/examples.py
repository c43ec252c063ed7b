"""The series' one thread of numbers: the concrete examples every notebook comes back to.

Kept here, once, so that notebook 01's one weight, notebook 03's 2-2-1 network and their
reappearances in notebooks 04 and 05 are the same numbers by construction.
"""

from __future__ import annotations

import numpy as np

from ..mlp import MLP

#: The Q&A question: ``a = x·w``, ``C = (a − y*)²``; its MATLAB run printed 20 iterates.
ONE_WEIGHT = {"x": 5.7, "w0": -23.1, "target": 50.1, "lr": 0.007, "iterations": 20}


def one_weight_network() -> MLP:
    """Notebook 01's model as a 1-1 network: identity activation, no bias, ``loss="sse"``."""
    return MLP([[[ONE_WEIGHT["w0"]]]], None, "identity", loss="sse")


#: The 2-2-1 lecture notes' sigmoid network with concrete numbers (the notes give only
#: symbols). The notes' names: ``w11 w12`` / ``w21 w22`` into A1 / A2 ("to 1 from 1", "to 1 from 2", ...),
#: ``w31 w32`` from A1, A2 into A3; ``E = ½ (A3 − y_t)²``.
TWO_TWO_ONE = {
    "x": np.array([0.35, 0.9]),
    "w_hidden": np.array([[0.1, 0.8], [0.4, 0.6]]),  # [[w11, w12], [w21, w22]] = W^(1)
    "w_out": np.array([[0.3, 0.9]]),  # [[w31, w32]] = W^(2)
    "y_t": np.array([0.5]),
}


def two_two_one_network() -> MLP:
    """The 2-2-1 lecture notes' network (notebook 03), no biases, sigmoid everywhere, ``loss="half_sse"``."""
    return MLP([TWO_TWO_ONE["w_hidden"], TWO_TWO_ONE["w_out"]], None, "sigmoid", loss="half_sse")
