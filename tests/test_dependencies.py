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
