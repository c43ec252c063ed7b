"""Re-execute notebooks top to bottom in a fresh kernel and store their outputs (`make notebooks`).

The kernel is this interpreter (the project's .venv), whatever kernelspecs the machine has,
and cells run from the notebook's own folder, exactly as nbval runs them in `make test`.

    python tools/run_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient


class CurrentEnvironment(KernelSpecManager):
    """Every kernel name resolves to an IPython kernel of this very interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (ipykernel)",
            language="python",
            resource_dir="",
        )


def execute(path: Path, timeout: int) -> float:
    """Execute the notebook at ``path`` in place; return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    elapsed = execute_notebook(notebook, path.parent, timeout)
    nbformat.write(notebook, path)
    return elapsed


def execute_notebook(notebook: nbformat.NotebookNode, folder: Path, timeout: int) -> float:
    """Execute ``notebook`` (in memory, outputs stored in it) in a fresh kernel of this
    interpreter, its cells running in ``folder``; stop the kernel; return the seconds it took.
    An error in a cell raises ``nbclient.exceptions.CellExecutionError``."""
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvironment())
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
    )
    start = time.perf_counter()
    try:
        client.execute()
    finally:  # nbclient leaves a kernel it was handed (km=...) running: stop it here
        if client.kc is not None:
            client.kc.stop_channels()  # and its sockets open
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args()
    for path in args.notebooks:
        print(f"{path}: ", end="", flush=True)
        print(f"executed in {execute(path, args.timeout):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
