"""Features from a frozen convolutional block: Conv2D -> BatchNormalization -> ReLU ->
GlobalAveragePooling2D, at inference, batch by batch.

This is how a pretrained base is reused: run each image through the frozen layers once,
keep the pooled vector (one number per channel), and train a small head on those vectors.
Two rules make the features a property of the image alone:

- batch normalization runs in **inference mode**, with its moving statistics (a frozen
  layer's statistics are part of what was learnt; the batch's own mean and variance would
  make an image's features depend on the images next to it, and on the batch size);
- the data goes through in batches of ``batch_size`` (memory), and the features do not
  depend on how it is cut.
"""

import numpy as np

from course.ops.activations import relu_forward
from course.ops.batchnorm import batchnorm_forward
from course.ops.conv import conv2d_forward
from course.ops.pooling import global_average_pool2d_forward


def extract_features(x: np.ndarray, W: np.ndarray, b: np.ndarray, gamma: np.ndarray,
                     beta: np.ndarray, moving_mean: np.ndarray, moving_var: np.ndarray,
                     epsilon: float = 1e-3, batch_size: int = 32) -> np.ndarray:
    """Pooled features of a frozen Conv2D ("valid", stride 1) + BN + ReLU block.

    Args:
        x: images, shape ``(N, H, W, C_in)``.
        W: kernel ``(kh, kw, C_in, C)``; b: bias ``(C,)``.
        gamma, beta, moving_mean, moving_var: BatchNormalization's weights, ``(C,)`` each.
        epsilon: BatchNormalization's epsilon.
        batch_size: images per forward pass (a positive int).

    Returns:
        features: ``mean over positions of relu(bn(conv(x)))``, shape ``(N, C)``.
    """
    if int(batch_size) < 1:
        raise ValueError(f"extract_features: batch_size must be a positive int, got {batch_size}")
    batches = []
    for start in range(0, len(x), int(batch_size)):
        z, _ = conv2d_forward(x[start:start + int(batch_size)], W, b)
        z, _ = batchnorm_forward(z, gamma, beta, np.array(moving_mean), np.array(moving_var),
                                 training=False, epsilon=epsilon)
        z, _ = relu_forward(z)
        pooled, _ = global_average_pool2d_forward(z)
        batches.append(pooled)
    return np.concatenate(batches) if batches else np.zeros((0, np.shape(W)[-1]), np.float32)
