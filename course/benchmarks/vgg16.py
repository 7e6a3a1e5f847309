"""VGG16 at 224x224: forward images per second (batch 8), seconds per training step (batch
32, SGD, the whole network trainable) and per step of the transfer-learning tutorial's
model (the base frozen, global average pooling, Dense 1024, Dense 10; Adam), course.keras
side by side with TensorFlow-Keras (``--tf-python``) and PyTorch (``--torch-python``, or
this interpreter if it has torch). Each framework runs in its own process, with random weights and images;
one warm-up call first, then the fastest of ``--repeats`` (on a machine shared with other
jobs, the run least disturbed by them; read the ratios more than the numbers). The
forward pass is one call on the batch (``model(x)``, as ``predict_on_batch`` is in Keras);
course.keras's ``predict()``, which cuts the batch into cache-sized chunks, is shown too.

    python -m course.benchmarks.vgg16 [--tf-python /work/venvs/tf/bin/python]
                                      [--torch-python /work/venvs/bench/bin/python]
"""

import argparse
import importlib.util
import json
import subprocess
import sys

# Each worker prints {"forward": images/s, "train_step": s, "transfer_step": s} for
# (size, fwd batch, train batch, repeats).
_COMMON = """
import json, sys, time
import numpy as np
size, fwd_batch, train_batch, repeats = (int(a) for a in sys.argv[1:5])
rng = np.random.default_rng(0)
def timed(f, n):
    f()
    times = []
    for _ in range(n):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)
"""

# The tutorial's model in Keras's API (course.keras or keras): the seconds of one step.
_TRANSFER = """
del model
base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(size, size, 3))
h = keras.layers.Dense(1024, activation="relu")(keras.layers.GlobalAveragePooling2D()(base.output))
transfer = keras.Model(base.input, keras.layers.Dense(10, activation="softmax")(h))
for layer in base.layers: layer.trainable = False
transfer.compile(optimizer=keras.optimizers.Adam(1e-4), loss="categorical_crossentropy")
y10 = np.eye(10, dtype="float32")[rng.integers(0, 10, train_batch)]
frozen = timed(lambda: transfer.train_on_batch(x, y10), repeats)
"""

COURSE = _COMMON + """
from course import keras
model = keras.applications.VGG16(weights=None, input_shape=(size, size, 3), classes=1000)
model.compile(optimizer=keras.optimizers.SGD(1e-3), loss="sparse_categorical_crossentropy")
x = rng.uniform(0, 1, (train_batch, size, size, 3)).astype("float32")
y = rng.integers(0, 1000, train_batch)
fwd = timed(lambda: model(x[:fwd_batch]), repeats)
chunked = timed(lambda: model.predict(x[:fwd_batch], batch_size=fwd_batch, verbose=0), repeats)
step = timed(lambda: model.train_on_batch(x, y), repeats)
""" + _TRANSFER + """print(json.dumps({"forward": fwd_batch / fwd, "train_step": step, "transfer_step": frozen,
                  "predict": fwd_batch / chunked}))
"""

TF = _COMMON + """
import os; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import keras
model = keras.applications.VGG16(weights=None, input_shape=(size, size, 3), classes=1000)
model.compile(optimizer=keras.optimizers.SGD(1e-3), loss="sparse_categorical_crossentropy")
x = rng.uniform(0, 1, (train_batch, size, size, 3)).astype("float32")
y = rng.integers(0, 1000, train_batch)
fwd = timed(lambda: model.predict_on_batch(x[:fwd_batch]), repeats)
step = timed(lambda: model.train_on_batch(x, y), repeats)
""" + _TRANSFER + """print(json.dumps({"forward": fwd_batch / fwd, "train_step": step, "transfer_step": frozen}))
"""

TORCH = _COMMON + """
import torch
from torch import nn
layers, c = [], 3
for filters, convs in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
    for _ in range(convs):
        layers += [nn.Conv2d(c, filters, 3, padding=1), nn.ReLU()]; c = filters
    layers.append(nn.MaxPool2d(2))
side = size // 32
model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(512 * side * side, 4096), nn.ReLU(),
                      nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 1000))
opt = torch.optim.SGD(model.parameters(), lr=1e-3)
x = torch.rand(train_batch, 3, size, size)
y = torch.randint(0, 1000, (train_batch,))
def forward():
    with torch.no_grad():
        model.eval(); model(x[:fwd_batch])
def step():
    model.train(); opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward(); opt.step()
features = model[:len(layers)]
for p in features.parameters(): p.requires_grad_(False)
head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 1024), nn.ReLU(),
                     nn.Linear(1024, 10))
head_opt = torch.optim.Adam(head.parameters(), lr=1e-4)
y10 = torch.randint(0, 10, (train_batch,))
def transfer_step():
    features.eval(); head.train(); head_opt.zero_grad()
    nn.functional.cross_entropy(head(features(x)), y10).backward(); head_opt.step()
print(json.dumps({"forward": fwd_batch / timed(forward, repeats), "train_step": timed(step, repeats),
                  "transfer_step": timed(transfer_step, repeats)}))
"""


def run(python, code, args):
    """Run one worker; its JSON result, or None (with the reason printed) if it failed."""
    done = subprocess.run([python, "-c", code, str(args.size), str(args.forward_batch),
                           str(args.train_batch), str(args.repeats)],
                          capture_output=True, text=True)
    if done.returncode:
        print(f"  ({python} failed: {done.stderr.strip().splitlines()[-1:]})")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--forward-batch", type=int, default=8)
    parser.add_argument("--train-batch", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--tf-python", help="a Python with tensorflow (Keras 3)")
    parser.add_argument("--torch-python", help="a Python with torch")
    args = parser.parse_args(argv)
    contenders = {"course.keras": (sys.executable, COURSE)}
    if args.tf_python:
        contenders["tf.keras"] = (args.tf_python, TF)
    torch_python = args.torch_python or (sys.executable if importlib.util.find_spec("torch")
                                         else None)
    if torch_python:
        contenders["pytorch"] = (torch_python, TORCH)
    print(f"VGG16 {args.size}x{args.size}, fastest of {args.repeats} after a warm-up:")
    print(f"  {'':13s} {'forward (batch ' + str(args.forward_batch) + ')':>22s} "
          f"{'train step (batch ' + str(args.train_batch) + ')':>25s} "
          f"{'frozen base + new head':>25s}")
    for name, (python, code) in contenders.items():
        result = run(python, code, args)
        if result:
            print(f"  {name:13s} {result['forward']:15.1f} images/s "
                  f"{result['train_step']:19.2f} s/step {result['transfer_step']:19.2f} s/step")
            if "predict" in result:  # predict() cuts a batch into cache-sized chunks
                print(f"  {'':13s} {result['predict']:15.1f} images/s with predict()")


if __name__ == "__main__":
    main()
