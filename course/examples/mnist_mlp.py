"""Train the classic Keras MNIST MLP from a terminal.

    python -m course.examples.mnist_mlp [--epochs 5] [--batch-size 128] [--fashion]

The model is the one the Keras tutorials use: Dense(128, relu) -> Dense(10, softmax) on
flattened 28x28 images scaled to [0, 1], trained with Adam on sparse labels. The data
comes from ``course.keras.datasets`` (a data folder, the user cache, or a download).
"""

import argparse

from course import keras


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train the Keras MNIST MLP on course.keras")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--fashion", action="store_true", help="use Fashion-MNIST")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    dataset = keras.datasets.fashion_mnist if args.fashion else keras.datasets.mnist
    (x_train, y_train), (x_test, y_test) = dataset.load_data(verbose=True)
    x_train = x_train.reshape(-1, 784) / 255.0
    x_test = x_test.reshape(-1, 784) / 255.0

    keras.utils.set_random_seed(args.seed)
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.summary()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs,
              validation_split=0.1)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss: {loss:.4f}  Test accuracy: {accuracy:.4f}")
    return accuracy


if __name__ == "__main__":
    main()
