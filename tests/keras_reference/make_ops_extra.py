"""Keras 3's activations beyond relu/sigmoid/tanh/softmax, and keras.ops functions
(sin, cos, log1p, expm1, batched matmul, var, std, logsumexp, cumsum), with gradients from
tf.GradientTape of sum(out * dout). Run under TensorFlow-Keras; writes ops_extra.npz."""

import numpy as np
import tensorflow as tf
import keras

from keras_reference import save

rng = np.random.default_rng(17)
x = (rng.standard_normal((4, 6)) * 3).astype("float32")
dout = rng.standard_normal((4, 6)).astype("float32")
out = {"x": x, "dout": dout}

ACTIVATIONS = ["softplus", "softsign", "silu", "swish", "gelu", "selu", "mish", "exponential",
               "relu6", "hard_sigmoid"]
for name in ACTIVATIONS:
    fn = keras.activations.get(name)
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = fn(xv)
        s = tf.reduce_sum(y * dout)
    out[f"act_{name}"] = y.numpy()
    out[f"act_{name}_dx"] = tape.gradient(s, xv).numpy()
xv = tf.Variable(x)
with tf.GradientTape() as tape:
    y = keras.activations.gelu(xv, approximate=True)
    s = tf.reduce_sum(y * dout)
out["act_gelu_approximate"] = y.numpy()
out["act_gelu_approximate_dx"] = tape.gradient(s, xv).numpy()

UNARY = {"sin": keras.ops.sin, "cos": keras.ops.cos, "log1p": lambda v: keras.ops.log1p(
    keras.ops.abs(v)), "expm1": keras.ops.expm1,
    "var": lambda v: keras.ops.var(v, axis=1), "std": lambda v: keras.ops.std(v, axis=0),
    "logsumexp": lambda v: keras.ops.logsumexp(v, axis=-1),
    "cumsum": lambda v: keras.ops.cumsum(v, axis=1)}
for name, fn in UNARY.items():
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = fn(xv)
        s = tf.reduce_sum(y * tf.cast(tf.reshape(tf.range(tf.size(y)), y.shape), "float32") / 10)
    out[f"op_{name}"] = keras.ops.convert_to_numpy(y)
    out[f"op_{name}_dx"] = tape.gradient(s, xv).numpy()

a = rng.standard_normal((3, 4, 5)).astype("float32")
b = rng.standard_normal((5, 2)).astype("float32")
c = rng.standard_normal((3, 5, 2)).astype("float32")
d = rng.standard_normal((1, 5, 2)).astype("float32")
for name, (p, q) in {"matmul_3d_2d": (a, b), "matmul_3d_3d": (a, c),
                     "matmul_broadcast": (a, d)}.items():
    pv, qv = tf.Variable(p), tf.Variable(q)
    with tf.GradientTape() as tape:
        y = keras.ops.matmul(pv, qv)
        s = tf.reduce_sum(y * tf.cast(tf.reshape(tf.range(tf.size(y)), y.shape), "float32") / 10)
    ga, gb = tape.gradient(s, [pv, qv])
    out[f"{name}_a"], out[f"{name}_b"] = p, q
    out[f"{name}"], out[f"{name}_da"], out[f"{name}_db"] = y.numpy(), ga.numpy(), gb.numpy()

save("ops_extra", out)
