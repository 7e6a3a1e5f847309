"""Baselines the benchmarks compare course.keras with: plain numpy, and PyTorch if installed."""

import multiprocessing
import time

import numpy as np


def in_fresh_process(fn, *args):
    """``fn(*args)`` in a new Python process, so that no contender inherits another's thread
    settings (course sets OpenMP's wait policy, which would slow PyTorch down)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def mnist_shaped(samples, image=False, seed=0):
    """Random MNIST-shaped data: float32 ``x`` ``(N, 784)`` or ``(N, 28, 28, 1)``, labels ``y``."""
    rng = np.random.default_rng(seed)
    shape = (samples, 28, 28, 1) if image else (samples, 784)
    return rng.random(shape, dtype=np.float32), rng.integers(0, 10, samples)


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


def torch_convnet():
    """The Keras MNIST convnet in PyTorch (channels-first)."""
    import torch.nn as nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))


def torch_inference(model_fn, x, batch_size=1000, channels_first=True, repeats=3):
    """Images per second of ``model_fn()`` in eval mode without gradients (the fastest of
    ``repeats`` passes over ``x``)."""
    import torch
    model = model_fn().eval()
    xt = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if channels_first else x)
    best = np.inf
    with torch.no_grad():
        model(xt[:batch_size])
        for _ in range(repeats):
            start = time.perf_counter()
            for i in range(0, len(xt), batch_size):
                model(xt[i:i + batch_size])
            best = min(best, time.perf_counter() - start)
    return len(xt) / best


def _im2col(x, k):
    """``(N, H, W, C)`` -> ``(N*H'*W', k*k*C)`` windows of a "valid" stride-1 convolution."""
    n, h, w, c = x.shape
    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(1, 2))  # N,H',W',C,k,k
    return win.transpose(0, 1, 2, 4, 5, 3).reshape(n * (h - k + 1) * (w - k + 1), k * k * c)


def _col2im(dcols, shape, k):
    n, h, w, c = shape
    ho, wo = h - k + 1, w - k + 1
    d = dcols.reshape(n, ho, wo, k, k, c)
    dx = np.zeros(shape, dcols.dtype)
    for i in range(k):
        for j in range(k):
            dx[:, i:i + ho, j:j + wo, :] += d[:, :, :, i, j, :]
    return dx


def numpy_convnet_epoch(x, y, batch_size=64, seed=0):
    """Training of the Keras MNIST convnet in plain numpy (im2col + matmul), as a student
    writes it after the CNN chapter; Adam. Returns seconds for the samples given."""
    rng = np.random.default_rng(seed)

    def glorot(shape):
        fan_in = np.prod(shape[:-1])
        fan_out = shape[-1] * (np.prod(shape[:-2]) if len(shape) == 4 else 1)
        lim = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-lim, lim, shape).astype(np.float32)

    shapes = [(3, 3, 1, 32), (3, 3, 32, 64), (3, 3, 64, 64), (576, 64), (64, 10)]
    params = []
    for s in shapes:
        params += [glorot(s), np.zeros(s[-1], np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]

    def conv(a, W, b):
        cols = _im2col(a, 3)
        out = cols @ W.reshape(-1, W.shape[-1]) + b
        n, h, w, _ = a.shape
        return out.reshape(n, h - 2, w - 2, W.shape[-1]), cols

    def pool(a):
        n, h, w, c = a.shape
        a = a[:, :h // 2 * 2, :w // 2 * 2]
        r = a.reshape(n, h // 2, 2, w // 2, 2, c)
        out = r.max(axis=(2, 4))
        mask = r == out[:, :, None, :, None, :]
        return out, (mask, a.shape, (n, h, w, c))

    def unpool(d, cache):
        mask, cropped, full = cache
        n, h2, _, w2, _, c = mask.shape
        dr = mask * d[:, :, None, :, None, :]
        dx = np.zeros(full, d.dtype)
        dx[:, :h2 * 2, :w2 * 2] = dr.reshape(cropped)
        return dx

    start = time.perf_counter()
    order = rng.permutation(len(x))
    for t, i in enumerate(range(0, len(x), batch_size), start=1):
        idx = order[i:i + batch_size]
        xb, yb = x[idx], y[idx]
        W1, b1, W2, b2, W3, b3, W4, b4, W5, b5 = params
        z1, c1 = conv(xb, W1, b1); a1 = np.maximum(z1, 0); p1, pc1 = pool(a1)
        z2, c2 = conv(p1, W2, b2); a2 = np.maximum(z2, 0); p2, pc2 = pool(a2)
        z3, c3 = conv(p2, W3, b3); a3 = np.maximum(z3, 0)
        f = a3.reshape(len(xb), -1)
        z4 = f @ W4 + b4; a4 = np.maximum(z4, 0)
        z5 = a4 @ W5 + b5
        z5 -= z5.max(1, keepdims=True)
        p = np.exp(z5); p /= p.sum(1, keepdims=True)
        p[np.arange(len(yb)), yb] -= 1
        d5 = p / len(yb)
        g = [None] * 10
        g[8], g[9] = a4.T @ d5, d5.sum(0)
        d4 = (d5 @ W5.T) * (z4 > 0)
        g[6], g[7] = f.T @ d4, d4.sum(0)
        d3 = (d4 @ W4.T).reshape(a3.shape) * (z3 > 0)
        d3f = d3.reshape(-1, 64)
        g[4], g[5] = (c3.T @ d3f).reshape(W3.shape), d3f.sum(0)
        d2 = unpool(_col2im(d3f @ W3.reshape(-1, 64).T, p2.shape, 3), pc2) * (z2 > 0)
        d2f = d2.reshape(-1, 64)
        g[2], g[3] = (c2.T @ d2f).reshape(W2.shape), d2f.sum(0)
        d1 = unpool(_col2im(d2f @ W2.reshape(-1, 64).T, p1.shape, 3), pc1) * (z1 > 0)
        d1f = d1.reshape(-1, 32)
        g[0], g[1] = (c1.T @ d1f).reshape(W1.shape), d1f.sum(0)
        alpha = 1e-3 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        for j in range(10):
            m[j] += (g[j] - m[j]) * 0.1
            v[j] += (g[j] * g[j] - v[j]) * 0.001
            params[j] -= alpha * m[j] / (np.sqrt(v[j]) + 1e-7)
    return time.perf_counter() - start
