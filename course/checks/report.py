"""Showing a check's result: the likely mistake once, at the top, with its reason; then a
line per case group, green or red, and what went wrong.

The corrected code a catalogued diagnosis may spell out (:mod:`course.checks.fixes`) is
left out unless ``show_fix`` is true; by default it follows ``COURSE_SHOW_FIXES``, the
instructor's switch.
"""

import html

from course.checks.fixes import show_fixes, split

FIX_LABEL = "corrected code: "


def _group_lines(report):
    lines = []
    for group, n_ok, n, first in report.groups():
        cases = f"{n} case{'s' if n != 1 else ''}"
        if first is None:
            lines.append((True, f"{group} ({cases})"))
        else:
            lines.append((False, f"{group} ({n_ok}/{cases} passed): {first.problem}"))
    return lines


def likely_mistake(report, show_fix=None):
    """``(name, reason, fix)`` of the report's likely mistake (``fix`` is ``""`` unless
    shown), or None when no mistake is named."""
    if not report.mistake:
        return None
    reason, fix = split(report.diagnosis or "")
    show = show_fixes() if show_fix is None else show_fix
    return report.mistake, reason, fix if show else ""


def headline(report):
    if report.passed:
        return f"{report.name}: all checks passed ({report.points} point" \
               f"{'s' if report.points != 1 else ''})"
    if report.not_written:
        return f"{report.name}: not written yet"
    failed = sum(1 for ok, _ in _group_lines(report) if not ok)
    return f"{report.name}: {failed} of {len(report.groups())} case groups failed"


def render_text(report, color=True, show_fix=None):
    """The report as terminal text (ANSI colours unless ``color=False``)."""
    green, red, dim, end = ("\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m") if color else ("",) * 4
    out = [(green if report.passed else red) + headline(report) + end]
    likely = likely_mistake(report, show_fix)
    if likely:
        name, reason, fix = likely
        out.append(f"  likely mistake ({name}){':' if reason else ''}{end} {reason}".rstrip())
        if fix:
            out.append(f"    {dim}{FIX_LABEL}{fix}{end}")
    for ok, text in _group_lines(report):
        out.append(f"  {green}✓{end} {text}" if ok else f"  {red}✗ {text}{end}")
    return "\n".join(out)


def without_fixes(text):
    """A :func:`render_text` (without colours) with its corrected-code line removed."""
    return "\n".join(line for line in text.split("\n")
                     if not line.lstrip().startswith(FIX_LABEL))


def render_html(report, show_fix=None):
    """The report as a small HTML block for Jupyter."""
    def esc(s):
        return html.escape(str(s))
    color = "#1a7f37" if report.passed else "#cf222e"
    rows = [f'<div style="font-weight:600;color:{color}">{esc(headline(report))}</div>']
    likely = likely_mistake(report, show_fix)
    if likely:
        name, reason, fix = likely
        rows.append(f'<div style="margin-left:1em">likely mistake (<b>{esc(name)}</b>)'
                    f'{": " + esc(reason) if reason else ""}</div>')
        if fix:
            rows.append(f'<div style="margin-left:2.5em;color:#57606a">{esc(FIX_LABEL)}'
                        f'<code>{esc(fix)}</code></div>')
    for ok, text in _group_lines(report):
        mark, c = ("✓", "#1a7f37") if ok else ("✗", "#cf222e")
        rows.append(f'<div style="color:{c};margin-left:1em">{mark} {esc(text)}</div>')
    return ('<div style="font-family:var(--jp-code-font-family,monospace);font-size:13px;'
            f'border-left:4px solid {color};padding:4px 8px;margin:4px 0">'
            + "".join(rows) + "</div>")
