"""The series' figure style: ``series.mplstyle`` beside this module (notebooks 01–08).

Every drawing function of the library applies it to the figure it builds (:func:`styled`),
whatever style the notebook has set, so the library's figures look alike and meet the
series' rules: no text below 10 pt at the stored figure size, the colour-blind-safe
``tableau-colorblind10`` colours, and each colour paired with its own line style.
``bp.use_style()`` (:func:`use_style`) makes it the default for a notebook's own figures.

Importing this module imports no matplotlib; using the style does.
"""

from __future__ import annotations

import functools
from pathlib import Path

#: The style file (matplotlib's ``.mplstyle`` format).
STYLE = Path(__file__).with_name("series.mplstyle")

#: The first colours of the style's cycle (tableau-colorblind10), for a drawing that picks one
#: by name. A cycle name such as ``"C3"`` would not do: matplotlib looks it up when the
#: figure is drawn, in whatever style is active then, not in the style the figure was made in.
BLUE, ORANGE, GREY, DARK_GREY, LIGHT_BLUE, DARK_ORANGE = (
    "#006BA4",
    "#FF800E",
    "#ABABAB",
    "#595959",
    "#5F9ED1",
    "#C85200",
)


def style_context():
    """A context manager in which matplotlib uses the series' style:
    ``with bp.lessons.style.style_context(): ...``."""
    import matplotlib.style

    return matplotlib.style.context(STYLE)


def use_style() -> None:
    """Make the series' style matplotlib's default in this kernel (``bp.use_style()``), for
    the figures a notebook draws itself; the library's drawings apply it anyway."""
    import matplotlib.style

    matplotlib.style.use(STYLE)


def styled(draw):
    """Decorate a drawing function so that the figure it builds uses the series' style
    (text sizes, colours and line styles are fixed when the artists are made, so the figure
    keeps the style when it is shown or saved later)."""

    @functools.wraps(draw)
    def draw_in_series_style(*args, **kwargs):
        with style_context():
            return draw(*args, **kwargs)

    return draw_in_series_style
