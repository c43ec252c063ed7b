"""Every widget notebook, run in JupyterLab in Chromium: each slider redraws the plot, and the
values the kernel drew with are the values the browser shows.

nbval cannot see this (it skips widget views), and the kernel alone never sees what the
browser sends back: a log slider snapping 0.007 to 0.00631 shows only here.
"""

import contextlib

import pytest

from . import labdriver

pytestmark = pytest.mark.browser

#: Initial readouts the curriculum fixes (the Q&A question's values), checked exactly in the browser.
EXPECTED_READOUTS = {
    "01_one_weight": {"learning rate": "0.007", "iterations": "20"},
}


@contextlib.contextmanager
def screenshot_on_failure(page, path):
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=True)
            print(f"screenshot of the failing page: {path}")
        raise


def assert_status_echoes_readouts(view):
    """The kernel's status line names each slider with exactly the browser's readout."""
    status = view.status_text()
    for slider in view.sliders():
        assert f"{slider.description} = {slider.readout}" in status, (slider, status)


@pytest.mark.parametrize("notebook", labdriver.widget_notebooks(), ids=lambda path: path.stem)
def test_every_slider_redraws_with_the_value_shown(notebook, lab, page, tmp_path):
    with screenshot_on_failure(page, tmp_path / f"{notebook.stem}.png"):
        run = labdriver.open_and_run_all(page, lab, notebook.name)
        assert labdriver.run_problems(run) == [], "the notebook did not run cleanly"

        views = labdriver.panels(page)
        assert views, "no widget panel (.bp-panel-status) in the page"
        for view in views:
            view.wait_for_plot()
            sliders = view.sliders()
            assert sliders, "a panel without sliders"
            assert_status_echoes_readouts(view)
            if view.index == 0:
                expected = EXPECTED_READOUTS.get(notebook.stem, {})
                shown = {s.description: s.readout for s in sliders}
                assert {k: shown.get(k) for k in expected} == expected

            for number, slider in enumerate(sliders):
                # By keyboard: one step (the plot and status must both change) ...
                _, image = view.change(number, lambda v, i: v.nudge(i))
                moved = view.sliders()[number]
                assert moved.readout != slider.readout, f"{slider.description} did not move"
                assert_status_echoes_readouts(view)
                # ... then the starting value typed into the readout, drawn exactly.
                _, back = view.change(
                    number, lambda v, i, text=slider.readout: v.type_readout(i, text)
                )
                assert back != image
                assert view.sliders()[number].readout == slider.readout
                assert_status_echoes_readouts(view)
