"""``course.tf.keras`` as a module path: ``tensorflow`` replaced by ``course.tf`` in an
import gives course.keras's own modules and classes, never second copies of them."""

import importlib
import sys

import pytest

import course.keras
import course.tf as tf


@pytest.mark.parametrize("name", ["", ".applications", ".layers", ".models", ".optimizers",
                                  ".optimizers.schedules", ".preprocessing.image",
                                  ".applications.vgg16", ".callbacks", ".utils"])
def test_course_tf_keras_modules_are_course_keras_modules(name):
    alias = importlib.import_module("course.tf.keras" + name)
    assert alias is importlib.import_module("course.keras" + name)
    assert alias.__name__ == "course.keras" + name  # the real module, untouched


def test_from_imports_give_the_same_classes():
    from course.tf.keras.applications import VGG16
    from course.tf.keras.layers import Dense
    from course.tf.keras.models import Model
    assert VGG16 is course.keras.applications.VGG16 is tf.keras.applications.VGG16
    assert Dense is course.keras.layers.Dense and Model is course.keras.Model
    modules = {id(m): m for m in list(sys.modules.values())}.values()  # aliases once
    files = [m.__file__ for m in modules if getattr(m, "__file__", None)
             and "course/keras" in m.__file__.replace("\\", "/")]
    assert len(files) == len(set(files)), "a course.keras file was loaded twice"


def test_a_missing_module_is_an_import_error():
    with pytest.raises(ModuleNotFoundError, match="course.tf.keras.no_such_module"):
        importlib.import_module("course.tf.keras.no_such_module")
