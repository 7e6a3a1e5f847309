"""``tf.image`` and ``tf.io.read_file``: the image functions the TensorFlow tutorials use
(loading files, the data augmentation tutorial's "option 2"), on numpy arrays.

Images are ``(H, W, C)`` or batches ``(N, H, W, C)``. Integer images hold 0..255 (uint8);
float images 0..1 where a function converts (``convert_image_dtype``), as TensorFlow.
"""

import io

import numpy as np
from PIL import Image, UnidentifiedImageError

from course.keras import ops
from course.ops.resize import INTERPOLATIONS, resize_forward

GRAYSCALE_WEIGHTS = np.array([0.2989, 0.5870, 0.1140], np.float32)
"""``rgb_to_grayscale``'s luma weights, TensorFlow's."""


def read_file(filename, name=None):
    """The bytes of a file, as a 0-d array holding ``bytes``."""
    path = np.asarray(filename).item()
    with open(path.decode() if isinstance(path, bytes) else path, "rb") as f:
        return np.array(f.read(), dtype=object)


def decode_image(contents, channels=None, dtype="uint8", name=None, expand_animations=True):
    """PNG, JPEG, GIF or BMP bytes -> ``(H, W, channels)`` uint8 (``channels`` 0/None: the
    file's own); a clear error for bytes that are no image."""
    data = np.asarray(contents).item()
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise ValueError(f"decode_image: the {len(data)} bytes given are not an image file "
                         f"(PNG, JPEG, GIF or BMP)") from None
    mode = {1: "L", 3: "RGB", 4: "RGBA"}.get(channels or 0, None)
    if channels and mode is None:
        raise ValueError(f"decode_image: channels must be 0, 1, 3 or 4, received {channels}")
    array = np.asarray(image.convert(mode) if mode else image)
    array = array[..., None] if array.ndim == 2 else array
    return ops.convert_to_tensor(array.astype(np.uint8)) if np.dtype(dtype) == np.uint8 \
        else convert_image_dtype(array, dtype)


decode_png = decode_jpeg = decode_image


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Integers 0..max <-> floats 0..1, as TensorFlow: ``x * (1 / max)`` one way,
    ``x * (max + 0.5)`` truncated (clipped first when ``saturate``) the other."""
    image, dtype = np.asarray(image), np.dtype(dtype)
    if image.dtype == dtype:
        return ops.convert_to_tensor(image)
    if image.dtype.kind in "iu" and dtype.kind == "f":
        scale = dtype.type(1.0 / np.iinfo(image.dtype).max)
        return ops.convert_to_tensor(image.astype(dtype) * scale)
    if image.dtype.kind == "f" and dtype.kind in "iu":
        info = np.iinfo(dtype)
        scaled = image * image.dtype.type(info.max + 0.5)
        return ops.convert_to_tensor((np.clip(scaled, info.min, info.max) if saturate
                                      else scaled).astype(dtype))
    if image.dtype.kind in "iu" and dtype.kind in "iu":
        raise ValueError("convert_image_dtype between integer types is not supported")
    return ops.convert_to_tensor(image.astype(dtype))


def resize(images, size, method="bilinear", preserve_aspect_ratio=False, antialias=False,
           name=None):
    """Images resized to ``size`` ``(height, width)`` (float32; "nearest" keeps the dtype)."""
    if method not in INTERPOLATIONS:
        raise ValueError(f"tf.image.resize: method must be one of {INTERPOLATIONS}, received "
                         f"{method!r}")
    if preserve_aspect_ratio or antialias:
        raise ValueError("tf.image.resize: preserve_aspect_ratio and antialias are not "
                         "supported")
    images = np.asarray(images)
    batch = images if images.ndim == 4 else images[None]
    out = resize_forward(batch, tuple(int(s) for s in np.asarray(size)), method)[0]
    if method == "nearest":
        out = out.astype(images.dtype)
    return ops.convert_to_tensor(out if images.ndim == 4 else out[0])


def _flip(axis):
    def flip(image):
        return ops.convert_to_tensor(np.flip(np.asarray(image), axis))
    return flip


flip_left_right, flip_up_down = _flip(-2), _flip(-3)


def rot90(image, k=1, name=None):
    """Rotated by ``k`` quarter turns counter-clockwise."""
    return ops.convert_to_tensor(np.rot90(np.asarray(image), k, axes=(-3, -2)).copy())


def rgb_to_grayscale(images, name=None):
    """``(..., 3) -> (..., 1)``, the luma weighted sum (in the input's dtype)."""
    images = np.asarray(images)
    floats = np.asarray(convert_image_dtype(images, np.float32))
    gray = (floats @ GRAYSCALE_WEIGHTS)[..., None]
    return convert_image_dtype(gray, images.dtype)


def adjust_brightness(image, delta):
    """``delta`` added to a 0..1 float image (integer images converted there and back)."""
    image = np.asarray(image)
    floats = np.asarray(convert_image_dtype(image, np.float32))
    return convert_image_dtype(floats + np.float32(delta), image.dtype, saturate=True)


def central_crop(image, central_fraction):
    """The centre ``central_fraction`` of the height and width, as TensorFlow crops it."""
    if not 0.0 < central_fraction <= 1.0:
        raise ValueError(f"central_fraction must be within (0, 1], received {central_fraction}")
    image = np.asarray(image)
    h, w = image.shape[-3], image.shape[-2]
    top = int((h - h * central_fraction) / 2)
    left = int((w - w * central_fraction) / 2)
    return ops.convert_to_tensor(image[..., top:h - top, left:w - left, :])
