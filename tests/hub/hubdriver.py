"""Run a real JupyterHub on 127.0.0.1 and drive it as students do, over HTTP.

One module shared by the multi-user test (``tests/hub``) and the hub benchmarks
(``benchmarks/hub_load.py``, ``benchmarks/student_resources.py``):

* :class:`Hub` starts ``jupyterhub`` from this venv with ``configurable-http-proxy`` (installed
  by ``make hub-deps`` into ``.cache/hub-node``), a shared-password authenticator for the given
  users, and single-user servers started as local processes (``SimpleLocalProcessSpawner``:
  no system users needed, every home directory under a temporary folder). Every process it
  starts, and every process those start (proxy, single-user servers, kernels), carries one
  marker variable in its environment; :meth:`Hub.stop` stops the hub by its PID and then every
  marked process left, by PID and by process group, and removes the temporary folder.
* :class:`Student` is one person in a browser, without the browser: a ``requests`` session
  that opens an nbgitpuller link, logs in through the login form, presses *Launch server* on
  the page the hub shows, waits on the spawn-pending page, and does what nbgitpuller's page
  does in JavaScript (stream ``git-pull/api`` until ``finished``, then follow the redirect).
  :meth:`Student.run_notebook` then runs every code cell of a notebook in its own kernel
  through the single-user server's REST API (a session) and the kernel's websocket, as
  JupyterLab does, with the cookies and XSRF token the login gave it.
* :func:`series_origin` clones this repository's HEAD into a bare repository that the links
  point at (a local path; ``git clone`` of a path works as of a ``file://`` URL).

Facts this relies on (JupyterHub 6.1, nbgitpuller 1.3, measured): ``Spawner.env_keep`` keeps
only ``JUPYTERHUB_SINGLEUSER_APP`` by default, so PATH (git for nbgitpuller) is passed in
``Spawner.environment``; a user whose server is not running gets a 424 page whose *Launch*
link is ``/hub/spawn/<name>?next=...``; GET on that link spawns at once when there is no
options form; jupyter_server refuses to run as root without ``--allow-root``.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: configurable-http-proxy as ``make hub-deps`` installs it; override with $BACKPROP_CHP.
CHP = Path(
    os.environ.get("BACKPROP_CHP")
    or ROOT / ".cache" / "hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
)
#: Set to 1 (as ``.ci/run`` does) to make missing hub dependencies a failure instead of a skip.
REQUIRE_ENV = "BACKPROP_REQUIRE_HUB"
#: The folder nbgitpuller clones into: the last part of the repository's address.
SERIES = "backprop-notebooks"
MARKER = "BACKPROP_HUB_RUN"
#: Environment variables the single-user servers (and so the kernels) keep from this process.
KEEP = ("PATH", "LANG", "LC_ALL", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def unavailable_reason() -> str | None:
    """Why a hub cannot be started here (one line), or None when it can."""
    if not sys.platform.startswith("linux"):
        return "the hub harness reads /proc (Linux only)"
    for module in ("jupyterhub", "nbgitpuller", "psutil", "requests", "websocket"):
        if importlib.util.find_spec(module) is None:
            return f"Python package {module} is not installed (make hub-deps)"
    for script in ("jupyterhub", "jupyterhub-singleuser"):
        if not (BIN / script).is_file():
            return f"{BIN / script} not found (make hub-deps)"
    if not (CHP.is_file() and os.access(CHP, os.X_OK)):
        return f"configurable-http-proxy not found at {CHP} (make hub-deps)"
    for tool in ("node", "git"):
        if shutil.which(tool) is None:
            return f"{tool} is not on PATH"
    return None


def hub_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=60
    ).stdout.strip()


@dataclass
class Origin:
    """The repository a link points at: a bare clone of this repository's HEAD."""

    path: Path
    branch: str
    commit: str


