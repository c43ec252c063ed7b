"""pyproject.toml and environment.yml list the same packages with the same ranges; binder/
holds the runtime of pyproject.toml only; the Makefile's lab command is safe; .ci/run runs the
README's test command."""

import os
import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent


def pyproject_requirements() -> dict[str, SpecifierSet]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    texts = project["dependencies"] + [
        text for extra in project["optional-dependencies"].values() for text in extra
    ]
    requirements = {Requirement(t).name.lower(): Requirement(t).specifier for t in texts}
    requirements["python"] = SpecifierSet(project["requires-python"])
    return requirements


def conda_requirements() -> tuple[dict[str, SpecifierSet], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda, pip = {}, []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            pip.extend(entry["pip"])
            continue
        name, _, spec = entry.partition(" ")
        conda[name.lower()] = SpecifierSet(spec.replace(" ", ""))
    conda.pop("pip")
    return conda, pip


def test_environment_yml_matches_pyproject():
    conda, pip = conda_requirements()
    assert conda == pyproject_requirements()
    assert pip == ["--editable ."]  # the library itself, from this checkout


def test_every_range_has_a_lower_bound_and_no_exact_pin():
    for name, spec in pyproject_requirements().items():
        operators = {s.operator for s in spec}
        assert ">=" in operators, f"{name} needs a lower bound known to work"
        assert "==" not in operators, f"{name} must not be pinned exactly"


def test_lab_listens_on_localhost_with_a_token():
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert "--ServerApp.ip=127.0.0.1" in lab
    assert "0.0.0.0" not in makefile
    assert '--IdentityProvider.token="$$token"' in lab
    assert re.search(
        r"token=\"\$\$\(\$\(BIN\)/python -c 'import secrets; print\(secrets\.token_urlsafe\(32\)\)'\)\"",
        lab,
    )
    assert "?token=$$token" in lab  # the address with the token is printed for the user
    assert "--allow-root" in lab and 'test "$$(id -u)" = 0' in lab
    assert "notebooks/00_start_here.ipynb" in lab


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme


BINDER = ROOT / "binder"


def binder_requirements() -> dict[str, SpecifierSet]:
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    requirements = [Requirement(text) for text in texts]
    assert len({r.name.lower() for r in requirements}) == len(requirements), "a package twice"
    return {r.name.lower(): r.specifier for r in requirements}


def test_binder_installs_the_runtime_and_jupyterlab_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = project["dependencies"] + project["optional-dependencies"]["lab"]
    expected = {Requirement(t).name.lower(): Requirement(t).specifier for t in runtime}
    assert binder_requirements() == expected
    development = {
        Requirement(t).name.lower()
        for extra in ("test", "browser")
        for t in project["optional-dependencies"][extra]
    }
    assert not development & set(binder_requirements())


def test_binder_installs_the_library_and_a_python_the_project_supports():
    postbuild = BINDER / "postBuild"
    assert os.access(postbuild, os.X_OK), "repo2docker runs binder/postBuild as a program"
    commands = [
        line.strip()
        for line in postbuild.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "python -m pip install --no-deps --no-cache-dir ." in commands
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert runtime.removeprefix("python-") in SpecifierSet(requires)
    # In binder/, repo2docker reads only binder/; a Dockerfile or environment.yml there would
    # take precedence over requirements.txt (and could bring back the development tools).
    others = {"Dockerfile", "environment.yml", "environment.yaml", "Pipfile", "setup.py"}
    assert not others & {p.name for p in BINDER.iterdir()}
    assert not (ROOT / ".binder").exists()


def test_readme_has_a_binder_link_to_the_first_notebook_of_this_repository():
    readme = (ROOT / "README.md").read_text()
    link = re.search(r"https://mybinder\.org/v2/gh/([^/]+/[^/]+)/[^)\s]+", readme)
    assert link, "README: a Binder badge and link"
    assert link.group(0).endswith("?urlpath=lab/tree/notebooks/00_start_here.ipynb")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    repository = project["urls"]["Repository"]
    assert repository.removeprefix("https://github.com/").rstrip("/") == link.group(1)


def test_hub_singleuser_requirements_match_pyproject():
    """tools/hub/singleuser-requirements.txt, the list a hub's single-user environment is
    built from (docs/jupyterhub.md), is the runtime dependencies, the lab extra, ipykernel,
    jupyterhub and nbgitpuller: the same names with the same ranges as pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(t) for t in project["dependencies"]]
    wanted += [Requirement(t) for t in project["optional-dependencies"]["lab"]]
    extras = project["optional-dependencies"]["test"] + project["optional-dependencies"]["hub"]
    wanted += [
        r
        for r in map(Requirement, extras)
        if r.name.lower() in {"ipykernel", "jupyterhub", "nbgitpuller"}
    ]
    lines = (ROOT / "tools" / "hub" / "singleuser-requirements.txt").read_text().splitlines()
    listed = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    assert {r.name.lower(): r.specifier for r in listed} == {
        r.name.lower(): r.specifier for r in wanted
    }
    assert len(listed) == len(wanted)  # no name twice
