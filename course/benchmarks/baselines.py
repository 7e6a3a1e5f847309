"""Baselines the benchmarks compare course.keras with: plain numpy, and PyTorch if installed."""

import time

import numpy as np


def numpy_mlp_epoch(x, y, batch_size, seed=0, hidden=128):
    """One epoch of the 784-128-10 MLP with Adam, written layer by layer in plain numpy.

    This is the code a student writes after the backpropagation chapter: no numba, no
    fused kernels. Returns the seconds the epoch took.
    """
    rng = np.random.default_rng(seed)
    d, k = x.shape[1], 10
    params = [rng.uniform(-1, 1, (d, hidden)).astype(np.float32) * np.sqrt(6 / (d + hidden)),
              np.zeros(hidden, np.float32),
              rng.uniform(-1, 1, (hidden, k)).astype(np.float32) * np.sqrt(6 / (hidden + k)),
              np.zeros(k, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-7
    start = time.perf_counter()
    order = rng.permutation(len(x))
    for t, i in enumerate(range(0, len(x), batch_size), start=1):
        idx = order[i:i + batch_size]
        xb, yb = x[idx], y[idx]
        W1, b1_, W2, b2_ = params
        h = np.maximum(xb @ W1 + b1_, 0)
        z = h @ W2 + b2_
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        dz = p
        dz[np.arange(len(yb)), yb] -= 1
        dz /= len(yb)
        dh = (dz @ W2.T) * (h > 0)
        grads = [xb.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)]
        alpha = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        for j, g in enumerate(grads):
            m[j] += (g - m[j]) * (1 - b1)
            v[j] += (g * g - v[j]) * (1 - b2)
            params[j] -= alpha * m[j] / (np.sqrt(v[j]) + eps)
    return time.perf_counter() - start


def torch_available():
    try:
        import torch  # noqa: F401
        return True
    except ImportError:
        return False


def torch_epoch(model_fn, x, y, batch_size, seed=0, channels_first=False):
    """One epoch of ``model_fn()`` with Adam(1e-3, eps=1e-7) in PyTorch's eager CPU loop.

    ``x`` is float32 numpy (channels-last images are moved to channels-first for torch),
    ``y`` integer labels. Returns the seconds the epoch took.
    """
    import torch
    torch.manual_seed(seed)
    model = model_fn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if channels_first else x)
    yt = torch.from_numpy(y.astype(np.int64))
    start = time.perf_counter()
    order = torch.randperm(len(xt))
    for i in range(0, len(xt), batch_size):
        idx = order[i:i + batch_size]
        opt.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def torch_mlp():
    import torch.nn as nn
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
