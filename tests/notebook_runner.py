"""Executing notebooks for the tests, offline and on small data."""

import os
import pathlib

import nbclient
import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent


def execute(path, timeout=300, strict=False):
    """Run every cell of the notebook at ``path`` (errors kept in the outputs); return it.

    ``strict``: a failing check raises, as under grading (a student's kernel only shows it).
    """
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     allow_errors=True,
                                     resources={"metadata": {"path": str(pathlib.Path(path).parent)}})
    saved = dict(os.environ)
    os.environ["COURSE_SMALL_DATA"] = "1"   # the kernel inherits the environment
    os.environ["COURSE_CHECKS_STRICT"] = "1" if strict else "0"
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb


def errors(nb):
    """``[(cell index, cell, ename, evalue)]`` for every cell that raised."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append((i, cell, out["ename"], out["evalue"]))
    return found


def is_check_cell(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))
