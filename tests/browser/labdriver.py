"""Drive the notebooks' widgets in a real JupyterLab in Debian's Chromium, with Playwright.

One module shared by the browser tests (``tests/browser``), the latency benchmark
(``benchmarks/widget_latency.py``) and the README's screenshots (``tools/screenshots.py``):

* :func:`widget_notebooks` finds every notebook that displays a widget panel;
* :class:`LabServer` starts ``jupyter-lab`` from this venv on 127.0.0.1 (random free port,
  random token, every Jupyter/IPython/matplotlib directory in a temporary folder, a *copy*
  of ``notebooks/`` as its root so nothing in the repository is written) and stops it by PID;
* :func:`launch_chromium` starts the browser, :func:`open_and_run_all` opens a notebook and
  runs every cell, :func:`panels` reads each widget panel, and :meth:`PanelView.change`
  moves one slider and waits until the kernel has drawn the new plot.

Facts this relies on (measured, see the project's tooling notes): JupyterLab 4 renders
ipywidgets sliders as ``.widget-slider`` with a noUiSlider handle ``.noUi-handle`` and a
``.widget-readout``; an Output widget's PNG is ``.widget-output img``; the series' panels
(:class:`backprop_lib.lessons.panels.Panel`) show what the kernel drew with in ``.bp-panel-status``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
#: Debian's chromium (``apt-get install chromium``); override with $BACKPROP_CHROMIUM.
CHROMIUM = Path(os.environ.get("BACKPROP_CHROMIUM", "/usr/bin/chromium"))
#: Set to 1 (as ``.ci/run`` does) to make a missing browser a failure instead of a skip.
REQUIRE_ENV = "BACKPROP_REQUIRE_BROWSER"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The cell that displays a panel is marked like this (nbval cannot compare widget output).
WIDGET_MARK = "# NBVAL_IGNORE_OUTPUT"

# JupyterLab user settings for the isolated server: every cell in the DOM (no windowing),
# nothing ever saved (so "Run All" cannot write to any notebook), no news/update pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def widget_notebooks(notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Every ``NN_*.ipynb`` with a code cell marked ``# NBVAL_IGNORE_OUTPUT`` that calls a
    ``...panel(`` function: the notebooks whose widgets the browser tests must drive."""
    found = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and WIDGET_MARK in source and "panel(" in source:
                found.append(path)
                break
    return found


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here (one line), or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Python package playwright is not installed (pip install -e '.[browser]')"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server for one test session, rooted at a temporary copy of ``notebooks``.

    ``with LabServer() as lab:`` starts it and waits until ``/api/status`` answers; leaving
    the block stops it by its PID (SIGTERM, which also shuts down its kernels; SIGKILL to
    its process group if it has not exited after 20 s) and removes the temporary folder.
    """

    def __init__(self, notebooks: Path = NOTEBOOKS, startup_timeout: float = 60.0):
        self.notebooks, self.startup_timeout = notebooks, startup_timeout
        self.port = _free_port()
        self.token = secrets.token_urlsafe(32)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.root: Path | None = None

    def environment(self) -> dict[str, str]:
        """This process's environment with every Jupyter, IPython, matplotlib and XDG folder
        moved under the temporary folder (nothing written to the home directory)."""
        env = dict(os.environ)
        folders = {
            "JUPYTER_CONFIG_DIR": "jupyter-config",
            # The kernelspec still resolves to this venv's python: ipykernel's native spec and
            # the venv's share/jupyter are searched whatever JUPYTER_DATA_DIR is.
            "JUPYTER_DATA_DIR": "jupyter-data",
            "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
            "IPYTHONDIR": "ipython",
            "MPLCONFIGDIR": "matplotlib",
            "XDG_CONFIG_HOME": "xdg-config",
            "XDG_CACHE_HOME": "xdg-cache",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        }
        for name, folder in folders.items():
            path = self.tmp / folder
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        env["JUPYTERLAB_SETTINGS_DIR"] = str(self.tmp / "jupyter-config" / "lab" / "user-settings")
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        env.pop("JUPYTER_PLATFORM_DIRS", None)
        return env

    def start(self) -> LabServer:
        self.tmp = Path(tempfile.mkdtemp(prefix="backprop-lab-"))
        self.root = root = self.tmp / "root"
        shutil.copytree(self.notebooks, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
        env = self.environment()
        settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
        for name, values in LAB_SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        command = [
            str(Path(sys.executable).with_name("jupyter-lab")),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = (self.tmp / "server.log").open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter-lab exited early:\n{self.server_log()}")
            with contextlib.suppress(OSError):
                self.api("GET", "/api/status")
                return
            time.sleep(0.25)
        raise RuntimeError(f"jupyter-lab did not answer in {self.startup_timeout} s")

    def api(self, method: str, path: str):
        """Call the server's REST API with the token; the decoded JSON answer (or None)."""
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (between notebooks, so only one kernel runs at a time)."""
        for kernel in self.api("GET", "/api/kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def notebook_url(self, name: str) -> str:
        # A fresh workspace per page: no notebook opened earlier is reopened (with its kernel).
        workspace = re.sub(r"\W", "-", Path(name).stem) + "-" + secrets.token_hex(4)
        return (
            f"{self.url}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset&token={self.token}"
        )

    def server_log(self) -> str:
        return (self.tmp / "server.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if getattr(self, "log", None):
            self.log.close()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> LabServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright):
    """Debian's Chromium, headless, through Playwright (never ``playwright install``)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def new_page(browser, width: int = 1280, height: int = 1000):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(60_000)
    return page


