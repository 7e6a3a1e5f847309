"""Monthly prices, 1990-2022, of ten stocks and indices: a real, offline time series.

matplotlib (a dependency of the course) ships this table as ``sample_data/Stocks.csv`` (from
Yahoo Finance): a ``Date`` column and ``IBM, AAPL, MSFT, XRX, AMZN, DELL, GOOGL, ADBE,
^GSPC`` (the S&P 500), ``^IXIC`` (the Nasdaq composite). The file also has rows for other
days, mostly empty; :func:`load_data` keeps the first day of each month that has a price
(the S&P 500: 390 months, 1990-01 to 2022-06).
"""

from pathlib import Path

import matplotlib
import numpy as np


def stocks_path():
    """The CSV file inside the installed matplotlib."""
    path = Path(matplotlib.get_data_path()) / "sample_data" / "Stocks.csv"
    if not path.is_file():
        raise FileNotFoundError(f"stocks: {path} is missing: reinstall matplotlib "
                                f"(`.venv/bin/python -m pip install --force-reinstall "
                                f"matplotlib`), whose sample data holds it")
    return path


def load_data(symbol="^GSPC"):
    """``(dates, prices)`` of one column, one per month with a price: ``dates``
    ``datetime64[D]`` ``(T,)``, ``prices`` float64 ``(T,)``."""
    lines = [line for line in stocks_path().read_text().splitlines()
             if line and not line.startswith("#")]
    header = lines[0].split(",")
    if symbol not in header[1:]:
        raise ValueError(f"stocks: no column {symbol!r}; the columns are {header[1:]}")
    column = header.index(symbol)
    rows = [row for row in (line.split(",") for line in lines[1:])
            if row[0].endswith("-01") and row[column]]
    dates = np.array([row[0] for row in rows], dtype="datetime64[D]")
    prices = np.array([float(row[column]) for row in rows])
    return dates, prices
