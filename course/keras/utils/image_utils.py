"""Images from and to files, with Pillow: ``load_img``, ``img_to_array``, ``array_to_img``,
``save_img`` (Keras's names and defaults)."""

import numpy as np
from PIL import Image, UnidentifiedImageError

COLOR_MODES = {"grayscale": "L", "rgb": "RGB", "rgba": "RGBA"}
PIL_INTERPOLATIONS = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR,
                      "bicubic": Image.BICUBIC, "hamming": Image.HAMMING, "box": Image.BOX,
                      "lanczos": Image.LANCZOS}
IMAGE_EXTENSIONS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")


def _choice(value, options, name):
    if value not in options:
        raise ValueError(f"Invalid {name}: {value!r}; expected one of {sorted(options)}")
    return options[value]


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest",
             keep_aspect_ratio=False):
    """A PIL image read from ``path``, converted to ``color_mode`` ("grayscale", "rgb",
    "rgba") and resized to ``target_size=(height, width)`` when given."""
    mode = _choice(color_mode, COLOR_MODES, "color_mode")
    try:
        with open(path, "rb") as f:
            img = Image.open(f)
            img.load()
    except FileNotFoundError:
        raise FileNotFoundError(f"load_img: no image file at {path}") from None
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(f"load_img: cannot read the image file {path} ({error})") from None
    img = img.convert(mode) if img.mode != mode else img
    if target_size is not None:
        height, width = target_size
        if (img.width, img.height) != (width, height):
            resample = _choice(interpolation, PIL_INTERPOLATIONS, "interpolation")
            box = None
            if keep_aspect_ratio:
                crop_w = min(img.width, round(img.height * width / height))
                crop_h = min(img.height, round(img.width * height / width))
                left, top = (img.width - crop_w) // 2, (img.height - crop_h) // 2
                box = (left, top, left + crop_w, top + crop_h)
            img = img.resize((width, height), resample, box=box)
    return img


def img_to_array(img, data_format=None, dtype=None):
    """A PIL image as a ``(H, W, C)`` array (float32 by default; grayscale has C = 1)."""
    if data_format not in (None, "channels_last"):
        raise ValueError("course.keras supports data_format='channels_last' only")
    x = np.asarray(img, dtype=dtype or "float32")
    if x.ndim == 2:
        x = x[:, :, None]
    if x.ndim != 3:
        raise ValueError(f"img_to_array: unsupported image shape {x.shape}")
    return x


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A ``(H, W, C)`` array (C = 1, 3 or 4) as a PIL image; ``scale`` stretches the values
    to 0..255 first."""
    x = np.asarray(x, dtype="float32")
    if x.ndim != 3 or x.shape[-1] not in (1, 3, 4):
        raise ValueError(f"array_to_img: expected an image array of shape (H, W, 1|3|4), got "
                         f"shape {x.shape}")
    if scale:
        x = x - x.min()
        top = x.max()
        if top != 0:
            x = x / top
        x = x * 255
    x = np.clip(x, 0, 255).astype("uint8")
    if x.shape[-1] == 1:
        return Image.fromarray(x[:, :, 0], "L")
    return Image.fromarray(x, "RGB" if x.shape[-1] == 3 else "RGBA")


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Write the ``(H, W, C)`` array ``x`` as an image file (format from the name unless
    ``file_format`` is given)."""
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and (file_format == "jpeg" or str(path).lower().endswith(
            (".jpg", ".jpeg"))):
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)
