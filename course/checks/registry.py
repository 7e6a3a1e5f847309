"""Every exercise of the course by id, gathered from ``course.checks.chapters``.

A chapter package ``course/checks/chapters/chN_<topic>/`` holds one module per exercise
(spec, cases, call adapter, catalogued mistakes) and lists them in ``EXERCISES``, a list of
:class:`~course.checks.spec.Exercise`; ids start with ``"chN."``.

Extra spec modules (a test chapter, a course's own additions) are named in the
environment variable ``COURSE_CHECKS_EXTRA``: a comma-separated list of module names
(``mypkg.more_specs``) or paths of ``.py`` files, each defining ``EXERCISES`` like a
chapter. They are loaded after the chapters, by :func:`all_exercises` and by :func:`get`.
"""

import importlib
import importlib.util
import os
import pkgutil
import sys

from course.checks import chapters
from course.checks.spec import Exercise

EXTRA_ENV = "COURSE_CHECKS_EXTRA"

_loaded = {}


def _chapter_modules():
    return sorted(m.name for m in pkgutil.iter_modules(chapters.__path__) if m.name.startswith("ch"))


def _extra_modules():
    """The entries of ``$COURSE_CHECKS_EXTRA``: module names or ``.py`` paths."""
    return [entry.strip() for entry in os.environ.get(EXTRA_ENV, "").split(",") if entry.strip()]


def _import_extra(entry):
    if not entry.endswith(".py"):
        return importlib.import_module(entry)
    name = "course_checks_extra_" + "".join(c if c.isalnum() else "_" for c in
                                            os.path.splitext(os.path.abspath(entry))[0])
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, entry)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _load(module_name, extra=False):
    if module_name not in _loaded:
        module = (_import_extra(module_name) if extra
                  else importlib.import_module(f"course.checks.chapters.{module_name}"))
        for ex in module.EXERCISES:
            _loaded.setdefault("__all__", {})
            if ex.id in _loaded["__all__"]:
                raise ValueError(f"duplicate exercise id {ex.id}")
            _loaded["__all__"][ex.id] = ex
        _loaded[module_name] = module
    return _loaded[module_name]


def get(exercise_id: str) -> Exercise:
    """The :class:`Exercise` with this id, e.g. ``"ch4.dense_backward"``."""
    prefix = exercise_id.split(".", 1)[0] + "_"
    for name in _chapter_modules():
        if name.startswith(prefix):
            _load(name)
    if exercise_id not in _loaded.get("__all__", {}):
        for entry in _extra_modules():
            _load(entry, extra=True)
    try:
        return _loaded["__all__"][exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}") from None


def all_exercises() -> list:
    """Every exercise of every chapter, in chapter order, then those of the extra modules."""
    for name in _chapter_modules():
        _load(name)
    for entry in _extra_modules():
        _load(entry, extra=True)
    return list(_loaded.get("__all__", {}).values())
