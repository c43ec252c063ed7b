"""Shared test data: the series' one thread of numbers, from the Q&A question."""

import pytest

#: The Q&A question's example: input x = a^(L-1), starting weight, target y* = a^(L)*, rate R, steps.
QA_X, QA_W0, QA_TARGET, QA_LR, QA_ITERATIONS = 5.7, -23.1, 50.1, 0.007, 20

#: The 20 iterates exactly as the Q&A question's MATLAB session printed them (5 significant digits).
QA_PRINTED = (
    "-8.5948 -0.68736 3.6233 5.9732 7.2542 7.9525 8.3332 8.5408 8.6539 8.7156 "
    "8.7492 8.7675 8.7775 8.7829 8.7859 8.7875 8.7884 8.7889 8.7892 8.7893"
).split()


@pytest.fixture
def qa_example():
    return QA_X, QA_W0, QA_TARGET, QA_LR, QA_ITERATIONS


@pytest.fixture(scope="session")
def chromium_session():
    """One headless Chromium (Playwright) for the whole test session, shared by tests/browser
    and tests/site: Playwright's sync API cannot be started a second time while one is open in
    the same process. Skipped without Chromium or playwright, a failure with
    BACKPROP_REQUIRE_BROWSER=1."""
    from tests.browser import labdriver

    reason = labdriver.unavailable_reason()
    if reason is not None:
        if labdriver.browser_required():
            pytest.fail(f"{reason}; {labdriver.REQUIRE_ENV}=1 requires the browser tests", False)
        pytest.skip(f"browser tests: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = labdriver.launch_chromium(playwright)
        yield browser
        browser.close()
