"""ch10.rotate: rotation about the image centre with bilinear interpolation, zeros outside."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.data.augment import rotate


def _cases(rng, hidden):
    def case(group, images, angle):
        return Case(group, {"images": images, "angle": angle})
    digit = np.zeros((1, 7, 7, 1))
    digit[0, 1:6, 3, 0] = 1.0                            # a vertical stroke
    cases = [case("0 degrees: the image itself", randn(rng, 2, 5, 6, 1), 0.0),
             case("90 degrees: a stroke turns on its side", digit, 90.0),
             case("30 degrees, odd size", randn(rng, 2, 7, 7, 1), 30.0),
             case("-45 degrees, even size", randn(rng, 1, 8, 8, 1), -45.0),
             case("not square, 3 channels, 20 degrees", randn(rng, 2, 6, 9, 3), 20.0),
             case("float32, 180 degrees", randn(rng, 1, 5, 5, 2, dtype=np.float32), 180.0)]
    for _ in range(4 if hidden else 0):
        h, w = (int(v) for v in rng.integers(3, 30, 2))
        cases.append(case("random", randn(rng, int(rng.integers(1, 4)), h, w,
                                          int(rng.integers(1, 4))),
                          float(rng.uniform(-180, 180))))
    return cases


def rotate__turned_the_wrong_way(images, angle):
    n, h, w, c = images.shape
    a = np.deg2rad(angle)
    i, j = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    ci, cj = (h - 1) / 2, (w - 1) / 2
    y = ci + np.cos(a) * (i - ci) + np.sin(a) * (j - cj)
    x = cj - np.sin(a) * (i - ci) + np.cos(a) * (j - cj)
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    out = np.zeros(images.shape)
    for dy in (0, 1):
        for dx in (0, 1):
            yy, xx = y0 + dy, x0 + dx
            weight = (1 - np.abs(y - yy)) * (1 - np.abs(x - xx))
            inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            values = images[:, np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1), :]
            out += (weight * inside)[None, :, :, None] * values
    return out.astype(np.float32)


def rotate__nearest_neighbour_instead_of_bilinear(images, angle):
    n, h, w, c = images.shape
    a = np.deg2rad(angle)
    i, j = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    ci, cj = (h - 1) / 2, (w - 1) / 2
    y = np.round(ci + np.cos(a) * (i - ci) - np.sin(a) * (j - cj)).astype(int)
    x = np.round(cj + np.sin(a) * (i - ci) + np.cos(a) * (j - cj)).astype(int)
    inside = (y >= 0) & (y < h) & (x >= 0) & (x < w)
    values = images[:, np.clip(y, 0, h - 1), np.clip(x, 0, w - 1), :]
    return (inside[None, :, :, None] * values).astype(np.float32)


def rotate__centre_at_h_2_w_2(images, angle):
    n, h, w, c = images.shape
    a = np.deg2rad(angle)
    i, j = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    ci, cj = h / 2, w / 2
    y = ci + np.cos(a) * (i - ci) - np.sin(a) * (j - cj)
    x = cj + np.sin(a) * (i - ci) + np.cos(a) * (j - cj)
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    out = np.zeros(images.shape)
    for dy in (0, 1):
        for dx in (0, 1):
            yy, xx = y0 + dy, x0 + dx
            weight = (1 - np.abs(y - yy)) * (1 - np.abs(x - xx))
            inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            values = images[:, np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1), :]
            out += (weight * inside)[None, :, :, None] * values
    return out.astype(np.float32)


def rotate__edge_pixels_repeated_outside(images, angle):
    n, h, w, c = images.shape
    a = np.deg2rad(angle)
    i, j = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    ci, cj = (h - 1) / 2, (w - 1) / 2
    y = ci + np.cos(a) * (i - ci) - np.sin(a) * (j - cj)
    x = cj + np.sin(a) * (i - ci) + np.cos(a) * (j - cj)
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    out = np.zeros(images.shape)
    for dy in (0, 1):
        for dx in (0, 1):
            yy, xx = y0 + dy, x0 + dx
            weight = (1 - np.abs(y - yy)) * (1 - np.abs(x - xx))
            values = images[:, np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1), :]
            out += weight[None, :, :, None] * values
    return out.astype(np.float32)


ROTATE = Exercise(
    id="ch10.rotate", name="rotate", reference=rotate, make_cases=_cases,
    output_names=("rotated",), rtol=1e-4, atol=1e-5, points=3,
    mistakes=[
        Mistake("turned the wrong way",
                "Output pixel (i, j) samples the input at the point rotated by +angle: "
                "y = c_i + cos a (i - c_i) - sin a (j - c_j), x = c_j + sin a (i - c_i) + "
                "cos a (j - c_j). Swapping the signs of the sines turns the picture the other way.",
                rotate__turned_the_wrong_way),
        Mistake("nearest neighbour instead of bilinear",
                "Rounding the source point to the nearest pixel makes jagged strokes. Mix the "
                "four neighbours around (y, x), each weighted by (1 - |y - y'|)(1 - |x - x'|).",
                rotate__nearest_neighbour_instead_of_bilinear),
        Mistake("centre at H/2, W/2",
                "Pixel centres run from 0 to H - 1, so the middle of the image is at "
                "((H - 1) / 2, (W - 1) / 2); rotating about (H / 2, W / 2) also shifts the "
                "image by half a pixel.",
                rotate__centre_at_h_2_w_2),
        Mistake("edge pixels repeated outside",
                "A neighbour that falls outside the image contributes 0 (fill_mode "
                "\"constant\", cval 0), not the nearest edge pixel: clipping the indices "
                "without zeroing their weights smears the border into the corners.",
                rotate__edge_pixels_repeated_outside),
    ],
    summary="rotation with bilinear interpolation")
