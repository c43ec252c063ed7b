"""Which notebooks the browser tests drive (no browser needed)."""

import json

from . import labdriver


def write_notebook(path, *sources):
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": []} for s in sources]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))


def test_a_notebook_with_a_marked_panel_cell_is_a_widget_notebook(tmp_path):
    write_notebook(tmp_path / "01_a.ipynb", "x = 1", "# NBVAL_IGNORE_OUTPUT\nbp.widgets.a_panel()")
    write_notebook(tmp_path / "02_b.ipynb", "bp.widgets.a_panel()")  # not marked
    write_notebook(tmp_path / "03_c.ipynb", "# NBVAL_IGNORE_OUTPUT\nprint(time())")
    write_notebook(tmp_path / "scratch.ipynb", "# NBVAL_IGNORE_OUTPUT\nbp.widgets.a_panel()")
    assert labdriver.widget_notebooks(tmp_path) == [tmp_path / "01_a.ipynb"]


def test_the_series_widget_notebooks_are_found():
    names = [path.name for path in labdriver.widget_notebooks()]
    assert "01_one_weight.ipynb" in names
    assert "00_start_here.ipynb" not in names
