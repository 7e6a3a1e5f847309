"""Showing a check's result: a line per case group, green or red, and what went wrong."""

import html


def _group_lines(report):
    lines = []
    for group, n_ok, n, first in report.groups():
        cases = f"{n} case{'s' if n != 1 else ''}"
        if first is None:
            lines.append((True, f"{group} ({cases})", None, None))
        else:
            lines.append((False, f"{group} ({n_ok}/{cases} passed): {first.problem}",
                          first.mistake, first.diagnosis))
    return lines


def headline(report):
    if report.passed:
        return f"{report.name}: all checks passed ({report.points} point" \
               f"{'s' if report.points != 1 else ''})"
    if report.not_written:
        return f"{report.name}: not written yet"
    failed = sum(1 for ok, *_ in _group_lines(report) if not ok)
    line = f"{report.name}: {failed} of {len(report.groups())} case groups failed"
    mistakes = report.mistakes()
    return line + (f" (likely mistake: {mistakes[0]})" if mistakes else "")


def render_text(report, color=True):
    """The report as terminal text (ANSI colours unless ``color=False``)."""
    green, red, dim, end = ("\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m") if color else ("",) * 4
    out = [(green if report.passed else red) + headline(report) + end]
    for ok, text, mistake, diagnosis in _group_lines(report):
        out.append(f"  {green}✓{end} {text}" if ok else f"  {red}✗ {text}{end}")
        if diagnosis:
            out.append(f"      {dim}likely mistake ({mistake}):{end} {diagnosis}")
    return "\n".join(out)


def render_html(report):
    """The report as a small HTML block for Jupyter."""
    def esc(s):
        return html.escape(str(s))
    color = "#1a7f37" if report.passed else "#cf222e"
    rows = [f'<div style="font-weight:600;color:{color}">{esc(headline(report))}</div>']
    for ok, text, mistake, diagnosis in _group_lines(report):
        mark, c = ("✓", "#1a7f37") if ok else ("✗", "#cf222e")
        rows.append(f'<div style="color:{c};margin-left:1em">{mark} {esc(text)}</div>')
        if diagnosis:
            rows.append(f'<div style="margin-left:2.5em;color:#57606a">likely mistake '
                        f'(<b>{esc(mistake)}</b>): {esc(diagnosis)}</div>')
    return ('<div style="font-family:var(--jp-code-font-family,monospace);font-size:13px;'
            f'border-left:4px solid {color};padding:4px 8px;margin:4px 0">'
            + "".join(rows) + "</div>")
