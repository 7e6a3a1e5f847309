"""Images from files: load/save with Pillow, image_dataset_from_directory against Keras 3's
file order, split and pixels (tests/keras_reference/layers_image_files.npz), and
ImageDataGenerator's fit and flow_from_directory."""

import numpy as np
import pytest
from keras_reference import load
from PIL import Image

from course.keras import layers, utils
from course.keras.models import Sequential
from course.keras.preprocessing.image import ImageDataGenerator

REF = load("layers_image_files")


@pytest.fixture
def folder(tmp_path):
    """The class folders the reference script wrote, rebuilt from its pixels with Pillow."""
    for key, pixels in REF.items():
        if key.startswith("pixels_"):
            _, name, i = key.split("_")
            (tmp_path / name).mkdir(exist_ok=True)
            Image.fromarray(pixels).save(tmp_path / name / f"img_{i}.png")
    (tmp_path / "cats" / "notes.txt").write_text("not an image")
    return tmp_path


def relative(paths, root):
    return [str(p)[len(str(root)) + 1:] for p in paths]


def test_files_classes_and_pixels_match_keras(folder, capsys):
    plain = utils.image_dataset_from_directory(folder, image_size=(5, 7), shuffle=False)
    assert "Found 12 files belonging to 3 classes." in capsys.readouterr().out
    assert plain.class_names == REF["class_names"].tolist() and len(plain) == 1
    assert relative(plain.file_paths, folder) == REF["plain_paths"].tolist()
    images, labels = next(iter(plain))
    np.testing.assert_allclose(images, REF["plain_images"], rtol=1e-5, atol=1e-3)
    np.testing.assert_array_equal(labels, REF["plain_labels"])
    nearest = utils.image_dataset_from_directory(folder, image_size=(5, 7), shuffle=False,
                                                 interpolation="nearest",
                                                 label_mode="categorical")
    images, labels = next(iter(nearest))
    np.testing.assert_array_equal(images, REF["nearest_images"])
    np.testing.assert_array_equal(labels, REF["nearest_labels"])


def test_seeded_validation_split_matches_keras(folder):
    for subset in ("training", "validation"):
        split = utils.image_dataset_from_directory(folder, image_size=(5, 7), seed=42,
                                                   validation_split=0.3, subset=subset)
        assert relative(split.file_paths, folder) == REF[f"{subset}_paths"].tolist()
    train, val = utils.image_dataset_from_directory(folder, image_size=(5, 7), seed=42,
                                                    batch_size=4, validation_split=0.3,
                                                    subset="both")
    assert (len(train), len(val)) == (3, 1)
    assert sorted(train.file_paths + val.file_paths) == sorted(
        str(p) for p in folder.glob("*/*.png"))
    epochs = [np.concatenate([labels for _, labels in train]) for _ in range(2)]
    assert sorted(epochs[0]) == sorted(epochs[1]) and len(epochs[0]) == 9


def test_a_model_trains_on_a_directory_dataset(folder):
    train = utils.image_dataset_from_directory(folder, image_size=(8, 8), batch_size=4, seed=1)
    model = Sequential([layers.Input((8, 8, 3)), layers.Rescaling(1 / 255),
                        layers.RandomFlip("horizontal", seed=0), layers.Flatten(),
                        layers.Dense(3)])
    model.compile("adam", "sparse_categorical_crossentropy")
    history = model.fit(train, validation_data=train, epochs=2, verbose=0)
    assert len(history.history["val_loss"]) == 2


def test_load_save_and_convert_images(tmp_path):
    pixels = REF["pixels_cats_0"]
    utils.save_img(tmp_path / "a.png", pixels, scale=False)
    img = utils.load_img(tmp_path / "a.png")
    np.testing.assert_array_equal(utils.img_to_array(img), pixels.astype(np.float32))
    gray = utils.img_to_array(utils.load_img(tmp_path / "a.png", color_mode="grayscale",
                                             target_size=(3, 4)))
    assert gray.shape == (3, 4, 1) and gray.dtype == np.float32
    stretched = utils.img_to_array(utils.array_to_img(np.array([[[0.0], [0.5], [2.0]]])))
    np.testing.assert_array_equal(stretched[0, :, 0], [0, 63, 255])


def test_bad_files_and_folders_get_clear_errors(folder, tmp_path):
    broken = folder / "dogs" / "img_9.png"
    broken.write_bytes(b"this is not a png")
    with pytest.raises(ValueError, match="img_9.png"):
        list(utils.image_dataset_from_directory(folder, image_size=(5, 7), batch_size=64))
    with pytest.raises(FileNotFoundError, match="Could not find directory"):
        utils.image_dataset_from_directory(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="no image file"):
        utils.load_img(tmp_path / "missing.png")
    with pytest.raises(ValueError, match="color_mode"):
        utils.image_dataset_from_directory(folder, color_mode="cmyk")
    with pytest.raises(ValueError, match="label_mode"):
        utils.image_dataset_from_directory(folder, label_mode="onehot")
    with pytest.raises(ValueError, match="exactly 2"):
        utils.image_dataset_from_directory(folder, label_mode="binary")
    with pytest.raises(ValueError, match="class_mode"):
        ImageDataGenerator().flow_from_directory(folder, class_mode="onehot")
    with pytest.raises(ValueError, match="has not been fit"):
        ImageDataGenerator(featurewise_center=True).standardize(np.zeros((1, 2, 2, 1)))


def test_flow_from_directory_lists_classes_and_files_as_keras(folder, capsys):
    flow = ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        folder, target_size=(4, 5), batch_size=5, shuffle=False)
    assert "Found 12 images belonging to 3 classes." in capsys.readouterr().out
    assert flow.class_indices == {"birds": 0, "cats": 1, "dogs": 2} and flow.samples == 12
    assert flow.filenames == REF["plain_paths"].tolist()
    np.testing.assert_array_equal(flow.classes, REF["plain_labels"])
    x, y = flow[0]
    assert x.shape == (5, 4, 5, 3) and 0 <= x.min() and x.max() <= 1
    np.testing.assert_array_equal(y.argmax(1), REF["plain_labels"][:5])
    picked = ImageDataGenerator().flow_from_directory(folder, classes=["dogs", "cats"],
                                                      class_mode="sparse", seed=3)
    assert picked.class_indices == {"dogs": 0, "cats": 1} and picked.samples == 9


def test_featurewise_statistics_and_zca_whitening():
    x = np.random.default_rng(0).normal(3, 2, size=(200, 3, 3, 2)).astype(np.float32)
    gen = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True)
    gen.fit(x)
    np.testing.assert_allclose(gen.mean.ravel(), x.mean(axis=(0, 1, 2)), rtol=1e-5)
    out = gen.standardize(x)
    np.testing.assert_allclose(out.mean(axis=(0, 1, 2)), 0, atol=1e-4)
    np.testing.assert_allclose(out.std(axis=(0, 1, 2)), 1, atol=1e-4)
    zca = ImageDataGenerator(featurewise_center=True, zca_whitening=True)
    zca.fit(x)
    flat = zca.standardize(x).reshape(len(x), -1)
    np.testing.assert_allclose(flat.T @ flat / len(x), np.eye(18), atol=1e-3)
