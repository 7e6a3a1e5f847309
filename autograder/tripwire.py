"""The worker's tripwire: notice when an exercise's own reference is called while that
exercise's cases run (untrusted side; the grader decides what it means).

Before any student code runs, each reference function of the notebook's exercises is
replaced, in every loaded ``course`` module and in the worker's copy of the exercise spec,
by a wrapper that behaves the same and records a call made while its exercise is armed,
unless the caller is the course library itself (a reference of another exercise may use
it). This is a tripwire, not a wall: code in the student's process can disarm it, which is
why the grader also checks statically (autograder.reference_use).
"""

import inspect
import os
import sys

import course


class Tripwire:
    def __init__(self, exercises):
        self._armed = None
        self.tripped = False
        self._originals = {}
        self._course_dir = os.path.dirname(course.__file__) + os.sep
        for ex in exercises:
            if inspect.isfunction(ex.reference):
                self._install(ex)

    def _install(self, exercise):
        original = exercise.reference
        wrapper = self._wrap(exercise.id, original)
        self._originals[exercise.id] = original
        for name, module in list(sys.modules.items()):
            if name == "course" or name.startswith(("course.", "course_checks_extra_")):
                for attr, value in list(vars(module).items()):
                    if value is original:
                        setattr(module, attr, wrapper)
        exercise.reference = wrapper

    def _wrap(self, exercise_id, function):
        tripwire = self

        def reference(*args, **kwargs):
            if tripwire._armed == exercise_id and \
                    not sys._getframe(1).f_code.co_filename.startswith(tripwire._course_dir):
                tripwire.tripped = True
            return function(*args, **kwargs)

        for attr in ("__name__", "__qualname__", "__doc__", "__module__"):
            setattr(reference, attr, getattr(function, attr))
        return reference

    def is_reference(self, exercise, obj):
        """Whether the student's object is the reference itself."""
        return obj is exercise.reference or obj is self._originals.get(exercise.id)

    def arm(self, exercise_id):
        self._armed, self.tripped = exercise_id, False

    def disarm(self):
        self._armed = None
        return self.tripped
