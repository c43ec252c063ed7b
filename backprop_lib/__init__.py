"""backprop_lib: the small numeric library of the backprop-notebooks series.

``import backprop_lib as bp`` gives the public API (``../shared/API.md``) and every name the
notebooks use, all as ``bp.<name>``:

* the core, imported at once (numpy only): :class:`MLP` (forward pass, loss, the delta rule,
  training; notebooks 03–05), :class:`DivergenceError`, :func:`numerical_gradients` and
  :func:`gradient_check` (checking backprop), :class:`Value` (a scalar computational graph
  and its backward pass; notebook 06), the activations, losses and data sets;
* the lessons (:mod:`backprop_lib.lessons`, one module per notebook: its model, runs and
  drawing, the widget panels, exercises) and the symbolic networks
  (:mod:`backprop_lib.symbolic`), loaded on first use: ``import backprop_lib`` alone imports
  neither sympy, matplotlib nor ipywidgets.

Layout: ``_validate`` (every argument check), ``activations``, ``losses``, ``mlp``,
``training`` (divergence rule and bookkeeping), ``gradcheck``, ``symbolic``, ``datasets``,
``value``;
``lessons/`` uses only the core's public names, never the other way round.
"""

from importlib import import_module

from . import activations, datasets, gradcheck, losses, mlp, training, value
from .activations import ACTIVATIONS, sigmoid, sigmoid_prime
from .datasets import one_hot, two_moons
from .gradcheck import gradient_check, numerical_gradients, relative_error
from .losses import LOSS_NAMES, cross_entropy_from_logits
from .mlp import MLP
from .training import DivergenceError, divergence_bound, fit_until_divergence, sgd
from .value import Value

__version__ = "0.1.0"

# Names loaded on first use: name -> (module, attribute), or (module, None) for the module.
# To add one: put the name here and in __all__ (tests/test_layout.py checks that every lazy
# name resolves and that `import backprop_lib` imports no sympy, matplotlib or ipywidgets).
_LAZY = {
    # notebook 01: one weight
    **dict.fromkeys(
        [
            "REGIMES",
            "ScalarTrajectory",
            "contraction_factor",
            "critical_rates",
            "draw_regimes",
            "draw_scalar_descent",
            "regime",
            "scalar_cost",
            "scalar_descent",
            "scalar_gradient",
        ],
        ".lessons.one_weight",
    ),
    # notebook 02: two weights in a chain
    **dict.fromkeys(
        [
            "chain_cost",
            "chain_network",
            "draw_chain_descent",
            "sequential_descent",
            "simultaneous_descent",
        ],
        ".lessons.two_weights",
    ),
    # notebook 03: logic gates
    **dict.fromkeys(
        ["GATES", "draw_gate_training", "gate_data", "train_gate"], ".lessons.logic_gates"
    ),
    # notebook 04: the cost of differentiating each weight on its own
    **dict.fromkeys(["multiplication_counts", "per_weight_gradients"], ".lessons.per_weight_cost"),
    # notebook 05: the two-moons classifier
    **dict.fromkeys(
        [
            "CLASSIFIER_DEFAULTS",
            "MOONS",
            "accuracy",
            "draw_classifier",
            "predict",
            "train_classifier",
        ],
        ".lessons.moons",
    ),
    # notebook 07: deep networks, vanishing gradients, initialisation
    **dict.fromkeys(
        [
            "DEEP_DEFAULTS",
            "DEEP_MOONS",
            "INIT_SCHEMES",
            "MAX_SLOPE",
            "deep_panel",
            "delta_bound",
            "draw_deep_network",
            "draw_depth_gradients",
            "draw_spread",
            "gaussian_mean",
            "init_weights",
            "layer_statistics",
            "moons_network",
            "predicted_spread",
            "probe",
            "probe_batch",
            "probe_network",
            "train_deep",
        ],
        ".lessons.deep_networks",
    ),
    # notebook 08: handwritten digits
    **dict.fromkeys(
        [
            "DIGITS_DEFAULTS",
            "DigitsData",
            "DigitsRun",
            "confusion_matrix",
            "digits_data",
            "digits_panel",
            "digits_scores",
            "draw_digit_images",
            "predict_digits",
            "digits_scores",
            "draw_confusion_matrix",
            "draw_digit_images",
            "draw_digits",
            "draw_first_layer_weights",
            "draw_misclassified",
            "draw_training_curves",
            "predict_digits",
            "train_digits",
        ],
        ".lessons.digits",
    ),
    # notebook 06: backprop on a computational graph
    **dict.fromkeys(
        [
            "BackwardStep",
            "backward_overwriting",
            "backward_steps",
            "draw_backward_step",
            "draw_graph",
            "draw_graph_training",
            "graph_layout",
            "step_description",
            "train_two_two_one_graph",
            "two_two_one_graph",
        ],
        ".lessons.computational_graph",
    ),
    # shared by the lessons
    "draw_network": ".lessons.diagram",
    **dict.fromkeys(
        [
            "Panel",
            "chain_panel",
            "classifier_panel",
            "gate_panel",
            "graph_panel",
            "scalar_descent_panel",
        ],
        ".lessons.panels",
    ),
    "check": ".lessons.exercises",
    "check_solution": ".lessons.exercises",
    **dict.fromkeys(
        ["ONE_WEIGHT", "TWO_TWO_ONE", "one_weight_network", "two_two_one_network"],
        ".lessons.examples",
    ),
    **dict.fromkeys(["environment_report", "print_environment_report"], ".lessons.environment"),
    "best_time": ".lessons.timing",
    "use_style": ".lessons.style",
    # symbolic networks (sympy)
    **dict.fromkeys(["SymbolicNetwork", "chain_latex"], ".symbolic"),
}
_LAZY = {name: (module, name) for name, module in _LAZY.items()}
_LAZY["symbolic_sigmoid"] = (".symbolic", "sigmoid")
# Modules: the new layout, and the old flat module names kept for compatibility.
_LAZY_MODULES = {
    "lessons": ".lessons",
    "symbolic": ".symbolic",
    "timing": ".lessons.timing",
    "widgets": ".lessons.panels",
    "chain": ".lessons.two_weights",
    "gates": ".lessons.logic_gates",
    "classifier": ".lessons.moons",
}
# Old module names reachable as bp.<name> but not exported by `from backprop_lib import *`.
_COMPAT_MODULES = {
    "scalar": ".lessons.one_weight",
    "naive": ".lessons.per_weight_cost",
    "diagram": ".lessons.diagram",
    "exercises": ".lessons.exercises",
    "examples": ".lessons.examples",
    "environment": ".lessons.environment",
}
_LAZY.update(
    {name: (module, None) for name, module in {**_LAZY_MODULES, **_COMPAT_MODULES}.items()}
)


