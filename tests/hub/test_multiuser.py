"""A class of five on a real JupyterHub: each student logs in through the login form, opens
the series through an nbgitpuller link to a clone of this repository's HEAD, and all five run
every cell of notebook 05 at the same moment, each in a kernel of their own.

Runs where ``make hub-deps`` has installed the hub (JupyterHub, nbgitpuller,
configurable-http-proxy); .ci/run installs it and sets BACKPROP_REQUIRE_HUB=1.
"""

import os
import time

import pytest

from . import hubdriver

pytestmark = pytest.mark.hub

USERS = [f"student{n}" for n in range(1, 6)]
LINKED = "notebooks/00_start_here.ipynb"  # what the link opens
RUN = "notebooks/05_matrix_backprop.ipynb"  # what everybody runs at once


def test_wrong_password_is_refused(hub_available):
    with hubdriver.Hub(USERS[:1], startup_timeout=60) as hub:
        student = hubdriver.Student(hub, USERS[0], timeout=30, password=hub.password + "x")
        login_page = student.get("/hub/login")
        with pytest.raises(hubdriver.StudentError, match="login refused"):
            student.login(login_page)
        # The right password, from a session of its own (its own cookies and XSRF token).
        right = hubdriver.Student(hub, USERS[0], timeout=30)
        assert right.login(right.get("/hub/login"))


def test_five_students_pull_the_series_and_run_notebook_05_at_once(hub_available, tmp_path):
    started = time.monotonic()
    origin = hubdriver.series_origin(tmp_path)
    assert origin.commit == hubdriver.git("rev-parse", "HEAD", cwd=hubdriver.ROOT)
    hub = hubdriver.Hub(USERS, startup_timeout=60, spawn_timeout=120)
    with hub:
        link = hubdriver.git_pull_link(hub.url, str(origin.path), origin.branch, LINKED)
        outcomes = hubdriver.run_class(hub, USERS, link, RUN, timeout=240, cell_timeout=120)
    # Everything the hub started is gone, found by PID through the marker in its environment.
    assert hub.process.poll() is not None
    assert hub.processes() == []
    roles = sorted(hub.seen.values())
    assert [roles.count(r) for r in ("hub", "proxy", "server", "kernel")] == [1, 1, 5, 5], roles

    problems = [p for out in outcomes for p in out.problems()]
    assert not problems, "\n\n".join(problems) + "\n\nhub log:\n" + hub.log_tail()
    for out in outcomes:
        pulled = out.pulled
        assert pulled is not None and pulled.name == hubdriver.SERIES
        assert out.landing.endswith(f"/user/{out.name}/lab/tree/{hubdriver.SERIES}/{LINKED}")
        # The series pulled is the one at HEAD, unmodified, and its own library is imported.
        assert out.commit == origin.commit, f"{out.name} pulled {out.commit}"
        assert out.clean, f"{out.name}: the pulled folder differs from its commit"
        assert out.library == os.path.realpath(pulled / "backprop_lib" / "__init__.py")
        assert out.code_cells > 0 and len(out.cells) == out.code_cells
        assert all(cell.status == "ok" for cell in out.cells)
        assert out.control == "error"  # a failing cell would have been seen
    seconds = sorted(out.run_seconds for out in outcomes)
    print(
        f"\n5 students: notebook 05 at once in {seconds[0]:.1f}–{seconds[-1]:.1f} s each; "
        f"whole test {time.monotonic() - started:.0f} s"
    )