# A code cell has run when its prompt shows a number; "[*]" is running, "[ ]" not run.
_RUN_STATE_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  const state = {cells: cells.length, running: 0, pending: 0, numbered: 0};
  for (const cell of cells) {
    const prompt = cell.querySelector('.jp-InputArea-prompt')?.textContent || '';
    const source = cell.querySelector('.jp-InputArea-editor .cm-content')?.textContent || '';
    if (prompt.includes('*')) state.running += 1;
    else if (/\\[\\d+\\]/.test(prompt)) state.numbered += 1;
    else if (source.trim()) state.pending += 1;
  }
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  state.idle = indicator?.getAttribute('data-status') === 'idle';
  return state;
}"""


def menu(page, top: str, item: str) -> None:
    """Click JupyterLab's menu ``top`` ▸ ``item``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def open_and_run_all(page, lab: LabServer, name: str, timeout_s: float = 300.0) -> dict:
    """Open ``notebooks/<name>`` in JupyterLab, wait for its kernel, clear the stored outputs,
    Run ▸ Run All Cells, and wait until the kernel is idle with every code cell run (or the
    run stopped at an error). Then save the (temporary) copy and return it as parsed JSON:
    the outputs exactly as the browser received them, for :func:`run_problems`."""
    notebook = lab.root / "notebooks" / name
    cells = len(json.loads(notebook.read_text(encoding="utf-8"))["cells"])
    page.goto(lab.notebook_url(name))
    select_kernel = page.locator(".jp-Dialog", has_text="Select Kernel")
    deadline = time.monotonic() + 90
    while True:  # until every cell is shown and the notebook's kernel is idle
        if select_kernel.count():  # JupyterLab may ask while its kernelspecs are loading
            select_kernel.locator(".jp-Dialog-button.jp-mod-accept").click()
        ready = page.evaluate(
            """(cells) => document.querySelectorAll('.jp-Notebook .jp-Cell').length === cells
                 && document.querySelector('.jp-Notebook-ExecutionIndicator')
                      ?.getAttribute('data-status') === 'idle'
                 && !/No Kernel/.test(document.querySelector('.jp-KernelName')?.textContent
                                      ?? 'No Kernel')""",
            cells,
        )
        if ready:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"{name} did not open with an idle kernel within 90 s")
        time.sleep(0.25)
    menu(page, "Edit", "Clear Outputs of All Cells")  # stored prompts would look "run"
    page.wait_for_function(f"() => ({_RUN_STATE_JS})().numbered === 0")
    menu(page, "Run", "Run All Cells")
    # Done when idle with nothing pending, or idle and unchanged for 3 s after cells ran
    # (a run that stops at an error leaves the cells after it pending).
    deadline, last_busy = time.monotonic() + timeout_s, time.monotonic()
    while True:
        state = page.evaluate(_RUN_STATE_JS)
        now = time.monotonic()
        if state["running"] or not state["idle"]:
            last_busy = now
        elif state["pending"] == 0 or (state["numbered"] and now - last_busy > 3):
            break
        if now > deadline:
            raise TimeoutError(f"{name}: Run All did not finish within {timeout_s} s: {state}")
        time.sleep(0.25)
    return save(page, notebook)


def save(page, notebook: Path) -> dict:
    """Save the open notebook (the temporary copy) and return its JSON."""
    before = notebook.stat().st_mtime_ns
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("ControlOrMeta+S")
    deadline = time.monotonic() + 30
    while notebook.stat().st_mtime_ns == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{notebook.name} was not saved within 30 s")
        time.sleep(0.1)
    time.sleep(0.2)
    return json.loads(notebook.read_text(encoding="utf-8"))


def run_problems(notebook: dict) -> list[str]:
    """What went wrong in a notebook run: error outputs, and code cells that did not run."""
    problems = []
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(
                    f"cell {number} raised {output['ename']}: {output['evalue']}\n{source[:300]}"
                )
        if source.strip() and cell.get("execution_count") is None:
            problems.append(f"cell {number} did not run:\n{source[:120]}")
    return problems


@dataclass
class Slider:
    description: str
    readout: str


