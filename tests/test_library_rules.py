"""Rules of the library's shape: modules of at most 400 lines, one meaning per name in
course.ops, no private name imported from another module, type hints on the public ops and
checks API, one central-difference helper for the tests, and Chapter 4's order."""

import ast
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import course.ops
from course.checks import get, registry

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def modules(*folders):
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_no_module_in_course_or_autograder_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in modules("course", "autograder")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def private_imports(path):
    """``from course.x import _name``: a private name taken from another module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("course"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_no_module_imports_a_private_name_of_another(tmp_path):
    found = {str(p.relative_to(ROOT)): private_imports(p)
             for p in modules("course/ops", "course/checks") if private_imports(p)}
    assert not found, found
    stray = tmp_path / "stray.py"
    stray.write_text("from course.ops.im2col import _pair\n")
    assert private_imports(stray) == ["course.ops.im2col._pair"]


def public_functions(package):
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if inspect.isfunction(value) and not name.startswith("_") and \
                    value.__module__ == module.__name__ and not hasattr(value, "py_func"):
                yield module.__name__, name, value


def test_one_meaning_per_name_in_ops():
    seen = {}
    for module, name, function in public_functions(course.ops):
        seen.setdefault(name, set()).add(module)
    shared = {name: sorted(where) for name, where in seen.items() if len(where) > 1}
    assert shared == {"train_step": ["course.ops.sequential", "course.ops.two_layer_net"]}, \
        shared  # the exercises of chapters 4 and 7, one per model, each with its own module


def unannotated(function):
    signature = inspect.signature(function)
    missing = [p for p, v in signature.parameters.items() if v.annotation is v.empty]
    if signature.return_annotation is signature.empty:
        missing.append("return")
    return missing


def test_public_ops_and_checks_functions_have_type_hints():
    import course.checks
    checks_api = [(f"course.checks.{m}", n, f) for m in ("cases", "calls", "registry", "plain",
                                                          "spec")
                  for n, f in vars(importlib.import_module(f"course.checks.{m}")).items()
                  if inspect.isfunction(f) and not n.startswith("_")
                  and f.__module__ == f"course.checks.{m}"]
    missing = {f"{m}.{n}": unannotated(f) for m, n, f in
               list(public_functions(course.ops)) + checks_api if unannotated(f)}
    assert not missing, missing
    assert course.checks.get is registry.get

    def untyped(x, dout):
        return x
    assert unannotated(untyped) == ["x", "dout", "return"]


def test_the_tests_have_one_central_difference_helper():
    pattern = re.compile(r"/\s*\(2\s*\*\s*(eps|h|H)\)")
    # test_checks_rules.py writes students' own answers to the gradient-checking exercise
    students = {"test_checks_rules.py"}
    copies = [p.name for p in (ROOT / "tests").glob("*.py")
              if p.name not in students and pattern.search(p.read_text())]
    assert copies == [], copies
    assert "numerical_gradient_array" in (ROOT / "tests" / "gradcheck.py").read_text()


def test_chapter_4_checks_gradients_before_the_backward_passes():
    order = [ex.id for ex in registry.all_exercises() if ex.id.startswith("ch4.")]
    assert order[:2] == ["ch4.numerical_gradient_array", "ch4.relative_error"]
    backward = [i for i, e in enumerate(order) if e.endswith("_backward")]
    assert backward and min(backward) > 1
    notebook = json.loads((ROOT / "solutions" / "ch04_backprop.ipynb").read_text())
    answers = [c["metadata"]["nbgrader"]["grade_id"] for c in notebook["cells"]
               if c["metadata"].get("nbgrader", {}).get("solution")]
    assert answers == [get(e).name + "_answer" for e in order]


def test_the_student_runs_their_own_checker_on_their_own_backward_passes():
    notebook = json.loads((ROOT / "solutions" / "ch04_backprop.ipynb").read_text())
    cells = ["".join(c["source"]) for c in notebook["cells"]]
    backward = [name for name in ("dense_backward", "relu_backward", "sigmoid_backward",
                                  "softmax_cross_entropy_backward")]
    answer = {name: next(i for i, s in enumerate(cells) if s.startswith(f"def {name}("))
              for name in backward + ["numerical_gradient_array", "relative_error"]}
    for name in backward:
        runs = [i for i, s in enumerate(cells) if "check_with_your_checker(" in s
                and f"{name}(" in s and not s.startswith("def ")]
        assert runs and runs[0] > answer[name] > answer["relative_error"], name
        assert "_ref" not in cells[runs[0]] and "ops." + name not in cells[runs[0]], name
    helper = next(s for s in cells if s.startswith("def check_with_your_checker("))
    assert "numerical_gradient_array(" in helper and "relative_error(" in helper
    assert "_ref" not in helper
