"""In a notebook the progress bar is one display per epoch, updated in place: a saved
notebook keeps one bar line per epoch, not every redraw."""

import nbclient
import nbformat

FIT = """
import time
import numpy as np
from course.keras import Sequential, callbacks, layers

class Slow(callbacks.Callback):          # slower than the bar's redraw interval
    def on_train_batch_end(self, batch, logs=None):
        time.sleep(0.06)

rng = np.random.default_rng(0)
x = rng.normal(size=(200, 8)).astype("float32")
y = (x[:, 0] > 0).astype("float32")
model = Sequential([layers.Input((8,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=3, batch_size=20, callbacks=[Slow()])
"""


def test_a_fit_in_a_notebook_saves_one_bar_line_per_epoch():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FIT)])
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    bars = [o for o in outputs if o.output_type == "display_data"]
    assert len(bars) == 3, [o.output_type for o in outputs]
    for bar in bars:
        line = bar.data["text/plain"]
        assert line.startswith("10/10 ") and "loss:" in line and "\r" not in line
    streamed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert streamed.split() == ["Epoch", "1/3", "Epoch", "2/3", "Epoch", "3/3"]
