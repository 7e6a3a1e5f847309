"""Keras 3 and tf.data on the reader idioms of tests/test_reader_idioms.py: the same
snippets, on the same seeded data and weights, give the numbers the tests compare with.

Run with TensorFlow: ``/work/venvs/tf/bin/python tests/keras_reference/make_idioms.py``.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import layers  # noqa: E402

from keras_reference import save  # noqa: E402

rng = np.random.default_rng(2024)
out = {}


def weights_of(model, prefix):
    """Fresh seeded weights for ``model``, set on it and saved as ``<prefix>_w<i>``."""
    ws = [rng.normal(size=w.shape).astype(np.float32) * 0.3 for w in model.get_weights()]
    model.set_weights(ws)
    for i, w in enumerate(ws):
        out[f"{prefix}_w{i}"] = w


def beginner():
    """tensorflow.org/tutorials/quickstart/beginner: logits and the untrained loss."""
    x = rng.uniform(size=(2, 6, 6)).astype(np.float32)
    y = np.array([5, 0])
    model = keras.Sequential([layers.Flatten(input_shape=(6, 6)),
                              layers.Dense(8, activation="relu"), layers.Dropout(0.2),
                              layers.Dense(10)])
    weights_of(model, "beginner")
    predictions = model(x[:1]).numpy()
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    out.update(beginner_x=x, beginner_y=y, beginner_logits=predictions,
               beginner_softmax=tf.nn.softmax(predictions).numpy(),
               beginner_loss=loss_fn(y[:1], predictions).numpy())


def schedules():
    """overfit_and_underfit's InverseTimeDecay; the Keras guide's ExponentialDecay."""
    steps = np.array([0, 1, 10, 500, 20000, 60000])
    inverse = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=20 * 1000,
                                                          decay_rate=1, staircase=False)
    exponential = keras.optimizers.schedules.ExponentialDecay(
        initial_learning_rate=1e-2, decay_steps=10000, decay_rate=0.9)
    out.update(schedule_steps=steps,
               inverse_time=np.array([float(inverse(s)) for s in steps]),
               exponential=np.array([float(exponential(s)) for s in steps]))


def pipelines():
    """The tf.data guide's padded_batch, window and interleave examples."""
    ds = tf.data.Dataset.range(100).map(lambda x: tf.fill([tf.cast(x, tf.int32)], x))
    padded = [b.numpy() for b in ds.padded_batch(4, padded_shapes=(None,)).take(2)]
    out.update(padded_0=padded[0], padded_1=padded[1])
    range_ds = tf.data.Dataset.range(100000)
    windows = range_ds.window(5, shift=1)
    out["window_flat"] = np.array([x.numpy() for x in windows.flat_map(lambda x: x).take(30)])
    out["window_batches"] = np.stack([e.numpy() for e in windows.flat_map(
        lambda sub: sub.batch(5, drop_remainder=True)).take(5)])

    def make_window_dataset(ds, window_size=5, shift=1, stride=1):
        windows = ds.window(window_size, shift=shift, stride=stride)

        def sub_to_batch(sub):
            return sub.batch(window_size, drop_remainder=True)
        return windows.flat_map(sub_to_batch)
    strided = make_window_dataset(range_ds, window_size=10, shift=5, stride=3)
    out["window_strided"] = np.stack([e.numpy() for e in strided.take(3)])
    partial = tf.data.Dataset.range(7).window(3, shift=2)
    out["window_partial"] = np.array([len(list(w)) for w in partial])
    a = tf.data.Dataset.range(1, 6)
    out["interleave"] = np.array(list(a.interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(6), cycle_length=2,
        block_length=4).as_numpy_iterator()))


def ticket_model():
    """keras.io/guides/functional_api: the ticket classifier, evaluated before training."""
    num_tags, num_words, num_departments = 6, 40, 3
    title_input = keras.Input(shape=(None,), name="title")
    body_input = keras.Input(shape=(None,), name="body")
    tags_input = keras.Input(shape=(num_tags,), name="tags")
    title_features = layers.Embedding(num_words, 8)(title_input)
    body_features = layers.Embedding(num_words, 8)(body_input)
    title_features = layers.LSTM(6)(title_features)
    body_features = layers.LSTM(4)(body_features)
    x = layers.concatenate([title_features, body_features, tags_input])
    priority_pred = layers.Dense(1, name="priority")(x)
    department_pred = layers.Dense(num_departments, name="department")(x)
    model = keras.Model(inputs=[title_input, body_input, tags_input],
                        outputs={"priority": priority_pred, "department": department_pred})
    weights_of(model, "ticket")
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
                        "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
                  loss_weights={"priority": 1.0, "department": 0.2})
    title_data = rng.integers(0, num_words, size=(12, 5))
    body_data = rng.integers(0, num_words, size=(12, 7))
    tags_data = rng.integers(0, 2, size=(12, num_tags)).astype("float32")
    priority_targets = rng.random(size=(12, 1))
    dept_targets = rng.integers(0, 2, size=(12, num_departments))
    out.update(ticket_title=title_data, ticket_body=body_data, ticket_tags=tags_data,
               ticket_priority=priority_targets, ticket_dept=dept_targets)
    result = model.evaluate({"title": title_data, "body": body_data, "tags": tags_data},
                            {"priority": priority_targets, "department": dept_targets},
                            verbose=0, return_dict=True)
    for key, value in result.items():
        out[f"ticket_eval_{key}"] = value


class MyLRSchedule(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, initial_learning_rate):
        self.initial_learning_rate = initial_learning_rate

    def __call__(self, step):
        step = tf.cast(step, dtype=tf.float32)
        return self.initial_learning_rate / (step + 1)


