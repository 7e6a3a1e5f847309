"""How the exercise specs are laid out: one package per chapter, one module per exercise,
one naming convention for catalogued mistakes, every reference in the library."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from course.checks import chapters, registry

EXERCISES = registry.all_exercises()
CHAPTERS = sorted(m.name for m in pkgutil.iter_modules(chapters.__path__))
ROOT = Path(__file__).resolve().parents[1]


def mistake_identifier(name):
    """``"1/N missing"`` -> ``"1_n_missing"``: a mistake's name as the tail of its mutant's."""
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", name.lower())).strip("_")


def exercise_module(exercise):
    package = next(c for c in CHAPTERS if c.startswith(exercise.id.split(".")[0] + "_"))
    return f"course.checks.chapters.{package}.{exercise.id.split('.', 1)[1]}"


def test_every_chapter_is_a_package_of_one_module_per_exercise():
    assert CHAPTERS and all(m.ispkg for m in pkgutil.iter_modules(chapters.__path__))
    for chapter in CHAPTERS:
        package = importlib.import_module(f"course.checks.chapters.{chapter}")
        modules = {m.name for m in pkgutil.iter_modules(package.__path__)} - {"shared"}
        names = {ex.id.split(".", 1)[1] for ex in package.EXERCISES}
        assert modules == names, f"{chapter}: modules {sorted(modules)}, exercises {sorted(names)}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_an_exercise_module_holds_its_spec_cases_call_and_mistakes(exercise):
    module = importlib.import_module(exercise_module(exercise))
    specs = [v for v in vars(module).values() if v is exercise]
    assert specs, f"{exercise.id} is not defined in {module.__name__}"
    shared = module.__name__.rsplit(".", 1)[0] + ".shared"
    assert exercise.make_cases.__module__ in (module.__name__, shared)
    for mistake in exercise.mistakes:
        assert mistake.mutant.__module__ == module.__name__, mistake.name


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_mutants_are_named_exercise__mistake(exercise):
    for mistake in exercise.mistakes:
        assert mistake.mutant.__name__ == f"{exercise.name}__{mistake_identifier(mistake.name)}"


def test_the_naming_rule_tells_a_stray_name_from_a_conforming_one():
    def relu_backward__forgot_the_mask(dout, cache):
        return dout

    def _wrong_mask(dout, cache):
        return dout

    assert relu_backward__forgot_the_mask.__name__ == \
        f"relu_backward__{mistake_identifier('forgot the mask')}"
    assert _wrong_mask.__name__ != f"relu_backward__{mistake_identifier('wrong mask')}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_reference_lives_in_the_library_under_its_own_name(exercise):
    reference = exercise.reference
    module_name = reference.__module__
    assert module_name.startswith("course.") and not module_name.startswith("course.checks"), \
        f"{exercise.id} is graded against {module_name}.{reference.__qualname__}"
    found = importlib.import_module(module_name)
    for part in reference.__qualname__.split("."):
        found = getattr(found, part)
    assert found is reference


def test_notebooks_import_references_by_their_library_names():
    for path in sorted((ROOT / "solutions").glob("ch*.ipynb")):
        text = path.read_text()
        assert "course.checks.chapters" not in text, path.name
        assert ").reference" not in text, path.name


def test_shared_case_helpers_are_imported_not_copied():
    copies = []
    for path in (ROOT / "course" / "checks" / "chapters").rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") in (
                    "randn", "as_layout", "dims", "rows_of_magnitudes", "first_of_pair",
                    "none_or_described", "backward_reading_cache"):
                copies.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert not copies, copies
