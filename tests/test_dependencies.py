"""Dependencies are declared once (pyproject.toml) and the lock (requirements/*.txt, `make lock`)
is generated from them: a pin changed on one side only fails here, without a network."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def locked(path: Path) -> dict[str, str]:
    """{package: version} of a uv-generated lock file (``name==version \\`` lines)."""
    pins = re.findall(r"^([A-Za-z0-9_.\[\],-]+)==([^\s;\\]+)", path.read_text(), re.MULTILINE)
    return {canonicalize_name(name.split("[")[0]): version for name, version in pins}


def declared(group: str | None = None) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["optional-dependencies"][group] if group else project["dependencies"]
    pins = {}
    for spec in specs:
        requirement = Requirement(spec)
        (version,) = (s.version for s in requirement.specifier if s.operator == "==")
        pins[canonicalize_name(requirement.name)] = version
    return pins


def test_every_runtime_pin_is_the_locked_version():
    lock = locked(ROOT / "requirements" / "base.txt")
    assert {name: lock.get(name) for name in declared()} == declared()


def test_every_test_pin_is_the_locked_version_and_the_runtime_lock_agrees():
    lock = locked(ROOT / "requirements" / "test.txt")
    wanted = declared() | declared("test")
    assert {name: lock.get(name) for name in wanted} == wanted
    base = locked(ROOT / "requirements" / "base.txt")
    assert {name: lock[name] for name in base} == base  # one version of each shared package


def test_the_lock_pins_every_package_with_hashes():
    for name in ("base.txt", "test.txt"):
        text = (ROOT / "requirements" / name).read_text()
        assert "--hash=sha256:" in text
        assert len(re.findall(r"^\S+==", text, re.MULTILINE)) == len(
            locked(ROOT / "requirements" / name)
        )


APP_CODE = ["nexushr", "roles", "salaries", "faqs", "sources", "editorial", "opendata", "deploy"]
LOCAL = {*APP_CODE, "bench", "tests", "manage"}


def imported_distributions(folders: list[str]) -> dict[str, set[str]]:
    """{distribution: modules importing it} for the third-party top-level imports in
    ``folders`` (a module can come from several distributions: any declared one will do)."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    providers = packages_distributions()
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in LOCAL:
                        continue
                    dists = " | ".join(sorted(canonicalize_name(d) for d in providers[top]))
                    found.setdefault(dists, set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_app_imports_only_what_pyproject_declares_for_it():
    """Code may not lean on a package that only arrives as another's dependency."""
    runtime = set(declared())
    undeclared = {
        dists: sorted(paths)
        for dists, paths in imported_distributions(APP_CODE).items()
        if not runtime & set(dists.split(" | "))
    }
    assert undeclared == {}
