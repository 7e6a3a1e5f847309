"""Grading submissions in isolation: the student's code runs in a sandboxed worker, only
plain data crosses back, and every score is computed on the grader's side.

Commands (``autograder ...`` or ``python -m autograder ...``): ``release``, ``grade``,
``feedback``, ``export``, ``isolation``. See ``autograder/README.md``.

This file stays empty on purpose: ``tests/`` holds a data folder also named
``autograder``, and when ``tests/`` comes first on ``sys.path`` Python may import this
package as a namespace package, skipping this file.
"""
