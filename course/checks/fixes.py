"""A catalogued diagnosis told apart into its reason and its corrected code.

A diagnosis explains a mistake and often spells out the corrected line as well
(``dW must have W's shape (D, M): dW = x.T @ dout, not dout.T @ x.``). A student is shown
the reason only (``dW must have W's shape (D, M).``): finding the line is the exercise.
An instructor may show the corrected code too, with the environment variable
``COURSE_SHOW_FIXES=1`` (in a notebook's kernel or for ``autograder grade``) or
``autograder feedback --show-fixes``.

A diagnosis is cut into clauses at sentence ends, colons and semicolons (outside
parentheses). A clause is corrected code if it holds an assignment (``db = ...``,
``param -= ...``, ``dtype=np.float32``) outside parentheses, or if it is an instruction
(``Use ...``, ``Divide by ...``) that names code (a call, an index, a power).
"""

import os
import re

SHOW_FIXES_ENV = "COURSE_SHOW_FIXES"

_INSTRUCTION = re.compile(
    r"(use|pass|divide|multiply|compute|write|draw|make|put|index|keep|apply|start|add|"
    r"subtract|sum|update|restore|clip|floor|copy|return|let|average|weight|accumulate|pick|"
    r"go|fill|work|append|perturb|scale|look|measure|shrink|reduce|drop|move|skip|count|"
    r"pair)\b", re.IGNORECASE)
_CODE = re.compile(r"\w\(|\w\[|\*\*|`|=")
# an assignment statement: a name, attribute or subscript (not a call, not a formula's
# term such as b^2 or -log(0)) followed by =, +=, -=, *=, /=
_ASSIGNMENT = re.compile(r"(?:^|(?<=[\s,(]))[A-Za-z_][\w.]*(?:\[[^\]=]*\]\]?)?\s*"
                         r"(?:[-+*/]|\*\*)?=(?!=)")


def show_fixes():
    """Whether the instructor asked to show the corrected code (``COURSE_SHOW_FIXES``)."""
    return os.environ.get(SHOW_FIXES_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _top_level(text):
    """``text`` with everything inside parentheses blanked out (same length)."""
    depth, out = 0, []
    for ch in text:
        depth += ch == "("
        out.append(ch if depth == 0 else " ")
        depth = max(0, depth - (ch == ")"))
    return "".join(out)


def _clauses(text):
    """``[(clause, separator)]``: ``text`` cut after '.', ':' and ';' outside parentheses."""
    flat = _top_level(text)
    pieces, start = [], 0
    for m in re.finditer(r"[.:;](?=\s+)", flat):
        if re.search(r"\b(e\.g|i\.e)$", text[:m.start()]):
            continue
        pieces.append((text[start:m.start()].strip(), text[m.start()]))
        start = m.end()
    pieces.append((text[start:].strip().rstrip("."), "."))
    return [(c, sep) for c, sep in pieces if c]


def _is_code(clause, follows_instruction):
    if _ASSIGNMENT.search(_top_level(clause)):
        return True
    coded = bool(_CODE.search(clause))
    return coded and (follows_instruction or bool(_INSTRUCTION.match(clause)))


def split(diagnosis):
    """``(reason, fix)``: the diagnosis without its corrected code, and that code (each
    ``""`` when there is none)."""
    reason, fix = [], []
    instruction = False
    for k, (clause, sep) in enumerate(_clauses(diagnosis)):
        code = _is_code(clause, instruction)
        (fix if code else reason).append((k, clause, sep))
        instruction = sep == ":" and (code or bool(_INSTRUCTION.match(clause)))
    return _join(reason), _join(fix)


def _join(pieces):
    """Clauses back into sentences; a ':' or ';' whose next clause is gone becomes '.'."""
    text = ""
    for n, (k, clause, sep) in enumerate(pieces):
        if sep in ":;" and (n + 1 == len(pieces) or pieces[n + 1][0] != k + 1):
            sep = "."
        if clause.endswith(".)"):
            sep = ""
        text += clause + sep + " "
    text = text.strip()
    return text
