"""The lessons: one module per notebook (its model, runs and drawing) and what they share.

================== ===================================================================
module             what it holds
================== ===================================================================
``one_weight``     notebook 01: gradient descent on one weight, its regimes, its drawing
``two_weights``    notebook 02: two weights in a chain, both update schemes, the drawing
``logic_gates``    notebook 03: AND and XOR learned by a 2-2-1 network, the drawing
``per_weight_cost`` notebook 04: the chain rule for each weight on its own, its cost
``moons``          notebook 05: the two-moons classifier and its drawing
``deep_networks``  notebook 07: gradients through depth, initial scales, the panel
``digits``         notebook 08: the handwritten digits, mini-batch SGD, drawings, panel
``computational_graph`` notebook 06: the 2-2-1 network as a graph, the backward pass by steps
``figures``        the figure helpers every drawing shares
``style``          the series' matplotlib style (``series.mplstyle``), applied by every drawing
``diagram``        ``draw_network``: a network drawn with its weights and gradients
``panels``         the ipywidgets panels (sliders that redraw a drawing)
``checking``       the exercise checker: ``check``, ``register``, number and code exercises
``exercises``      every notebook's exercises (``nb00.py`` …), registered with the checker
``examples``       the series' thread of numbers (one weight, the 2-2-1 network)
``environment``    notebook 00's check of the installed packages
``timing``         ``best_time`` for the times notebooks print
================== ===================================================================

Lessons use only the core's public names (``backprop_lib.MLP`` and friends); the core never
imports a lesson. Each module loads on first use (``backprop_lib.lessons.moons``), so
importing this package imports nothing heavy.
"""

from importlib import import_module

_MODULES = (
    "one_weight",
    "two_weights",
    "logic_gates",
    "per_weight_cost",
    "moons",
    "deep_networks",
    "digits",
    "computational_graph",
    "figures",
    "style",
    "diagram",
    "panels",
    "checking",
    "exercises",
    "examples",
    "environment",
    "timing",
)

__all__ = list(_MODULES)


def __getattr__(name: str):
    if name in _MODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'backprop_lib.lessons' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULES))
