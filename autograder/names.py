"""Which names a cell binds and which global names it reads, statically.

Used to skip locked cells that grading does not need (a worked example that trains for a
minute). Both sets err on the side of keeping a cell: "bound" includes mutated names
(``params["W"] = ...``), "read" includes every global a function defined in the cell may
look up when it is called later. IPython syntax (magics, ``!shell``) is translated first.
"""

import ast
import symtable
from functools import lru_cache

STAR = "*"  # bound by ``from m import *``: anything may be bound


def python_source(code):
    """The cell as plain Python (IPython's own translation of magics), or None."""
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        return TransformerManager().transform_cell(code)
    except Exception:  # whatever IPython cannot translate is not Python either
        return None


def _base_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _bound(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add(STAR if alias.name == "*" else alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)) and \
                isinstance(node.ctx, (ast.Store, ast.Del)):
            base = _base_name(node)
            if base:
                names.add(base)
    return names


def _global_reads(table, top=True):
    names = {s.get_name() for s in table.get_symbols()
             if s.is_referenced() and (top or s.is_global())}
    for child in table.get_children():
        names |= _global_reads(child, top=False)
    return names


@lru_cache(maxsize=4096)
def analyse(code):
    """``(bound, read)`` name sets of a cell, or None if it is not valid Python."""
    source = python_source(code)
    if source is None:
        return None
    try:
        tree = ast.parse(source)
        table = symtable.symtable(source, "<cell>", "exec")
        return frozenset(_bound(tree)), frozenset(_global_reads(table))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