def series_origin(parent: Path, source: Path = ROOT, branch: str = "course") -> Origin:
    """Clone ``source``'s HEAD (committed state only) into ``parent/backprop-notebooks`` as a
    bare repository with one branch ``branch`` at that commit."""
    commit = git("rev-parse", "HEAD", cwd=source)
    path = parent / SERIES
    git("clone", "--quiet", "--bare", str(source), str(path))
    git("branch", "--force", branch, commit, cwd=path)
    return Origin(path=path, branch=branch, commit=commit)


def git_pull_link(hub_url: str, repo: str, branch: str, notebook: str, app: str = "lab") -> str:
    """The nbgitpuller link that opens ``notebook`` (a path inside the repository) of
    ``repo``'s ``branch`` for whoever follows it on the hub at ``hub_url``."""
    target = repo.rstrip("/").split("/")[-1]
    urlpath = f"{app}/tree/{target}/{notebook}" if app == "lab" else f"tree/{target}/{notebook}"
    query = urlencode({"repo": repo, "branch": branch, "urlpath": urlpath})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


@dataclass
class Hub:
    """A JupyterHub for ``users`` (all with ``password``) on 127.0.0.1; use as a context manager.

    ``start`` returns once the hub answers through the proxy (``/hub/api``); ``stop`` ends
    every process started for it (see the module docstring) and removes its folder.
    """

    users: list[str]
    password: str = field(default_factory=lambda: "pw-" + secrets.token_urlsafe(12))
    startup_timeout: float = 60.0
    spawn_timeout: int = 120
    tmp: Path | None = None
    process: subprocess.Popen | None = None

    def __post_init__(self):
        self.port, self.hub_port, self.api_port = _free_ports(3)
        self.url = f"http://127.0.0.1:{self.port}"
        self.marker = secrets.token_hex(8)
        self.seen: dict[int, str] = {}  # every marked PID ever seen -> its role

    # -- configuration -----------------------------------------------------------------
    def home(self, user: str) -> Path:
        return self.tmp / "homes" / user

    def config(self) -> str:
        keep = {k: os.environ[k] for k in KEEP if k in os.environ}
        keep["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
        args = [
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if os.geteuid() == 0:
            args.append("--allow-root")
        return f"""# Written by tests/hub/hubdriver.py for one run; removed with its folder.
import os
homes = {str(self.tmp / "homes")!r}

def _in_home(*parts):
    return lambda spawner: os.path.join(homes, spawner.user.name, *parts)

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = {self.url!r}
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{self.hub_port}"
c.JupyterHub.db_url = "sqlite:///{self.tmp / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(self.tmp / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(self.tmp / "jupyterhub.pid")!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(32)!r}
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {self.password!r}
c.Authenticator.allowed_users = {set(self.users)!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(homes, "{{username}}")
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {self.spawn_timeout}
c.Spawner.http_timeout = {self.spawn_timeout}
c.Spawner.environment = {{
    **{keep!r},
    {MARKER!r}: {self.marker!r},
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    # The series' library from the pulled folder itself, at the same commit as the notebooks.
    "PYTHONPATH": _in_home({SERIES!r}),
    "IPYTHONDIR": _in_home(".ipython"),
    "MPLCONFIGDIR": _in_home(".config", "matplotlib"),
    "JUPYTER_CONFIG_DIR": _in_home(".jupyter"),
    "JUPYTER_DATA_DIR": _in_home(".local", "share", "jupyter"),
    "JUPYTER_RUNTIME_DIR": _in_home(".local", "share", "jupyter", "runtime"),
    "XDG_CONFIG_HOME": _in_home(".config"),
    "XDG_CACHE_HOME": _in_home(".cache"),
}}
"""

    # -- life cycle ------------------------------------------------------------------
    def start(self) -> Hub:
        self.tmp = Path(tempfile.mkdtemp(prefix="backprop-hub-"))
        (self.tmp / "homes").mkdir()
        config = self.tmp / "jupyterhub_config.py"
        config.write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env[MARKER] = self.marker
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
        self.log_file = (self.tmp / "jupyterhub.log").open("wb")
        self.process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=self.tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        import requests

        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited early:\n{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                answer = requests.get(f"{self.url}/hub/api", timeout=5)
                if answer.status_code == 200 and "version" in answer.json():
                    self.version = answer.json()["version"]
                    return
            time.sleep(0.25)
        raise RuntimeError(f"jupyterhub did not answer in {self.startup_timeout} s")

    def log_tail(self, chars: int = 6000) -> str:
        if self.tmp is None or not (self.tmp / "jupyterhub.log").exists():
            return ""
        return (self.tmp / "jupyterhub.log").read_text(errors="replace")[-chars:]

    def processes(self) -> list:
        """Every live process started for this hub (psutil.Process objects): found by the
        marker in its environment, so a process whose parent has died is found too."""
        import psutil

        found = []
        for process in psutil.process_iter():
            with contextlib.suppress(psutil.Error):
                if process.environ().get(MARKER) == self.marker:
                    found.append(process)
                    self.seen.setdefault(process.pid, role(process))
        return found

    def memory(self) -> dict[str, dict]:
        """Resident memory of the hub's processes now, by role: ``{role: {"count", "rss",
        "pss"}}`` in bytes (PSS shares each shared page among the processes mapping it)."""
        import psutil

        totals: dict[str, dict] = {}
        for process in self.processes():
            with contextlib.suppress(psutil.Error):
                info = process.memory_full_info()
                entry = totals.setdefault(role(process), {"count": 0, "rss": 0, "pss": 0})
                entry["count"] += 1
                entry["rss"] += info.rss
                entry["pss"] += getattr(info, "pss", info.rss)
        return totals

    def stop(self) -> list[int]:
        """Stop the hub by its PID (SIGTERM: it stops the servers and the proxy), then every
        marked process still alive by PID and process group (SIGTERM, then SIGKILL).
        Returns the PIDs that had to be ended here (after the hub's own shutdown)."""
        import psutil

        ended: list[int] = []
        try:
            if self.tmp is not None:
                self.processes()  # remember the tree as it was
            if self.process is not None and self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=10)
            if self.tmp is not None:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    left = self.processes()
                    if not left:
                        break
                    mine = {p.pid for p in left} | set(self.seen)
                    for process in left:
                        ended.append(process.pid)
                        with contextlib.suppress(psutil.Error, ProcessLookupError):
                            group = os.getpgid(process.pid)
                            if group in mine and group != os.getpgid(0):
                                os.killpg(group, sig)
                            process.send_signal(sig)
                    psutil.wait_procs(left, timeout=10)
        finally:
            if getattr(self, "log_file", None):
                self.log_file.close()
            if self.tmp is not None and not os.environ.get("BACKPROP_HUB_KEEP"):
                shutil.rmtree(self.tmp, ignore_errors=True)
        return sorted(set(ended))

    def __enter__(self) -> Hub:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def role(process) -> str:
    """hub, proxy, server or kernel, from a process's command line."""
    cmdline = " ".join(process.cmdline())
    if "ipykernel_launcher" in cmdline:
        return "kernel"
    if "jupyterhub-singleuser" in cmdline:
        return "server"
    if "configurable-http-proxy" in cmdline:
        return "proxy"
    if "jupyterhub" in cmdline:
        return "hub"
    return "other"


class StudentError(AssertionError):
    """A step a student takes went wrong (what, and what the server answered)."""


@dataclass
class CellResult:
    index: int
    source: str
    status: str
    seconds: float
    error: str = ""


@dataclass
class Student:
    """One student of ``hub``, with a browser's cookies but no browser."""

    hub: Hub
    name: str
    timeout: float = 120.0
    password: str | None = None  # the hub's own by default
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        import requests

        self.http = requests.Session()
        self.server = f"/user/{self.name}/"
        self.xsrf = ""

    def get(self, url: str, **kwargs):
        """GET a path on the hub (or a full URL) with this student's cookies."""
        return self.http.get(urljoin(self.hub.url, url), timeout=self.timeout, **kwargs)

    def _check(self, answer, what: str, status=(200,)):
        if answer.status_code not in status:
            raise StudentError(
                f"{self.name}: {what}: HTTP {answer.status_code} at {answer.url}\n"
                f"{answer.text[:1500]}"
            )
        return answer

    # -- login, spawn, pull ------------------------------------------------------------
    def open_link(self, link: str) -> Path:
        """Follow an nbgitpuller link as a student who is not logged in: log in, launch the
        server, wait, pull, land on the notebook. Returns the pulled folder."""
        start = time.monotonic()
        answer = self.get(link)
        if "/hub/login" not in answer.url:
            raise StudentError(f"{self.name}: the link did not ask for a login: {answer.url}")
        answer = self.login(answer)
        self.timings["login"] = time.monotonic() - start
        if answer.status_code == 424:  # "Server not running": press Launch
            match = re.search(r'href="([^"]*/hub/spawn/[^"]*)"', answer.text)
            if not match:
                raise StudentError(f"{self.name}: no Launch link on {answer.url}")
            answer = self.get(html.unescape(match.group(1)))
        answer = self._wait_for_server(answer)
        self.timings["spawn"] = time.monotonic() - start - self.timings["login"]
        pulled = self._pull(answer)
        self.timings["open_link"] = time.monotonic() - start
        return pulled

    def login(self, form_page):
        self._check(form_page, "login page")
        token = re.search(r'name="_xsrf" value="([^"]+)"', form_page.text)
        action = re.search(r'<form action="([^"]+)" method="post"', form_page.text)
        if not (token and action):
            raise StudentError(f"{self.name}: no login form at {form_page.url}")
        answer = self.http.post(
            urljoin(form_page.url, html.unescape(action.group(1))),
            data={
                "username": self.name,
                "password": self.password or self.hub.password,
                "_xsrf": html.unescape(token.group(1)),
            },
            timeout=self.timeout,
        )
        if "/hub/login" in urlsplit(answer.url).path:
            raise StudentError(f"{self.name}: login refused (HTTP {answer.status_code})")
        return answer

    def _wait_for_server(self, answer):
        """Reload the spawn-pending page (as its script does) until it sends us on."""
        deadline = time.monotonic() + self.hub.spawn_timeout + 30
        while "/hub/spawn-pending/" in urlsplit(answer.url).path:
            if time.monotonic() > deadline:
                raise StudentError(
                    f"{self.name}: server not ready after {self.hub.spawn_timeout} s"
                )
            if answer.status_code >= 500 or "Spawn failed" in answer.text:
                raise StudentError(f"{self.name}: spawn failed\n{self.hub.log_tail()}")
            time.sleep(0.5)
            answer = self.get(answer.url)
        return answer

    def _pull(self, status_page) -> Path:
        """Do what nbgitpuller's status page does in JavaScript: stream ``git-pull/api`` with
        the page's parameters until ``finished``, then open the page it redirects to."""
        self._check(status_page, "nbgitpuller page")
        if not urlsplit(status_page.url).path.startswith(self.server + "git-pull"):
            raise StudentError(f"{self.name}: expected nbgitpuller's page, got {status_page.url}")
        data = {
            key: unquote(html.unescape(value))
            for key, value in re.findall(r'data-([a-z-]+)="([^"]*)"', status_page.text)
        }
        self.xsrf = data["xsrf"]
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        if "branch" in data:
            params["branch"] = data["branch"]
        start = time.monotonic()
        events = []
        with self.http.get(
            urljoin(self.hub.url, data["base-url"] + "git-pull/api"),
            params=params,
            stream=True,
            timeout=self.timeout,
        ) as stream:
            self._check(stream, "git-pull/api")
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    event = json.loads(line[len("data: ") :])
                    events.append(event)
                    if event.get("phase") in ("finished", "error"):
                        break
        self.timings["pull"] = time.monotonic() - start
        if not events or events[-1].get("phase") != "finished":
            raise StudentError(f"{self.name}: nbgitpuller did not finish: {events[-3:]}")
        landing = self.get(data["base-url"] + data["path"])
        self._check(landing, "the page the link lands on")
        self.landing = landing.url
        return self.hub.home(self.name) / data["targetpath"]

    # -- the Jupyter server's API ----------------------------------------------------------
    def api(self, method: str, path: str, **kwargs):
        answer = self.http.request(
            method,
            urljoin(self.hub.url, self.server + "api/" + path),
            headers={"X-XSRFToken": self.xsrf},
            timeout=self.timeout,
            **kwargs,
        )
        return self._check(answer, f"{method} api/{path}", status=(200, 201, 204))

    def open_notebook(self, path: str) -> Kernel:
        """Open ``path`` (relative to the home folder) as JupyterLab does: read it through the
        contents API, start a session with a kernel, connect to the kernel's websocket."""
        start = time.monotonic()
        notebook = self.api("GET", f"contents/{path}", params={"content": "1"}).json()["content"]
        session = self.api(
            "POST",
            "sessions",
            json={"path": path, "name": Path(path).name, "type": "notebook", "kernel": {}},
        ).json()
        kernel = Kernel(self, session, notebook)
        kernel.connect()
        self.timings["open_notebook"] = time.monotonic() - start
        return kernel


def _decode_binary(frame: bytes) -> dict:
    """A kernel message sent as a binary websocket frame (it carries buffers): a count, then
    offsets (big-endian uint32), then the JSON message first."""
    (count,) = struct.unpack_from(">I", frame)
    offsets = struct.unpack_from(f">{count}I", frame, 4)
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode())


@dataclass
class Kernel:
    """A notebook's kernel reached through ``/api/kernels/<id>/channels``."""

    student: Student
    session: dict
    notebook: dict

    def connect(self) -> None:
        import requests
        import websocket

        kernel_id = self.session["kernel"]["id"]
        self.session_id = uuid.uuid4().hex
        http_url = urljoin(
            self.student.hub.url, f"{self.student.server}api/kernels/{kernel_id}/channels"
        )
        cookies = requests.Request("GET", http_url, cookies=self.student.http.cookies).prepare()
        self.ws = websocket.create_connection(
            "ws" + http_url[len("http") :] + f"?session_id={self.session_id}",
            cookie=cookies.headers.get("Cookie", ""),
            header=[f"X-XSRFToken: {self.student.xsrf}"],
            timeout=self.student.timeout,
        )
        deadline = time.monotonic() + self.student.timeout
        while True:  # the kernel answers kernel_info once it is up
            reply = self.request(
                "kernel_info_request", {}, deadline=min(deadline, time.monotonic() + 5)
            )
            if reply is not None:
                self.info = reply["content"]
                return
            if time.monotonic() > deadline:
                raise StudentError(f"{self.student.name}: kernel did not answer kernel_info")

    def _send(self, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "username": self.student.name,
                        "session": self.session_id,
                        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        return msg_id

    def _receive(self, deadline: float) -> dict | None:
        import websocket

        self.ws.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            frame = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return None
        return _decode_binary(frame) if isinstance(frame, bytes) else json.loads(frame)

    def request(self, msg_type: str, content: dict, deadline: float) -> dict | None:
        """Send a shell request; the reply, or None if none came before ``deadline``."""
        msg_id = self._send(msg_type, content)
        while time.monotonic() < deadline:
            msg = self._receive(deadline)
            if msg and msg["channel"] == "shell" and msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    def execute(self, code: str, timeout: float) -> tuple[str, str, str]:
        """Run ``code``; wait for its reply and for the kernel to go idle. Returns (status,
        text printed to stdout and as text/plain results, the error's traceback if any)."""
        msg_id = self._send(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        deadline = time.monotonic() + timeout
        status, idle, text, error = None, False, [], ""
        while status is None or not idle:
            if time.monotonic() > deadline:
                return "timeout", "".join(text), f"no reply within {timeout} s"
            msg = self._receive(deadline)
            if msg is None or msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "stream" and content["name"] == "stdout":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", "") + "\n")
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}\n" + "\n".join(
                    re.sub(r"\x1b\[[0-9;]*m", "", line) for line in content["traceback"]
                )
        return status, "".join(text), error

    def run_all(self, cell_timeout: float = 120.0) -> list[CellResult]:
        """Every code cell in order, as Run All does; stops at the first cell that fails."""
        results = []
        for index, cell in enumerate(self.notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            start = time.monotonic()
            status, _, error = self.execute(source, cell_timeout)
            results.append(CellResult(index, source, status, time.monotonic() - start, error))
            if status != "ok":
                break
        return results

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
        with contextlib.suppress(Exception):
            self.student.api("DELETE", f"sessions/{self.session['id']}")


@dataclass
class Outcome:
    """What happened to one student of :func:`run_class`."""

    name: str
    pulled: Path | None = None
    landing: str = ""
    commit: str = ""
    clean: bool = False
    library: str = ""
    code_cells: int = 0
    cells: list[CellResult] = field(default_factory=list)
    run_seconds: float = 0.0
    control: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    error: str = ""

    def problems(self) -> list[str]:
        """Every failed cell (with its traceback), or the step that went wrong."""
        found = [f"{self.name}: {self.error}"] if self.error else []
        for cell in self.cells:
            if cell.status != "ok":
                found.append(
                    f"{self.name}: cell {cell.index} {cell.status}: {cell.error[-2000:]}\n"
                    f"{cell.source[:300]}"
                )
        return found


LIBRARY_PROBE = "import os, backprop_lib\nprint(os.path.realpath(backprop_lib.__file__))"
CONTROL = "raise ValueError('negative control: the harness must see this error')"


def run_class(
    hub: Hub,
    users: list[str],
    link: str,
    notebook: str,
    timeout: float = 240.0,
    cell_timeout: float = 120.0,
) -> list[Outcome]:
    """Every user follows ``link`` (log in, launch, pull) in a thread of their own and opens
    ``notebook`` (a path inside the series) in a kernel of their own; once all are ready
    (a barrier), they all run every code cell at once. Each then runs a cell that raises, to
    show that a failing cell is seen. Bounded by ``timeout`` seconds in all."""
    # When all are ready, note every process running (kernels included) for Hub.stop.
    barrier = threading.Barrier(len(users), action=hub.processes, timeout=timeout)
    outcomes = {user: Outcome(user) for user in users}

    def work(user: str) -> None:
        out = outcomes[user]
        student = Student(hub, user, timeout=cell_timeout)
        try:
            out.pulled = student.open_link(link)
            out.landing = student.landing
            out.commit = git("rev-parse", "HEAD", cwd=out.pulled)
            out.clean = git("status", "--porcelain", cwd=out.pulled) == ""
            kernel = student.open_notebook(f"{SERIES}/{notebook}")
            try:
                status, text, error = kernel.execute(LIBRARY_PROBE, cell_timeout)
                out.library = text.strip() if status == "ok" else f"{status}: {error}"
                out.code_cells = sum(c["cell_type"] == "code" for c in kernel.notebook["cells"])
                barrier.wait()
                start = time.monotonic()
                out.cells = kernel.run_all(cell_timeout)
                out.run_seconds = time.monotonic() - start
                out.control = kernel.execute(CONTROL, cell_timeout)[0]
            finally:
                kernel.close()
        except BaseException as exc:
            barrier.abort()
            out.error = f"{type(exc).__name__}: {exc}"
        finally:
            out.timings = dict(student.timings)

    threads = [threading.Thread(target=work, args=(u,), daemon=True) for u in users]
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.start()
    for user, thread in zip(users, threads):
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            outcomes[user].error = outcomes[user].error or f"not finished within {timeout} s"
    return [outcomes[user] for user in users]
