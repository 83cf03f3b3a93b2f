"""The package layout shows the pipeline: no module imports a module of a later stage."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "briefing"
# Stages in the order data flows; the shared base comes first, the orchestrator and CLI last.
ORDER = ("base", "read", "clean", "extract", "bilingual", "archive", "compose", "render", "deliver", "top")
BASE = {"errors", "models", "config", "primitives", "__init__"}
TOP = {"pipeline", "cli", "report", "__main__"}


def stage_of(module: str) -> str:
    """Return the stage a dotted module name under briefing belongs to."""
    parts = module.split(".")
    assert parts[0] == "briefing", module
    head = parts[1] if len(parts) > 1 else "__init__"
    if head in BASE:
        return "base"
    if head in TOP:
        return "top"
    assert head in ORDER, f"briefing.{head} is in no stage: add it to tests/test_layout.py ORDER"
    return head


def module_name(path: Path) -> str:
    """Return the dotted name of a module file under the package."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imported(path: Path, name: str | None = None) -> set[str]:
    """Return every briefing module a file imports, at the top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("briefing"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("briefing"):
                continue
            found.add(base)
            # `from briefing import render` imports the module briefing.render
            found.update(f"{base}.{a.name}" for a in node.names
                         if (PACKAGE.parent / base.replace(".", "/") / a.name).is_dir()
                         or (PACKAGE.parent / base.replace(".", "/") / f"{a.name}.py").is_file())
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def later_imports(path: Path, name: str) -> list[str]:
    """Return the modules of later stages that a module imports."""
    mine = ORDER.index(stage_of(name))
    return sorted(m for m in imported(path, name) if ORDER.index(stage_of(m)) > mine)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    later = later_imports(path, module_name(path))
    assert not later, f"{module_name(path)} imports later stages: {later}"


def test_base_modules_import_no_stage() -> None:
    for path in MODULES:
        if stage_of(module_name(path)) == "base" and module_name(path) != "briefing":
            stages = {stage_of(m) for m in imported(path)}
            assert stages <= {"base"}, f"{module_name(path)} imports {stages - {'base'}}"


def test_every_stage_package_names_its_input_and_output() -> None:
    for stage in ORDER[1:-1]:
        init = PACKAGE / stage / "__init__.py"
        if not init.exists():
            continue  # a stage that has not landed yet
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "→" in doc, f"briefing/{stage}/__init__.py: the docstring should say 'Input → Output'"


def test_the_checker_sees_backward_imports_at_top_and_inside_functions(tmp_path: Path) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text("from briefing.models import Source\n"
                    "def f():\n    from briefing import render\n    from .. import compose\n", encoding="utf-8")
    assert later_imports(fake, "briefing.read.fake") == ["briefing.compose", "briefing.render"]
    assert later_imports(fake, "briefing.deliver.fake") == []