def custom_schedule():
    """A LearningRateSchedule subclass (tensorflow.org/text/tutorials/transformer casts
    the step as here)."""
    x = rng.normal(size=(12, 3)).astype(np.float32)
    y = rng.normal(size=(12, 1)).astype(np.float32)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    weights_of(model, "schedule")
    optimizer = keras.optimizers.SGD(learning_rate=MyLRSchedule(0.1))
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    out.update(schedule_x=x, schedule_y=y, schedule_kernel=model.get_weights()[0],
               schedule_bias=model.get_weights()[1])


def custom_loop():
    """keras.io/guides/writing_a_training_loop_from_scratch (TensorFlow): three steps."""
    x_train = rng.normal(size=(24, 5)).astype(np.float32)
    y_train = rng.integers(0, 3, size=24)
    inputs = keras.Input(shape=(5,), name="digits")
    x1 = layers.Dense(6, activation="relu")(inputs)
    outputs = layers.Dense(3, name="predictions")(x1)
    model = keras.Model(inputs=inputs, outputs=outputs)
    weights_of(model, "loop")
    optimizer = keras.optimizers.SGD(learning_rate=1e-1)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    train_acc_metric = keras.metrics.SparseCategoricalAccuracy()
    train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(8)
    losses = []
    for step, (x_batch_train, y_batch_train) in enumerate(train_dataset):
        with tf.GradientTape() as tape:
            logits = model(x_batch_train, training=True)
            loss_value = loss_fn(y_batch_train, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        train_acc_metric.update_state(y_batch_train, logits)
        losses.append(float(loss_value))
    out.update(loop_x=x_train, loop_y=y_train, loop_losses=np.array(losses),
               loop_acc=float(train_acc_metric.result()))
    for i, w in enumerate(model.get_weights()):
        out[f"loop_trained_{i}"] = w


def convnet():
    """keras.io/examples/vision/mnist_convnet, on 10x10 images with fixed weights."""
    x_test = rng.uniform(size=(6, 10, 10)).astype("float32")
    y_test = rng.integers(0, 3, size=6)
    x = np.expand_dims(x_test, -1)
    y = keras.utils.to_categorical(y_test, 3)
    model = keras.Sequential([keras.Input(shape=(10, 10, 1)),
                              layers.Conv2D(4, kernel_size=(3, 3), activation="relu"),
                              layers.MaxPooling2D(pool_size=(2, 2)),
                              layers.Conv2D(5, kernel_size=(3, 3), activation="relu"),
                              layers.MaxPooling2D(pool_size=(2, 2)),
                              layers.Flatten(), layers.Dropout(0.5),
                              layers.Dense(3, activation="softmax")])
    weights_of(model, "convnet")
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    out.update(convnet_x=x_test, convnet_y=y_test,
               convnet_score=np.array(model.evaluate(x, y, verbose=0)))


def categorical():
    """keras.io/api/utils/python_utils: to_categorical's example."""
    a = keras.utils.to_categorical([0, 1, 2, 3], num_classes=4)
    b = np.array([.9, .04, .03, .03, .3, .45, .15, .13, .04, .01, .94, .05, .12, .21, .5,
                  .17]).reshape(4, 4)
    out["categorical_loss"] = np.asarray(keras.ops.categorical_crossentropy(a, b))
    logits = rng.normal(size=(4, 4)).astype("float32")
    out["ops_logits"] = logits
    out["ops_categorical_logits"] = np.asarray(
        keras.ops.categorical_crossentropy(a, logits, from_logits=True))
    out["ops_sparse"] = np.asarray(keras.ops.sparse_categorical_crossentropy(
        np.array([0, 1, 2, 3]), b.astype("float32")))
    targets = np.array([[0.0, 1.0, 1.0, 0.0]] * 4, dtype="float32")
    out["ops_binary"] = np.asarray(keras.ops.binary_crossentropy(targets, b.astype("float32")))
    out["ops_binary_logits"] = np.asarray(keras.ops.binary_crossentropy(targets, logits,
                                                                        from_logits=True))


def timeseries():
    """keras.io/api/data_loading/timeseries: strided, sampled windows between two indices."""
    data = np.arange(60, dtype="float32").reshape(30, 2)
    targets = np.arange(30) * 10
    ds = keras.utils.timeseries_dataset_from_array(
        data, targets, sequence_length=4, sequence_stride=3, sampling_rate=2, batch_size=3,
        start_index=2, end_index=27)
    batches = list(ds.as_numpy_iterator())
    out.update(series_x=np.concatenate([b[0] for b in batches]),
               series_y=np.concatenate([b[1] for b in batches]),
               series_sizes=np.array([len(b[0]) for b in batches]))


def tf_image():
    """tensorflow.org/tutorials/images/data_augmentation "Using tf.image"."""
    image = np.random.default_rng(5).integers(0, 256, (5, 7, 3)).astype("uint8")
    floats = tf.image.convert_image_dtype(image, tf.float32)
    out.update(image=image, image_float=floats.numpy(),
               image_flipped=tf.image.flip_left_right(image).numpy(),
               image_grayscale=tf.image.rgb_to_grayscale(image).numpy(),
               image_bright=tf.image.adjust_brightness(floats, 0.4).numpy(),
               image_cropped=tf.image.central_crop(floats, central_fraction=0.5).numpy(),
               image_rotated=tf.image.rot90(image).numpy(),
               image_resized=tf.image.resize(image, [4, 9]).numpy(),
               image_back=tf.image.convert_image_dtype(floats, tf.uint8).numpy())


if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    for make in (beginner, schedules, pipelines, ticket_model, custom_schedule, custom_loop,
                 convnet, categorical, timeseries, tf_image):
        make()
    save("idioms", out)
    print(sorted(out))
