"""Open the course in JupyterLab: the student's lab, or the instructor's.

    python -m course.lab                 # the student's lab on notebooks/
    python -m course.lab --instructor    # the instructor's lab on the course folder

nbgrader is installed with the course (the autograder uses it), and with it come its lab
extensions: the "Create Assignment" sidebar, the Formgrader and Assignments menus. A
student needs none of them, nor JupyterLab's news pop-up, so the student's lab starts with
them switched off: a config folder of the course's own (in the user's cache,
``~/.cache/course/student-jupyter``), put first on ``JUPYTER_CONFIG_PATH`` for this server
only, disables nbgrader's lab extension and server extensions and the announcements
plugin. The user's own Jupyter settings are left as they are. The
instructor's lab is JupyterLab as installed, with nbgrader's tools, opened on the folder
that holds ``solutions/`` and ``notebooks/``.

JupyterLab replaces this process (so Ctrl-C and signals reach it directly) and runs on the
interpreter this runs in (never a ``jupyter`` from PATH); as root it passes
``--allow-root``, since Jupyter refuses root otherwise and root is the usual user in a
container. Arguments this command does not know go to JupyterLab (``--port``, ...).
"""

import argparse
import json
import os
import sys
from pathlib import Path

NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)

STUDENT_DISABLED_LAB_PLUGINS = (
    "@jupyter/nbgrader",                                # every nbgrader plugin
    "@jupyterlab/apputils-extension:announcements",     # the news pop-up
)


def student_config_folder():
    """Where the student's Jupyter config is written: the user's cache."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "course" / "student-jupyter"


def write_student_config(folder):
    """Write the student's Jupyter config into ``folder`` (a config-path entry)."""
    folder = Path(folder)
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    page = {"disabledExtensions": {plugin: True for plugin in STUDENT_DISABLED_LAB_PLUGINS}}
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(page, indent=2))
    server = {"ServerApp": {"jpserver_extensions": {e: False for e in NBGRADER_SERVER_EXTENSIONS}}}
    (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=2))


def lab_command(folder, extra=()):
    """The command that starts JupyterLab on ``folder`` with this interpreter."""
    command = [sys.executable, "-m", "jupyter", "lab", str(folder)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command + list(extra)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course.lab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instructor", action="store_true",
                        help="the instructor's lab, with nbgrader's tools, on the course folder")
    parser.add_argument("--folder", type=Path,
                        help="the folder to open (default: notebooks/, or . for --instructor)")
    args, extra = parser.parse_known_args(argv)   # the rest goes to JupyterLab (--port, ...)
    folder = args.folder or Path("." if args.instructor else "notebooks")
    if not folder.is_dir():
        parser.error(f"{folder} is not a folder: run this from the course's folder, or "
                     f"give --folder")
    env = dict(os.environ)
    if not args.instructor:
        config = student_config_folder()
        write_student_config(config)
        theirs = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(config), *theirs])
    command = lab_command(folder, extra)
    os.execve(command[0], command, env)


if __name__ == "__main__":
    sys.exit(main())
