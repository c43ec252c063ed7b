"""The hub test runs only where its dependencies are installed (``make hub-deps``); elsewhere
it is skipped with a one-line reason, and with BACKPROP_REQUIRE_HUB=1 (as .ci/run sets) that
becomes a failure instead."""

import pytest

from . import hubdriver


@pytest.fixture(scope="session")
def hub_available():
    reason = hubdriver.unavailable_reason()
    if reason is None:
        return
    if hubdriver.hub_required():
        pytest.fail(f"{reason}; {hubdriver.REQUIRE_ENV}=1 requires the hub test", False)
    pytest.skip(f"hub test: {reason}")
