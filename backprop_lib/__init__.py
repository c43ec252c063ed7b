"""backprop_lib: the small numeric library of the backprop-notebooks series.

``import backprop_lib as bp`` gives the public API (``../shared/API.md``):

* :func:`scalar_descent` — gradient descent on one weight (notebooks 01–02);
* :class:`MLP` — a layered network with forward pass, loss, backprop gradients and training
  (notebooks 03–05);
* :func:`numerical_gradients` — central-difference gradients, for checking backprop;

and the helpers the notebooks use: regimes of the scalar model, drawing functions and widget
panels, exercise checks and the environment check.
"""

from . import chain, classifier, datasets, gates, symbolic, timing, widgets
from .activations import ACTIVATIONS
from .chain import draw_chain_descent
from .diagram import draw_network
from .environment import environment_report, print_environment_report
from .examples import ONE_WEIGHT, TWO_TWO_ONE, one_weight_network, two_two_one_network
from .exercises import check
from .gates import draw_gate_training
from .gradcheck import gradient_check, numerical_gradients, relative_error
from .losses import LOSS_NAMES
from .mlp import MLP, DivergenceError
from .plots import draw_classifier, draw_scalar_descent
from .scalar import (
    REGIMES,
    ScalarTrajectory,
    contraction_factor,
    critical_rates,
    regime,
    scalar_cost,
    scalar_descent,
    scalar_gradient,
)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "LOSS_NAMES",
    "MLP",
    "ONE_WEIGHT",
    "REGIMES",
    "TWO_TWO_ONE",
    "DivergenceError",
    "ScalarTrajectory",
    "chain",
    "check",
    "classifier",
    "contraction_factor",
    "critical_rates",
    "datasets",
    "draw_chain_descent",
    "draw_classifier",
    "draw_gate_training",
    "draw_network",
    "draw_scalar_descent",
    "environment_report",
    "gates",
    "gradient_check",
    "numerical_gradients",
    "one_weight_network",
    "print_environment_report",
    "regime",
    "relative_error",
    "scalar_cost",
    "scalar_descent",
    "scalar_gradient",
    "symbolic",
    "timing",
    "two_two_one_network",
    "widgets",
]