@dataclass
class PanelView:
    """One :class:`backprop_lib.lessons.panels.Panel` in the page: its sliders, status and plot."""

    page: object
    index: int
    box: object = field(repr=False)

    @property
    def status(self):
        return self.box.locator(".bp-panel-status")

    @property
    def image(self):
        return self.box.locator(".widget-output img").first

    @property
    def slider_boxes(self):
        return self.box.locator(".widget-slider")

    def sliders(self) -> list[Slider]:
        return [
            Slider(
                box.locator(".widget-label").first.inner_text().strip(),
                # d3-format writes a minus sign (U+2212) where Python writes "-"
                box.locator(".widget-readout").first.inner_text().strip().replace("\u2212", "-"),
            )
            for box in self.slider_boxes.all()
        ]

    def status_text(self) -> str:
        return " ".join(self.status.inner_text().split())

    def image_src(self) -> str:
        return self.image.get_attribute("src") or ""

    def wait_for_plot(self) -> None:
        self.image.wait_for(state="visible")
        self.status.wait_for(state="visible")
        self.page.wait_for_function(
            "([status]) => /drawn with/.test(status.textContent)",
            arg=[self.status.element_handle()],
        )

    def press(self, slider: int, key: str) -> None:
        """Focus slider number ``slider``'s handle and press ``key`` (ArrowRight, End, …)."""
        handle = self.slider_boxes.nth(slider).locator(".noUi-handle").first
        handle.focus()
        handle.press(key)

    def at_max(self, slider: int) -> bool:
        handle = self.slider_boxes.nth(slider).locator(".noUi-handle").first
        now, high = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
        return now >= high

    def nudge(self, slider: int) -> None:
        """Move slider number ``slider`` one keyboard step: right, or left when at its max."""
        self.press(slider, "ArrowLeft" if self.at_max(slider) else "ArrowRight")

    def type_readout(self, slider: int, text: str) -> None:
        """Type ``text`` into slider number ``slider``'s readout and press Enter."""
        readout = self.slider_boxes.nth(slider).locator(".widget-readout").first
        readout.click()
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def change(self, slider: int, how, timeout_s: float = 30.0) -> tuple[str, str]:
        """Apply ``how(self, slider)`` and wait until both the status line and the plot image
        have changed (the kernel drew again). Returns the new (status text, image src)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        old_status, old_src = self.status_text(), self.image_src()
        how(self, slider)
        try:
            self._wait_for_redraw(old_status, old_src, timeout_s)
        except PlaywrightTimeout:
            raise AssertionError(
                f"no redraw within {timeout_s} s after moving slider {slider}: status "
                f"{'changed' if self.status_text() != old_status else 'unchanged'} "
                f"({self.status_text()!r}), plot image "
                f"{'changed' if self.image_src() != old_src else 'unchanged'}"
            ) from None
        return self.status_text(), self.image_src()

    def _wait_for_redraw(self, old_status: str, old_src: str, timeout_s: float) -> None:
        self.page.wait_for_function(
            """([box, oldStatus, oldSrc]) => {
                 const status = box.querySelector('.bp-panel-status');
                 const img = box.querySelector('.widget-output img');
                 const text = (status?.innerText || '').split(/\\s+/).join(' ').trim();
                 return img && img.complete && img.getAttribute('src') !== oldSrc
                        && text !== oldStatus && /drawn with/.test(text);
               }""",
            arg=[self.box.element_handle(), old_status, old_src],
            timeout=timeout_s * 1000,
            polling=50,
        )


def panels(page) -> list[PanelView]:
    """Every widget panel in the page: the box holding a ``.bp-panel-status`` line."""
    statuses = page.locator(".bp-panel-status")
    return [
        PanelView(page, i, statuses.nth(i).locator("xpath=..")) for i in range(statuses.count())
    ]


# Latency: from the key press reaching the slider to the new image decoded in the page,
# measured in the page's own clock (performance.now()).
_ARM_LATENCY_JS = """([box]) => {
  const img = box.querySelector('.widget-output img');
  const oldSrc = img ? img.getAttribute('src') : null;
  window.__bpLatency = {start: null, end: null};
  document.addEventListener('keydown', () => {
    if (window.__bpLatency.start === null) window.__bpLatency.start = performance.now();
  }, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const now = box.querySelector('.widget-output img');
    if (now && now.getAttribute('src') !== oldSrc) {
      observer.disconnect();
      now.decode().catch(() => null).then(() => { window.__bpLatency.end = performance.now(); });
    }
  });
  observer.observe(box, {subtree: true, childList: true, attributes: true});
}"""


def measure_change(panel: PanelView, slider: int, key: str, timeout_s: float = 60.0) -> float:
    """Press ``key`` on a slider; milliseconds from the key press reaching the page
    to the new plot image decoded in the page (then waits for the status line too)."""
    old_status = panel.status_text()
    panel.page.evaluate(_ARM_LATENCY_JS, [panel.box.element_handle()])
    panel.press(slider, key)
    panel.page.wait_for_function(
        "() => window.__bpLatency.end !== null", timeout=timeout_s * 1000, polling=20
    )
    latency = panel.page.evaluate("() => window.__bpLatency")
    panel.page.wait_for_function(
        "([status, old]) => status.innerText.split(/\\s+/).join(' ').trim() !== old",
        arg=[panel.status.element_handle(), old_status],
    )
    return latency["end"] - latency["start"]
