"""The tools grading starts (nbgrader, alembic, jupyter) come from the interpreter it runs
in, never from the caller's PATH.

nbgrader starts ``alembic`` by name when it creates a gradebook; someone who runs
``.venv/bin/autograder`` (or ``make test``) has no ``.venv/bin`` on PATH. So this
interpreter's scripts folder goes first on PATH, for this process and for every
subprocess it starts.
"""

import os
import sysconfig


def scripts_folder():
    """The folder of this interpreter's console scripts (``.venv/bin`` in a venv)."""
    return sysconfig.get_path("scripts")


def tool_env(env=None):
    """A copy of ``env`` (default: this process's environment) whose PATH starts with
    :func:`scripts_folder`."""
    env = dict(os.environ if env is None else env)
    first = scripts_folder()
    rest = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != first]
    env["PATH"] = os.pathsep.join([first] + rest)
    return env


def use_interpreter_tools():
    """Put this interpreter's scripts folder first on this process's PATH (for the tools
    that libraries start by name)."""
    os.environ["PATH"] = tool_env()["PATH"]
