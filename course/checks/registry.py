"""Every exercise of the course by id, gathered from ``course.checks.chapters``.

A chapter module ``course/checks/chapters/chN_<topic>.py`` defines ``EXERCISES``, a list
of :class:`~course.checks.spec.Exercise`; ids start with ``"chN."``.
"""

import importlib
import pkgutil

from course.checks import chapters

_loaded = {}


def _chapter_modules():
    return sorted(m.name for m in pkgutil.iter_modules(chapters.__path__) if m.name.startswith("ch"))


def _load(module_name):
    if module_name not in _loaded:
        module = importlib.import_module(f"course.checks.chapters.{module_name}")
        for ex in module.EXERCISES:
            _loaded.setdefault("__all__", {})
            if ex.id in _loaded["__all__"]:
                raise ValueError(f"duplicate exercise id {ex.id}")
            _loaded["__all__"][ex.id] = ex
        _loaded[module_name] = module
    return _loaded[module_name]


def get(exercise_id):
    """The :class:`Exercise` with this id, e.g. ``"ch4.dense_backward"``."""
    prefix = exercise_id.split(".", 1)[0] + "_"
    for name in _chapter_modules():
        if name.startswith(prefix):
            _load(name)
    try:
        return _loaded["__all__"][exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}") from None


def all_exercises():
    """Every exercise of every chapter, in chapter order."""
    for name in _chapter_modules():
        _load(name)
    return list(_loaded.get("__all__", {}).values())