def __getattr__(name: str):
    """Load a lesson, drawing, widget or symbolic name on first use (PEP 562)."""
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'backprop_lib' has no attribute {name!r}") from None
    module = import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value  # later lookups find it directly
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ACTIVATIONS",
    "CLASSIFIER_DEFAULTS",
    "DEEP_DEFAULTS",
    "DEEP_MOONS",
    "DIGITS_DEFAULTS",
    "GATES",
    "INIT_SCHEMES",
    "LOSS_NAMES",
    "MAX_SLOPE",
    "MLP",
    "MOONS",
    "ONE_WEIGHT",
    "REGIMES",
    "TWO_TWO_ONE",
    "BackwardStep",
    "DigitsData",
    "DigitsRun",
    "DivergenceError",
    "Panel",
    "ScalarTrajectory",
    "SymbolicNetwork",
    "Value",
    "accuracy",
    "activations",
    "backward_overwriting",
    "backward_steps",
    "best_time",
    "chain",
    "chain_cost",
    "chain_latex",
    "chain_network",
    "chain_panel",
    "check",
    "check_solution",
    "classifier",
    "classifier_panel",
    "confusion_matrix",
    "contraction_factor",
    "critical_rates",
    "cross_entropy_from_logits",
    "datasets",
    "deep_panel",
    "delta_bound",
    "digits_data",
    "digits_panel",
    "divergence_bound",
    "draw_backward_step",
    "draw_chain_descent",
    "draw_classifier",
    "draw_confusion_matrix",
    "draw_deep_network",
    "draw_depth_gradients",
    "draw_digits",
    "draw_first_layer_weights",
    "draw_gate_training",
    "draw_graph",
    "draw_graph_training",
    "draw_misclassified",
    "draw_network",
    "draw_regimes",
    "draw_scalar_descent",
    "draw_spread",
    "draw_training_curves",
    "environment_report",
    "fit_until_divergence",
    "gate_data",
    "gate_panel",
    "gates",
    "gaussian_mean",
    "gradcheck",
    "gradient_check",
    "graph_layout",
    "graph_panel",
    "init_weights",
    "layer_statistics",
    "lessons",
    "losses",
    "mlp",
    "moons_network",
    "multiplication_counts",
    "numerical_gradients",
    "one_hot",
    "one_weight_network",
    "per_weight_gradients",
    "predict",
    "predicted_spread",
    "print_environment_report",
    "probe",
    "probe_batch",
    "probe_network",
    "regime",
    "relative_error",
    "scalar_cost",
    "scalar_descent",
    "scalar_descent_panel",
    "scalar_gradient",
    "sequential_descent",
    "sgd",
    "sigmoid",
    "sigmoid_prime",
    "simultaneous_descent",
    "step_description",
    "symbolic",
    "symbolic_sigmoid",
    "timing",
    "train_classifier",
    "train_deep",
    "train_digits",
    "train_gate",
    "train_two_two_one_graph",
    "training",
    "two_moons",
    "two_two_one_graph",
    "two_two_one_network",
    "use_style",
    "value",
    "widgets",
]
