"""Train the course's pretrained networks on Fashion-MNIST and write their weight files.

    .venv/bin/python -m course.examples.train_fashion_features --epochs 3

writes ``course/keras/applications/weights/fashion_{vgg,mobilenet}{,_notop}.h5`` (Keras's
legacy HDF5 layout) and the test-image sample ``fashion_mnist_test_sample.npz``, and prints
their md5, to be recorded in ``applications/fashion.py``.
Fashion-MNIST is read as ``course.keras.datasets.fashion_mnist`` finds it (Debian's
``dataset-fashion-mnist`` package offline). Seeded: the same run gives the same weights.
"""

import argparse

import numpy as np

from course import keras
from course.data.download import file_checksum
from course.keras.applications import fashion, weights_file


def train(build, x, y, x_test, y_test, epochs, seed):
    """Train ``build(weights=None)`` with Adam; returns the model and its test accuracy."""
    keras.utils.set_random_seed(seed)
    model = build(weights=None)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, batch_size=64, epochs=epochs, validation_data=(x_test, y_test), verbose=2)
    return model, model.evaluate(x_test, y_test, verbose=0)[1]


def save(build, model):
    """Write the full model's file and the file of the same network without its top."""
    for include_top in (True, False):
        target = build(weights=None, include_top=include_top)
        for layer in target.layers:
            if layer.weights:
                layer.set_weights(model.get_layer(layer.name).get_weights())
        path = fashion.WEIGHTS_DIR / f"{target.name}{'' if include_top else '_notop'}.h5"
        path.parent.mkdir(exist_ok=True)
        weights_file.save_weights(target, path)
        print(f'    "{path.name}": "{file_checksum(path)}",')


def save_sample(x_test, y_test, per_class=50):
    """Write the first ``per_class`` test images of each class (in the split's order)."""
    index = np.sort(np.concatenate([np.flatnonzero(y_test == c)[:per_class]
                                    for c in range(10)]))
    path = fashion.WEIGHTS_DIR / fashion.SAMPLE_FILE
    np.savez_compressed(path, x=x_test[index], y=y_test[index])
    print(f'SAMPLE_MD5 = "{file_checksum(path)}"')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60000, help="training images used")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    (x, y), (x_test, y_test) = keras.datasets.fashion_mnist.load_data(verbose=True)
    save_sample(x_test, y_test)
    x = (x[:args.samples, ..., None] / np.float32(255)).astype(np.float32)
    x_test = (x_test[..., None] / np.float32(255)).astype(np.float32)
    y = y[:args.samples]
    for build in (fashion.FashionVGG, fashion.FashionMobileNet):
        model, accuracy = train(build, x, y, x_test, y_test, args.epochs, args.seed)
        print(f"{model.name}: Fashion-MNIST test accuracy {accuracy:.4f}")
        save(build, model)


if __name__ == "__main__":
    main()
