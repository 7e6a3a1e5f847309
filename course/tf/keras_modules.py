"""``course.tf.keras`` as a module path, so that ``tensorflow`` replaced by ``course.tf``
imports too: ``from course.tf.keras.applications import VGG16`` gives ``course.keras``'s
own ``VGG16``, not a copy of it.

``course.tf.keras`` is the package ``course.keras`` itself (``tf.keras``), so importing one
of its submodules as ``course.tf.keras.X`` would load ``course/keras/X.py`` again as a new
module, with new classes. This finder answers for those names instead: the module it loads
imports ``course.keras.X`` and puts that one in ``sys.modules`` under the alias, which is
what the import then returns (a module may replace itself in ``sys.modules`` while it runs).
"""

import importlib
import importlib.abc
import importlib.util
import sys

ALIAS, REAL = "course.tf.keras", "course.keras"


def real_name(fullname):
    """``"course.tf.keras.layers"`` -> ``"course.keras.layers"``; None for other names."""
    if fullname == ALIAS or fullname.startswith(ALIAS + "."):
        return REAL + fullname[len(ALIAS):]
    return None


class KerasAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``course.tf.keras[.X]`` as ``course.keras[.X]`` (an alias, never a copy)."""

    def find_spec(self, fullname, path=None, target=None):
        real = real_name(fullname)
        if real is None or importlib.util.find_spec(real) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return None  # the default module, replaced by the real one in exec_module

    def exec_module(self, module):
        sys.modules[module.__name__] = importlib.import_module(real_name(module.__name__))


def install():
    """Put the finder first on ``sys.meta_path`` (once): before the path finder, which would
    find ``course/keras/X.py`` through ``course.keras``'s path and load a copy."""
    if not any(isinstance(f, KerasAliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, KerasAliasFinder())
