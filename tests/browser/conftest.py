"""Fixtures for the browser tests: one JupyterLab server and one Chromium per session.

Without Chromium or the playwright package these tests are skipped with a one-line reason;
with BACKPROP_REQUIRE_BROWSER=1 (as .ci/run sets) that becomes a failure instead.
"""

import pytest

from . import labdriver


@pytest.fixture(scope="session")
def browser_available():
    reason = labdriver.unavailable_reason()
    if reason is None:
        return
    if labdriver.browser_required():
        pytest.fail(f"{reason}; {labdriver.REQUIRE_ENV}=1 requires the browser tests", False)
    pytest.skip(f"browser tests: {reason}")


@pytest.fixture(scope="session")
def lab(browser_available):
    """A JupyterLab server on a copy of notebooks/, stopped by its PID at the end."""
    with labdriver.LabServer() as server:
        yield server


@pytest.fixture(scope="session")
def browser(browser_available, chromium_session):
    """The session's one Chromium (tests/conftest.py), shared with tests/site."""
    return chromium_session


@pytest.fixture
def page(browser, lab):
    """A fresh page; afterwards it is closed and the kernels it started are shut down."""
    page = labdriver.new_page(browser)
    yield page
    page.close()
    lab.shutdown_kernels()
