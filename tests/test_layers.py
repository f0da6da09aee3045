"""The domain (content, live except its socket layer, store) imports no Flask (DESIGN.md: layers).

The check reads the imports of each domain module, those inside functions too, instead of
importing them: `classroom/__init__.py` and `classroom/live/__init__.py` are the app's wiring
and import Flask themselves, so `sys.modules` would say nothing about the module under test.
Following a domain module's imports of other classroom modules makes the check transitive.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "classroom"
WEB_ONLY = {"flask", "flask_socketio", "flask_babel", "werkzeug", "jinja2"}
NOT_DOMAIN = {"classroom.live", "classroom.live.sockets", "classroom.live.namespace"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def domain_modules() -> dict[str, Path]:
    found = {}
    for folder in ("content", "live", "store"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            name = module_name(path)
            if name not in NOT_DOMAIN:
                found[name] = path
    return found


DOMAIN = domain_modules()


def imported(name: str, path: Path) -> set[str]:
    """Return the absolute names of every module `path` imports, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from . import content` imports the module classroom.live.content, and
            # classroom.live only as the parent package every submodule has.
            for alias in node.names:
                target = f"{base}.{alias.name}"
                names.add(target if is_module(target) else base)
    return names


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative).with_suffix(".py").is_file() or (ROOT / relative).is_dir()


@pytest.mark.parametrize("name", sorted(DOMAIN))
def test_domain_module_imports_no_flask(name):
    wrong = []
    for target in sorted(imported(name, DOMAIN[name])):
        if target.split(".")[0] in WEB_ONLY:
            wrong.append(target)
        elif target.startswith("classroom") and is_module(target) and target not in DOMAIN:
            wrong.append(f"{target} (not a domain module)")
    assert not wrong, f"{DOMAIN[name].relative_to(ROOT)} imports {', '.join(wrong)}"


def test_the_check_sees_the_socket_layer_import_flask():
    path = PACKAGE / "live" / "sockets.py"
    assert "flask" in imported("classroom.live.sockets", path)
