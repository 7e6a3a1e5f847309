"""Reader idioms: snippets from keras.io guides and examples, TensorFlow tutorials and the
Keras API documentation, as a reader types them, with only the import prefix replaced
(``import course.tf as tf``, ``from course import keras``, ``from course.keras import
layers``). Each test names its source; numbers are compared with what Keras and tf.data
computed on the same data and weights (tests/keras_reference/make_idioms.py).

Data are small and built here (the tutorials download MNIST, IMDB or flower photos).
"""

import os
import re
import string

import numpy as np
import pytest
from keras_reference import load
from PIL import Image
from test_model_subclassing import CustomStepModel

import course.tf as tf
from course import keras
from course.keras import layers, losses

REF = load("idioms")
REF_B = np.array([.9, .04, .03, .03, .3, .45, .15, .13, .04, .01, .94, .05, .12, .21, .5,
                  .17]).reshape(4, 4)  # the probabilities of to_categorical's doc example
TOL = dict(rtol=1e-5, atol=1e-5)


@pytest.fixture(autouse=True)
def seeded():
    """Every idiom starts from one seed, as the tutorials' ``keras.utils.set_random_seed``."""
    keras.utils.set_random_seed(0)


def ref_weights(prefix):
    return [REF[f"{prefix}_w{i}"] for i in range(sum(k.startswith(f"{prefix}_w") for k in REF))]


def digits(n, size=6, classes=3, seed=0):
    """``n`` images whose class is the brighter third of the picture, and their labels."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    x = rng.uniform(0, 0.3, (n, size, size)).astype("float32")
    for i, c in enumerate(y):
        x[i, :, c * size // classes:(c + 1) * size // classes] += 0.7
    return x, y


# -- TensorFlow tutorials ------------------------------------------------------------------

def test_beginner_quickstart_logits_softmax_and_untrained_loss():
    """tensorflow.org/tutorials/quickstart/beginner: model(x).numpy(), tf.nn.softmax,
    SparseCategoricalCrossentropy(from_logits=True) on one example."""
    x_train, y_train = REF["beginner_x"], REF["beginner_y"]
    model = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(input_shape=(6, 6)),
        tf.keras.layers.Dense(8, activation='relu'),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10)
    ])
    model.set_weights(ref_weights("beginner"))
    predictions = model(x_train[:1]).numpy()
    np.testing.assert_allclose(predictions, REF["beginner_logits"], **TOL)
    np.testing.assert_allclose(tf.nn.softmax(predictions).numpy(), REF["beginner_softmax"],
                               **TOL)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    np.testing.assert_allclose(loss_fn(y_train[:1], predictions).numpy(),
                               REF["beginner_loss"], **TOL)


def test_beginner_quickstart_compile_fit_evaluate_and_probability_model():
    """tensorflow.org/tutorials/quickstart/beginner: compile, fit, evaluate(verbose=2),
    Sequential([model, Softmax()])."""
    (x_train, y_train), (x_test, y_test) = digits(96), digits(24, seed=1)
    model = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(input_shape=(6, 6)),
        tf.keras.layers.Dense(32, activation='relu'),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10)
    ])
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer='adam', loss=loss_fn, metrics=['accuracy'])
    history = model.fit(x_train, y_train, epochs=40, verbose=0)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=2)
    assert history.history["loss"][-1] < history.history["loss"][0] and accuracy > 0.9
    probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
    probabilities = probability_model(x_test[:5])
    assert probabilities.shape == (5, 10)
    np.testing.assert_allclose(np.sum(probabilities, axis=1), 1.0, rtol=1e-5)


def test_quickstart_for_experts_subclassed_model_and_train_step():
    """tensorflow.org/tutorials/quickstart/advanced: a subclassed Model, tf.data batches,
    @tf.function train_step with GradientTape, Mean and SparseCategoricalAccuracy."""
    x_train, y_train = digits(64)
    x_train = x_train[..., tf.newaxis].astype("float32")
    train_ds = tf.data.Dataset.from_tensor_slices(
        (x_train, y_train)).shuffle(10000, seed=0).batch(32)

    class MyModel(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.conv1 = tf.keras.layers.Conv2D(4, 3, activation='relu')
            self.flatten = tf.keras.layers.Flatten()
            self.d1 = tf.keras.layers.Dense(16, activation='relu')
            self.d2 = tf.keras.layers.Dense(10)

        def call(self, x):
            x = self.conv1(x)
            x = self.flatten(x)
            x = self.d1(x)
            return self.d2(x)

    model = MyModel()
    loss_object = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = tf.keras.optimizers.Adam()
    train_loss = tf.keras.metrics.Mean(name='train_loss')
    train_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name='train_accuracy')

    @tf.function
    def train_step(images, labels):
        with tf.GradientTape() as tape:
            predictions = model(images, training=True)
            loss = loss_object(labels, predictions)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        train_loss(loss)
        train_accuracy(labels, predictions)

    epoch_losses = []
    for epoch in range(40):
        train_loss.reset_state()
        train_accuracy.reset_state()
        for images, labels in train_ds:
            train_step(images, labels)
        epoch_losses.append(float(train_loss.result()))
    assert epoch_losses[-1] < 0.5 * epoch_losses[0]
    assert float(train_accuracy.result() * 100) > 90


def test_classification_tutorial_predict_one_image():
    """tensorflow.org/tutorials/keras/classification: evaluate -> (test_loss, test_acc),
    np.argmax(predictions[0]), a single image through np.expand_dims."""
    (train_images, train_labels), (test_images, test_labels) = digits(96), digits(12, seed=3)
    model = tf.keras.Sequential([
        tf.keras.layers.Flatten(input_shape=(6, 6)),
        tf.keras.layers.Dense(32, activation='relu'),
        tf.keras.layers.Dense(10)
    ])
    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    model.fit(train_images, train_labels, epochs=40, verbose=0)
    test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
    probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
    predictions = probability_model.predict(test_images)
    assert predictions.shape == (12, 10) and np.argmax(predictions[0]) == test_labels[0]
    img = test_images[1]
    img = (np.expand_dims(img, 0))
    predictions_single = probability_model.predict(img)
    assert img.shape == (1, 6, 6) and predictions_single.shape == (1, 10)
    assert np.argmax(predictions_single[0]) == test_labels[1] and test_acc > 0.9


def test_overfit_and_underfit_schedule_regularizer_and_early_stopping():
    """tensorflow.org/tutorials/keras/overfit_and_underfit: InverseTimeDecay into Adam, an
    l2 kernel_regularizer, metrics with a named BinaryCrossentropy, EarlyStopping on it."""
    STEPS_PER_EPOCH = 20
    lr_schedule = tf.keras.optimizers.schedules.InverseTimeDecay(
        0.001, decay_steps=STEPS_PER_EPOCH * 1000, decay_rate=1, staircase=False)
    np.testing.assert_allclose([float(lr_schedule(s)) for s in REF["schedule_steps"]],
                               REF["inverse_time"], **TOL)
    rng = np.random.default_rng(0)
    features = rng.normal(size=(80, 28)).astype("float32")
    labels = (features[:, 0] > 0).astype("float32")
    l2_model = tf.keras.Sequential([
        layers.Dense(16, activation='elu', kernel_regularizer=tf.keras.regularizers.l2(0.001),
                     input_shape=(28,)),
        layers.Dropout(0.5),
        layers.Dense(1)
    ])
    l2_model.compile(optimizer=tf.keras.optimizers.Adam(lr_schedule),
                     loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
                     metrics=[tf.keras.losses.BinaryCrossentropy(from_logits=True,
                                                                 name='binary_crossentropy'),
                              'accuracy'])
    history = l2_model.fit(features[:60], labels[:60], batch_size=20, steps_per_epoch=3, epochs=4,
                           validation_data=(features[60:], labels[60:]), verbose=0,
                           callbacks=[tf.keras.callbacks.EarlyStopping(
                               monitor='val_binary_crossentropy', patience=200)])
    assert set(history.history) == {"accuracy", "binary_crossentropy", "loss",
                                    "val_accuracy", "val_binary_crossentropy", "val_loss"}
    assert len(history.history["loss"]) == 4


def test_overfit_and_underfit_pack_rows_with_batch_map_unbatch():
    """tensorflow.org/tutorials/keras/overfit_and_underfit: packed_ds =
    ds.batch(10000).map(pack_row).unbatch(), take/skip/cache, shuffle().repeat().batch()."""
    rng = np.random.default_rng(1)
    columns = tuple(rng.normal(size=50).astype("float32") for _ in range(5))
    ds = tf.data.Dataset.from_tensor_slices(columns)

    def pack_row(*row):
        label = row[0]
        features = tf.stack(row[1:], 1)
        return features, label

    packed_ds = ds.batch(10000).map(pack_row).unbatch()
    for features, label in packed_ds.batch(1000).take(1):
        assert features.shape == (50, 4) and label.shape == (50,)
        np.testing.assert_array_equal(features[:, 1], columns[2])
    validate_ds = packed_ds.take(10).cache()
    train_ds = packed_ds.skip(10).take(40).cache()
    assert len(list(validate_ds)) == 10 and len(list(train_ds)) == 40
    train_ds = train_ds.shuffle(40, seed=0).repeat().batch(8)
    model = tf.keras.Sequential([layers.Dense(4, activation='elu', input_shape=(4,)),
                                 layers.Dense(1)])
    model.compile(optimizer='adam', loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
    history = model.fit(train_ds, steps_per_epoch=5, epochs=2,
                        validation_data=validate_ds.batch(8), verbose=0)
    assert len(history.history["val_loss"]) == 2


REVIEWS = {"pos": ["a great film, I loved it", "wonderful acting<br />great story",
                   "loved the music and the great cast", "a wonderful, moving film"],
           "neg": ["a terrible film, I hated it", "boring story<br />awful acting",
                   "hated the music and the terrible cast", "an awful, boring film"]}


@pytest.fixture
def reviews(tmp_path):
    """aclImdb's layout: train/<class>/<n>.txt."""
    for label, texts in REVIEWS.items():
        (tmp_path / "train" / label).mkdir(parents=True)
        for i, text in enumerate(texts):
            (tmp_path / "train" / label / f"{i}.txt").write_text(text)
    return tmp_path / "train"


def test_text_classification_dataset_from_directory_and_custom_standardization(reviews):
    """tensorflow.org/tutorials/keras/text_classification: text_dataset_from_directory,
    class_names, tf.strings in a custom standardization, adapt on a mapped dataset."""
    raw_train_ds = tf.keras.utils.text_dataset_from_directory(
        reviews, batch_size=4, validation_split=0.25, subset='training', seed=42)
    assert raw_train_ds.class_names == ["neg", "pos"]
    for text_batch, label_batch in raw_train_ds.take(1):
        assert text_batch.shape == (4,) and label_batch.shape == (4,)
        assert isinstance(text_batch.numpy()[0], bytes)
        assert set(label_batch.numpy()) <= {0, 1}

    def custom_standardization(input_data):
        lowercase = tf.strings.lower(input_data)
        stripped_html = tf.strings.regex_replace(lowercase, '<br />', ' ')
        return tf.strings.regex_replace(stripped_html,
                                        '[%s]' % re.escape(string.punctuation), '')

    vectorize_layer = layers.TextVectorization(
        standardize=custom_standardization, max_tokens=30, output_mode='int',
        output_sequence_length=8)
    train_text = raw_train_ds.map(lambda x, y: x)
    vectorize_layer.adapt(train_text)
    vocabulary = vectorize_layer.get_vocabulary()
    assert vocabulary[:2] == ["", "[UNK]"] and "br" not in vocabulary
    assert all(w == w.lower() and "," not in w for w in vocabulary[2:])

    def vectorize_text(text, label):
        text = tf.expand_dims(text, -1)
        return vectorize_layer(text), label

    text_batch, label_batch = next(iter(raw_train_ds))
    first_review, first_label = text_batch[0], label_batch[0]
    vectorized, label = vectorize_text(first_review, first_label)
    assert vectorized.shape == (1, 8) and int(label) == int(first_label)
    assert vectorized.numpy().dtype == np.int64 and vectorized.numpy()[0, 0] >= 1
    assert raw_train_ds.class_names[first_label] in ("neg", "pos")


def test_text_classification_train_then_export_model_on_raw_strings(reviews):
    """tensorflow.org/tutorials/keras/text_classification: train on vectorized batches,
    then export_model = Sequential([vectorize_layer, model, Activation('sigmoid')])."""
    raw_train_ds = tf.keras.utils.text_dataset_from_directory(reviews, batch_size=4, seed=42)
    vectorize_layer = layers.TextVectorization(max_tokens=40, output_mode='int',
                                               output_sequence_length=8)
    vectorize_layer.adapt(raw_train_ds.map(lambda x, y: x))

    def vectorize_text(text, label):
        text = tf.expand_dims(text, -1)
        return vectorize_layer(text), label

    AUTOTUNE = tf.data.AUTOTUNE
    train_ds = raw_train_ds.map(vectorize_text).cache().prefetch(buffer_size=AUTOTUNE)
    model = tf.keras.Sequential([
        layers.Embedding(40, 8),
        layers.Dropout(0.2),
        layers.GlobalAveragePooling1D(),
        layers.Dropout(0.2),
        layers.Dense(1)])
    model.compile(loss=losses.BinaryCrossentropy(from_logits=True), optimizer=keras.optimizers.Adam(0.05),
                  metrics=[tf.metrics.BinaryAccuracy(threshold=0.0)])
    history = model.fit(train_ds, validation_data=train_ds, epochs=20, verbose=0)
    assert history.history["binary_accuracy"][-1] == 1.0
    export_model = tf.keras.Sequential([
        vectorize_layer,
        model,
        layers.Activation('sigmoid')
    ])
    export_model.compile(loss=losses.BinaryCrossentropy(from_logits=False),
                         optimizer="adam", metrics=['accuracy'])
    loss, accuracy = export_model.evaluate(raw_train_ds, verbose=0)
    assert accuracy == 1.0
    examples = tf.constant(["a great film, I loved it", "an awful, boring film"])
    scores = export_model.predict(examples)
    assert scores.shape == (2, 1) and scores[0, 0] > 0.5 > scores[1, 0]


def test_data_augmentation_tutorial_layers_as_a_model_and_in_a_map():
    """tensorflow.org/tutorials/images/data_augmentation: resize_and_rescale and
    data_augmentation Sequentials, an image through tf.expand_dims, both options."""
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (12, 12, 3)).astype("uint8")
    IMG_SIZE = 8

    def make_resize_and_rescale():
        return tf.keras.Sequential([
            layers.Resizing(IMG_SIZE, IMG_SIZE),
            layers.Rescaling(1./255)
        ])

    result = make_resize_and_rescale()(image)  # one picture, as the tutorial shows it
    assert result.shape == (8, 8, 3) and 0 <= result.numpy().min() and result.numpy().max() <= 1
    resize_and_rescale = make_resize_and_rescale()  # Keras 3 builds a model on its first call
    data_augmentation = tf.keras.Sequential([
        layers.RandomFlip("horizontal_and_vertical"),
        layers.RandomRotation(0.2),
    ])
    image = tf.cast(tf.expand_dims(result * 255, 0), tf.float32)
    augmented_image = data_augmentation(image)
    assert augmented_image.shape == (1, 8, 8, 3) and image.dtype == np.float32
    model = tf.keras.Sequential([
        resize_and_rescale,
        data_augmentation,
        layers.Conv2D(4, 3, padding='same', activation='relu'),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(2)
    ])
    x = rng.integers(0, 256, (8, 12, 12, 3)).astype("float32")
    y = rng.integers(0, 2, 8)
    train_ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    aug_ds = train_ds.map(lambda x, y: (resize_and_rescale(x, training=True), y))
    assert next(iter(aug_ds))[0].shape == (4, 8, 8, 3)
    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    history = model.fit(train_ds, validation_data=train_ds, epochs=2, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}


@pytest.fixture
def flowers(tmp_path):
    """flower_photos' layout: <class>/<file>.png, 5 pictures of each of three classes."""
    rng = np.random.default_rng(0)
    for c, name in enumerate(["daisy", "roses", "tulips"]):
        (tmp_path / name).mkdir()
        for i in range(5):
            pixels = rng.integers(0, 60, (10, 14, 3)).astype("uint8")
            pixels[..., c] += 190
            Image.fromarray(pixels).save(tmp_path / name / f"{i}.png")
    return tmp_path


def test_load_images_tutorial_dataset_from_directory_is_a_dataset(flowers):
    """tensorflow.org/tutorials/load_data/images: image_dataset_from_directory with a
    validation split, class_names, cache().shuffle().prefetch(), a Rescaling map."""
    img_height, img_width, batch_size = 8, 8, 4
    train_ds = tf.keras.utils.image_dataset_from_directory(
        flowers, validation_split=0.2, subset="training", seed=123,
        image_size=(img_height, img_width), batch_size=batch_size)
    val_ds = tf.keras.utils.image_dataset_from_directory(
        flowers, validation_split=0.2, subset="validation", seed=123,
        image_size=(img_height, img_width), batch_size=batch_size)
    class_names = train_ds.class_names
    assert class_names == ['daisy', 'roses', 'tulips']
    for image_batch, labels_batch in train_ds:
        assert image_batch.shape == (4, 8, 8, 3) and labels_batch.shape == (4,)
        break
    for images, labels in train_ds.take(1):
        assert images[0].numpy().astype("uint8").shape == (8, 8, 3)
        assert class_names[labels[0]] in class_names
    AUTOTUNE = tf.data.AUTOTUNE
    train_ds = train_ds.cache().shuffle(1000).prefetch(buffer_size=AUTOTUNE)
    val_ds = val_ds.cache().prefetch(buffer_size=AUTOTUNE)
    normalization_layer = tf.keras.layers.Rescaling(1./255)
    normalized_ds = train_ds.map(lambda x, y: (normalization_layer(x), y))
    image_batch, labels_batch = next(iter(normalized_ds))
    first_image = image_batch[0]
    assert 0 <= np.min(first_image) and np.max(first_image) <= 1
    model = tf.keras.Sequential([
        tf.keras.layers.Rescaling(1./255),
        tf.keras.layers.Conv2D(4, 3, activation='relu'),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(len(class_names))
    ])
    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    history = model.fit(train_ds, validation_data=val_ds, epochs=2, verbose=0)
    assert len(history.history["val_accuracy"]) == 2


def test_image_classification_from_scratch_both_subsets_and_augmentation_map(flowers):
    """keras.io/examples/vision/image_classification_from_scratch: subset="both", the
    augmentation mapped over the batches, a residual functional model, predict one file."""
    image_size = (8, 8)
    train_ds, val_ds = keras.utils.image_dataset_from_directory(
        flowers, validation_split=0.2, subset="both", seed=1337, image_size=image_size,
        batch_size=4)
    data_augmentation_layers = [layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)]

    def data_augmentation(images):
        for layer in data_augmentation_layers:
            images = layer(images)
        return images

    train_ds = train_ds.map(lambda img, label: (data_augmentation(img), label),
                            num_parallel_calls=tf.data.AUTOTUNE)
    train_ds = train_ds.prefetch(tf.data.AUTOTUNE)
    val_ds = val_ds.prefetch(tf.data.AUTOTUNE)
    inputs = keras.Input(shape=image_size + (3,))
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = layers.Conv2D(8, 3, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    previous_block_activation = x
    x = layers.SeparableConv2D(8, 3, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.add([x, previous_block_activation])
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.25)(x)
    outputs = layers.Dense(3, activation=None)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(3e-4),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="acc")])
    history = model.fit(train_ds, epochs=2, validation_data=val_ds, verbose=0)
    assert set(history.history) == {"acc", "loss", "val_acc", "val_loss"}
    img = keras.utils.load_img(flowers / "roses" / "0.png", target_size=image_size)
    img_array = keras.utils.img_to_array(img)
    img_array = keras.ops.expand_dims(img_array, 0)
    predictions = model.predict(img_array)
    score = float(keras.ops.softmax(predictions[0])[1])
    assert predictions.shape == (1, 3) and 0 <= score <= 1


def test_regression_tutorial_normalization_and_history_epoch():
    """tensorflow.org/tutorials/keras/regression: Normalization(axis=-1).adapt, .mean.numpy(),
    a one-feature Normalization(input_shape=[1,], axis=None), validation_split, history.epoch."""
    rng = np.random.default_rng(0)
    train_features = rng.normal(size=(60, 3)).astype("float32") * [1, 10, 100] + [0, 5, 50]
    train_labels = 3 * train_features[:, 0] + 1
    normalizer = tf.keras.layers.Normalization(axis=-1)
    normalizer.adapt(np.array(train_features))
    np.testing.assert_allclose(normalizer.mean.numpy()[0], train_features.mean(axis=0),
                               rtol=1e-4)
    first = np.array(train_features[:1])
    np.testing.assert_allclose(normalizer(first).numpy(),
                               (first - train_features.mean(0)) / train_features.std(0),
                               rtol=1e-4)
    horsepower = np.array(train_features[:, 0])
    horsepower_normalizer = layers.Normalization(input_shape=[1,], axis=None)
    horsepower_normalizer.adapt(horsepower)
    horsepower_model = tf.keras.Sequential([
        horsepower_normalizer,
        layers.Dense(units=1)
    ])
    assert horsepower_model.predict(horsepower[:10]).shape == (10, 1)
    horsepower_model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=0.1),
        loss='mean_absolute_error')
    history = horsepower_model.fit(
        horsepower, train_labels, epochs=60, verbose=0, validation_split=0.2)
    assert history.epoch == list(range(60))
    assert history.history['val_loss'][-1] < 0.1 * history.history['val_loss'][0]


def test_custom_layer_with_add_weight_guide():
    """keras.io/guides/making_new_layers_and_models_via_subclassing: a Linear layer with
    add_weight, its weights, a layer that adds an activity loss."""

    class Linear(keras.layers.Layer):
        def __init__(self, units=32, input_dim=32):
            super().__init__()
            self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal",
                                     trainable=True)
            self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

        def call(self, inputs):
            return keras.ops.matmul(inputs, self.w) + self.b

    x = keras.ops.ones((2, 2))
    linear_layer = Linear(4, 2)
    y = linear_layer(x)
    assert y.shape == (2, 4)
    assert linear_layer.weights == [linear_layer.w, linear_layer.b]
    np.testing.assert_allclose(y, np.ones((2, 2)) @ linear_layer.w.numpy(), rtol=1e-6)

    class ActivityRegularizationLayer(keras.layers.Layer):
        def __init__(self, rate=1e-2):
            super().__init__()
            self.rate = rate

        def call(self, inputs):
            self.add_loss(self.rate * keras.ops.mean(inputs))
            return inputs

    layer = ActivityRegularizationLayer()
    _ = layer(keras.ops.ones((2, 2)) * 3)
    assert len(layer.losses) == 1 and float(layer.losses[0]) == pytest.approx(0.03)


def test_customizing_fit_with_a_train_step():
    """keras.io/guides/custom_train_step_in_tensorflow: the subclass built functionally,
    ``CustomModel(inputs, outputs)``, with the guide's train_step (GradientTape,
    compute_loss, optimizer.apply, self.metrics); fit gives their names."""

    class CustomModel(keras.Model):
        train_step = CustomStepModel.train_step  # the guide's, as tests/test_model_subclassing

    inputs = keras.Input(shape=(32,))
    outputs = keras.layers.Dense(1)(inputs)
    model = CustomModel(inputs, outputs)
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).random((100, 32))
    y = x @ np.linspace(-1, 1, 32)[:, None] / 4
    plain = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    plain.set_weights(model.get_weights())
    plain.compile(optimizer="adam", loss="mse", metrics=["mae"])
    history = model.fit(x, y, epochs=3, batch_size=20, shuffle=False, verbose=0)
    assert set(history.history) == {"loss", "mae"}
    built_in = plain.fit(x, y, epochs=3, batch_size=20, shuffle=False, verbose=0)
    for key in ("loss", "mae"):  # the built-in step, written out (equal batches: equal means)
        np.testing.assert_allclose(history.history[key], built_in.history[key], rtol=1e-5)
    np.testing.assert_allclose(model.get_weights()[0], plain.get_weights()[0], rtol=1e-5)


def test_data_augmentation_tutorial_with_tf_image():
    """tensorflow.org/tutorials/images/data_augmentation "Using tf.image": flips,
    grayscale, brightness, central crop, rotation, resize and dtype conversion."""
    image = REF["image"]
    flipped = tf.image.flip_left_right(image)
    grayscaled = tf.image.rgb_to_grayscale(image)
    converted = tf.image.convert_image_dtype(image, tf.float32)
    bright = tf.image.adjust_brightness(converted, 0.4)
    cropped = tf.image.central_crop(converted, central_fraction=0.5)
    rotated = tf.image.rot90(image)
    resized = tf.image.resize(image, [4, 9])
    np.testing.assert_array_equal(flipped.numpy(), REF["image_flipped"])
    np.testing.assert_array_equal(grayscaled.numpy(), REF["image_grayscale"])
    np.testing.assert_allclose(converted.numpy(), REF["image_float"], **TOL)
    np.testing.assert_allclose(bright.numpy(), REF["image_bright"], **TOL)
    np.testing.assert_allclose(cropped.numpy(), REF["image_cropped"], **TOL)
    np.testing.assert_array_equal(rotated.numpy(), REF["image_rotated"])
    np.testing.assert_allclose(resized.numpy(), REF["image_resized"], rtol=1e-5)
    np.testing.assert_array_equal(tf.image.convert_image_dtype(converted, tf.uint8).numpy(),
                                  REF["image_back"])
    assert tf.squeeze(grayscaled).shape == (5, 7)


def test_load_images_tutorial_list_files_read_file_decode(flowers):
    """tensorflow.org/tutorials/load_data/images "Using tf.data for finer control":
    Dataset.list_files, tf.io.read_file, tf.io.decode_png, tf.image.resize in a map."""
    list_ds = tf.data.Dataset.list_files(str(flowers / '*/*'), shuffle=False)
    list_ds = list_ds.shuffle(15, reshuffle_each_iteration=False, seed=0)
    image_count = len(list(flowers.glob('*/*.png')))
    assert tf.data.experimental.cardinality(list_ds).numpy() == image_count == 15
    class_names = np.array(sorted([item.name for item in flowers.glob('*')]))
    val_size = int(image_count * 0.2)
    train_ds = list_ds.skip(val_size)
    val_ds = list_ds.take(val_size)
    assert len(list(train_ds)) == 12 and len(list(val_ds)) == 3

    def get_label(file_path):
        # Convert the path to a list of path components
        parts = tf.strings.split(file_path, os.path.sep)
        # The second to last is the class-directory
        one_hot = parts[-2] == class_names
        # Integer encode the label
        return tf.argmax(one_hot)

    def decode_img(img):
        img = tf.io.decode_png(img, channels=3)
        return tf.image.resize(img, [8, 8])

    def process_path(file_path):
        label = get_label(file_path)
        img = tf.io.read_file(file_path)
        img = decode_img(img)
        return img, label

    train_ds = train_ds.map(process_path, num_parallel_calls=tf.data.AUTOTUNE)
    for image, label in train_ds.take(1):
        assert image.numpy().shape == (8, 8, 3) and label.numpy() in (0, 1, 2)
        assert image.numpy()[..., label.numpy()].mean() > 150  # that class's bright channel
    batch = next(iter(train_ds.batch(4).prefetch(tf.data.AUTOTUNE)))
    assert batch[0].shape == (4, 8, 8, 3) and batch[1].shape == (4,)
    with pytest.raises(FileNotFoundError, match="no files matched"):
        tf.data.Dataset.list_files(str(flowers / "*.jpg"))
    with pytest.raises(ValueError, match="not an image"):
        tf.io.decode_png(np.array(b"not a png", dtype=object))


# -- the tf.data guide ---------------------------------------------------------------------

def test_tf_data_guide_iterate_reduce_and_element_spec():
    """tensorflow.org/guide/data: for elem in dataset: elem.numpy(); next(iter(...));
    reduce; element_spec as tf.TensorSpec; Dataset.zip."""
    texts = tf.data.Dataset.from_tensor_slices(["Hello", "tf.data"])
    assert [t.numpy().decode("utf-8") for t in texts] == ["Hello", "tf.data"]
    dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
    assert [elem.numpy() for elem in dataset] == [8, 3, 0, 8, 2, 1]
    it = iter(dataset)
    assert next(it).numpy() == 8
    assert dataset.reduce(0, lambda state, value: state + value).numpy() == 22
    dataset1 = tf.data.Dataset.from_tensor_slices(tf.random.uniform([4, 10]))
    assert dataset1.element_spec == tf.TensorSpec(shape=(10,), dtype=tf.float32, name=None)
    dataset2 = tf.data.Dataset.from_tensor_slices(
        (tf.random.uniform([4]),
         tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))
    assert dataset2.element_spec == (tf.TensorSpec(shape=(), dtype=tf.float32, name=None),
                                     tf.TensorSpec(shape=(100,), dtype=tf.int32, name=None))
    dataset3 = tf.data.Dataset.zip((dataset1, dataset2))
    for a, (b, c) in dataset3:
        assert (a.shape, b.shape, c.shape) == ((10,), (), (100,))
    assert list(dataset.as_numpy_iterator()) == [8, 3, 0, 8, 2, 1]


def test_tf_data_guide_batching_zipped_ranges():
    """tensorflow.org/guide/data "Simple batching": zip of two ranges, batch(4), take(4)."""
    inc_dataset = tf.data.Dataset.range(100)
    dec_dataset = tf.data.Dataset.range(0, -100, -1)
    dataset = tf.data.Dataset.zip((inc_dataset, dec_dataset))
    batched_dataset = dataset.batch(4)
    batches = [[arr.numpy() for arr in batch] for batch in batched_dataset.take(4)]
    np.testing.assert_array_equal(batches[1][0], [4, 5, 6, 7])
    np.testing.assert_array_equal(batches[1][1], [-4, -5, -6, -7])
    assert batched_dataset.element_spec == (tf.TensorSpec(shape=(None,), dtype=tf.int64),
                                            tf.TensorSpec(shape=(None,), dtype=tf.int64))
    assert dataset.batch(7, drop_remainder=True).element_spec[0].shape == (7,)


def test_tf_data_guide_from_generator_shuffle_padded_batch():
    """tensorflow.org/guide/data "Consuming Python generators": an endless generator of
    (id, series), output_types/output_shapes, shuffle(20).padded_batch(10)."""
    rng = np.random.default_rng(0)

    def gen_series():
        i = 0
        while True:
            size = rng.integers(0, 10)
            yield i, rng.normal(size=(size,))
            i += 1

    ds_series = tf.data.Dataset.from_generator(
        gen_series,
        output_types=(tf.int32, tf.float32),
        output_shapes=((), (None,)))
    ds_series_batch = ds_series.shuffle(20, seed=0).padded_batch(10)
    ids, sequence_batch = next(iter(ds_series_batch))
    assert ids.numpy().shape == (10,) and len(set(ids.numpy())) == 10
    assert sequence_batch.ndim == 2 and sequence_batch.shape[0] == 10
    assert sequence_batch.dtype == np.float32 and ids.dtype == np.int32
    assert ds_series.element_spec == (tf.TensorSpec(shape=(), dtype=tf.int32),
                                      tf.TensorSpec(shape=(None,), dtype=tf.float32))


def test_tf_data_guide_padded_batch():
    """tensorflow.org/guide/data "Batching tensors with padding": tf.fill rows of growing
    length, padded_batch(4, padded_shapes=(None,))."""
    dataset = tf.data.Dataset.range(100)
    dataset = dataset.map(lambda x: tf.fill([tf.cast(x, tf.int32)], x))
    dataset = dataset.padded_batch(4, padded_shapes=(None,))
    batches = [batch.numpy() for batch in dataset.take(2)]
    np.testing.assert_array_equal(batches[0], REF["padded_0"])
    np.testing.assert_array_equal(batches[1], REF["padded_1"])
    assert batches[0].dtype == np.int64
    assert dataset.element_spec == tf.TensorSpec(shape=(None, None), dtype=tf.int64)


def test_padded_batch_with_fixed_shapes_and_padding_values():
    """tf.data.Dataset.padded_batch API doc: padded_shapes as a size, padding_values,
    tuple components each padded on their own."""
    A = (tf.data.Dataset.range(1, 5, output_type=tf.int32)
         .map(lambda x: tf.fill([x], x)))
    first, second = list(A.padded_batch(2).as_numpy_iterator())
    np.testing.assert_array_equal(first, [[1, 0], [2, 2]])
    np.testing.assert_array_equal(second, [[3, 3, 3, 0], [4, 4, 4, 4]])
    B = A.padded_batch(2, padded_shapes=5)
    np.testing.assert_array_equal(next(iter(B)).numpy(), [[1, 0, 0, 0, 0], [2, 2, 0, 0, 0]])
    C = A.padded_batch(2, padding_values=-1)
    np.testing.assert_array_equal(next(iter(C)).numpy(), [[1, -1], [2, 2]])
    elements = [([1, 2, 3], [10]), ([4, 5], [11, 12])]
    D = tf.data.Dataset.from_generator(
        lambda: iter(elements), (tf.int32, tf.int32))
    first = next(iter(D.padded_batch(2, padding_values=(-1, 100))))
    np.testing.assert_array_equal(first[0], [[1, 2, 3], [4, 5, -1]])
    np.testing.assert_array_equal(first[1], [[10, 100], [11, 12]])
    with pytest.raises(ValueError, match="padded_shapes"):
        next(iter(A.padded_batch(2, padded_shapes=1)))


def test_tf_data_guide_windows_flat_map_and_strides():
    """tensorflow.org/guide/data "Using window": range_ds.window(5, shift=1), flat_map,
    sub.batch(window_size, drop_remainder=True), make_window_dataset with a stride."""
    range_ds = tf.data.Dataset.range(100000)
    window_size = 5
    windows = range_ds.window(window_size, shift=1)
    for sub_ds in windows.take(5):
        assert isinstance(sub_ds, tf.data.Dataset)
    assert windows.element_spec == tf.data.DatasetSpec(tf.TensorSpec(shape=(), dtype=tf.int64))
    flat = [x.numpy() for x in windows.flat_map(lambda x: x).take(30)]
    np.testing.assert_array_equal(flat, REF["window_flat"])

    def sub_to_batch(sub):
        return sub.batch(window_size, drop_remainder=True)

    examples = [example.numpy() for example in windows.flat_map(sub_to_batch).take(5)]
    np.testing.assert_array_equal(examples, REF["window_batches"])

    def make_window_dataset(ds, window_size=5, shift=1, stride=1):
        windows = ds.window(window_size, shift=shift, stride=stride)

        def sub_to_batch(sub):
            return sub.batch(window_size, drop_remainder=True)

        windows = windows.flat_map(sub_to_batch)
        return windows

    ds = make_window_dataset(range_ds, window_size=10, shift=5, stride=3)
    np.testing.assert_array_equal([e.numpy() for e in ds.take(3)], REF["window_strided"])
    partial = tf.data.Dataset.range(7).window(3, shift=2)
    assert [len(list(w)) for w in partial] == REF["window_partial"].tolist()
    assert len(list(tf.data.Dataset.range(7).window(3, shift=2, drop_remainder=True))) == 3


def test_interleave_api_doc_example():
    """tf.data.Dataset.interleave API doc: cycle_length=2, block_length=4."""
    dataset = tf.data.Dataset.range(1, 6)
    dataset = dataset.interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(6),
        cycle_length=2, block_length=4)
    np.testing.assert_array_equal(list(dataset.as_numpy_iterator()), REF["interleave"])


def test_tf_data_pipeline_into_fit_with_a_validation_dataset():
    """tensorflow.org/datasets/keras_example: normalize_img mapped with AUTOTUNE, cache,
    shuffle, batch, prefetch(tf.data.AUTOTUNE); fit(ds_train, validation_data=ds_test)."""
    x, y = digits(64)
    x = (x * 255).astype("uint8")
    ds_train = tf.data.Dataset.from_tensor_slices((x[:48], y[:48]))
    ds_test = tf.data.Dataset.from_tensor_slices((x[48:], y[48:]))

    def normalize_img(image, label):
        """Normalizes images: `uint8` -> `float32`."""
        return tf.cast(image, tf.float32) / 255., label

    ds_train = ds_train.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
    ds_train = ds_train.cache()
    ds_train = ds_train.shuffle(48, seed=0)
    ds_train = ds_train.batch(16)
    ds_train = ds_train.prefetch(tf.data.AUTOTUNE)
    ds_test = ds_test.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
    ds_test = ds_test.batch(16).cache().prefetch(tf.data.AUTOTUNE)
    image, _ = next(iter(ds_train))
    assert image.dtype == np.float32 and float(tf.reduce_max(image)) <= 1.0
    model = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(input_shape=(6, 6)),
        tf.keras.layers.Dense(16, activation='relu'),
        tf.keras.layers.Dense(10)
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(0.001),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    history = model.fit(ds_train, epochs=3, validation_data=ds_test, verbose=0)
    assert list(history.history) == ["loss", "sparse_categorical_accuracy", "val_loss",
                                     "val_sparse_categorical_accuracy"]


def test_dict_features_through_a_dataset_into_named_inputs():
    """tensorflow.org/tutorials/load_data/pandas_dataframe: from_tensor_slices((dict(features),
    target)), one keras.Input per column by name, Normalization adapted, concatenate."""
    rng = np.random.default_rng(0)
    features = {"age": rng.uniform(20, 70, 40).astype("float32"),
                "chol": rng.uniform(150, 300, 40).astype("float32"),
                "thal": rng.integers(0, 3, 40).astype("float32")}
    target = (features["age"] > 45).astype("float32")
    ds = tf.data.Dataset.from_tensor_slices((dict(features), target))
    for dict_slice in ds.take(1):
        assert set(dict_slice[0]) == {"age", "chol", "thal"} and dict_slice[1].shape == ()
    inputs = {name: tf.keras.Input(shape=(1,), name=name) for name in features}
    x = tf.keras.layers.Concatenate(axis=-1)(list(inputs.values()))
    normalizer = tf.keras.layers.Normalization(axis=-1)
    normalizer.adapt(np.stack(list(features.values()), axis=1))
    x = normalizer(x)
    x = tf.keras.layers.Dense(8, activation='relu')(x)
    outputs = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.05),
                  loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    history = model.fit(ds.batch(8), epochs=15, verbose=0)
    assert history.history["accuracy"][-1] > 0.9


# -- keras.io guides -----------------------------------------------------------------------

def ticket_model(layers=layers):
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
    return keras.Model(inputs=[title_input, body_input, tags_input],
                       outputs={"priority": priority_pred, "department": department_pred})


def test_functional_api_multi_input_multi_output_with_dict_losses():
    """keras.io/guides/functional_api "Models with multiple inputs and outputs": dict
    outputs, dict losses and loss_weights, fit on dicts; evaluate against Keras."""
    model = ticket_model()
    model.set_weights(ref_weights("ticket"))
    model.compile(
        optimizer=keras.optimizers.RMSprop(1e-3),
        loss={
            "priority": keras.losses.BinaryCrossentropy(from_logits=True),
            "department": keras.losses.CategoricalCrossentropy(from_logits=True),
        },
        loss_weights={"priority": 1.0, "department": 0.2},
    )
    inputs = {"title": REF["ticket_title"], "body": REF["ticket_body"],
              "tags": REF["ticket_tags"]}
    targets = {"priority": REF["ticket_priority"], "department": REF["ticket_dept"]}
    result = model.evaluate(inputs, targets, verbose=0, return_dict=True)
    assert set(result) == {"loss", "priority_loss", "department_loss"}
    for key, value in result.items():
        np.testing.assert_allclose(value, REF[f"ticket_eval_{key}"], **TOL)
    history = model.fit(inputs, targets, epochs=2, batch_size=4, verbose=0)
    assert set(history.history) == {"loss", "priority_loss", "department_loss"}


def test_feature_extractor_from_get_layer_output():
    """keras.io/guides/sequential_model "Feature extraction with a Sequential model":
    Model(inputs=initial_model.inputs, outputs=get_layer(name=...).output), and all layers."""
    initial_model = keras.Sequential(
        [
            keras.Input(shape=(25, 25, 3)),
            layers.Conv2D(4, 5, strides=2, activation="relu"),
            layers.Conv2D(4, 3, activation="relu", name="my_intermediate_layer"),
            layers.Conv2D(4, 3, activation="relu"),
        ]
    )
    feature_extractor = keras.Model(
        inputs=initial_model.inputs,
        outputs=initial_model.get_layer(name="my_intermediate_layer").output,
    )
    x = keras.ops.ones((1, 25, 25, 3))
    features = feature_extractor(x)
    assert features.shape == (1, 9, 9, 4)
    all_features = keras.Model(inputs=initial_model.inputs,
                               outputs=[layer.output for layer in initial_model.layers])
    outputs = all_features(x)
    assert [o.shape for o in outputs] == [(1, 11, 11, 4), (1, 9, 9, 4), (1, 7, 7, 4)]
    np.testing.assert_allclose(outputs[1], features, rtol=1e-6)
    np.testing.assert_allclose(outputs[2], initial_model(x), rtol=1e-6)


def test_sequential_guide_add_pop_weights_and_summary(capsys):
    """keras.io/guides/sequential_model: add(), pop(), a layer's weights appear when it
    is called, model.summary()."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(2, activation="relu", name="layer1"))
    model.add(layers.Dense(3, activation="relu", name="layer2"))
    model.add(layers.Dense(4, name="layer3"))
    assert len(model.layers) == 3
    model.pop()
    assert len(model.layers) == 2
    model.summary()
    printed = capsys.readouterr().out
    assert "layer1 (Dense)" in printed and "(None, 3)" in printed
    assert "Total params: 19" in printed
    layer = layers.Dense(3)
    assert layer.weights == []
    x = keras.ops.ones((1, 4))
    y = layer(x)
    assert [tuple(w.shape) for w in layer.weights] == [(4, 3), (3,)] and y.shape == (1, 3)


def test_training_guide_rmsprop_metrics_history_and_custom_loss():
    """keras.io/guides/training_with_built_in_methods: RMSprop, SparseCategoricalAccuracy,
    validation_data, history keys, evaluate(batch_size=128), a custom loss function."""
    (x_train, y_train), (x_val, y_val) = digits(64), digits(16, seed=5)
    x_train, x_val = x_train.reshape(-1, 36), x_val.reshape(-1, 36)
    inputs = keras.Input(shape=(36,), name="digits")
    x = layers.Dense(16, activation="relu", name="dense_1")(inputs)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-2),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    history = model.fit(x_train, y_train, batch_size=16, epochs=3,
                        validation_data=(x_val, y_val), verbose=0)
    assert list(history.history) == ["loss", "sparse_categorical_accuracy", "val_loss",
                                     "val_sparse_categorical_accuracy"]
    results = model.evaluate(x_val, y_val, batch_size=128, verbose=0)
    assert len(results) == 2
    predictions = model.predict(x_val[:3])
    assert predictions.shape == (3, 10)

    def custom_mean_squared_error(y_true, y_pred):
        return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)

    model.compile(optimizer=keras.optimizers.Adam(), loss=custom_mean_squared_error)
    y_train_one_hot = keras.ops.one_hot(y_train, num_classes=10)
    history = model.fit(x_train, y_train_one_hot, batch_size=64, epochs=1, verbose=0)
    expected = np.mean(np.mean((np.eye(10)[y_train] - model.predict(x_train, verbose=0)) ** 2,
                               axis=-1))
    assert np.isfinite(history.history["loss"][0]) and model.evaluate(
        x_train, y_train_one_hot, verbose=0) == pytest.approx(expected, rel=1e-4)


def test_callbacks_early_stopping_checkpoint_and_reduce_lr(tmp_path):
    """keras.io/guides/training_with_built_in_methods "Using callbacks": EarlyStopping,
    ModelCheckpoint("mymodel_{epoch}.keras", save_best_only=True), ReduceLROnPlateau."""
    x, y = digits(32)
    model = keras.Sequential([keras.Input((6, 6)), layers.Flatten(), layers.Dense(3)])
    model.compile(optimizer=keras.optimizers.SGD(0.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", min_delta=1e-2, patience=2,
                                      verbose=1),
        keras.callbacks.ModelCheckpoint(filepath=str(tmp_path / "mymodel_{epoch}.keras"),
                                        save_best_only=True, monitor="val_loss", verbose=1),
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1),
    ]
    history = model.fit(x, y, epochs=10, batch_size=8, callbacks=callbacks,
                        validation_split=0.25, verbose=0)
    assert len(history.history["loss"]) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mymodel_1.keras"]
    assert history.history["learning_rate"] == [0.0, 0.0, 0.0]
    restored = keras.models.load_model(tmp_path / "mymodel_1.keras")
    np.testing.assert_allclose(restored.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)


def test_save_and_load_a_model_with_a_registered_custom_layer(tmp_path):
    """keras.io/guides/serialization_and_saving: model.save("my_model.keras"),
    keras.models.load_model, a custom layer with @keras.saving.register_keras_serializable."""

    @keras.saving.register_keras_serializable(package="idioms")
    class CustomLayer(keras.layers.Layer):
        def __init__(self, factor, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            config = super().get_config()
            config.update({"factor": self.factor})
            return config

    inputs = keras.Input(shape=(3,))
    x = layers.Dense(4)(inputs)
    outputs = CustomLayer(factor=0.5)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mean_squared_error")
    test_input = np.random.default_rng(0).random((8, 3)).astype("float32")
    model.fit(test_input, np.ones((8, 4)), verbose=0)
    model.save(tmp_path / "my_model.keras")
    reconstructed_model = keras.models.load_model(tmp_path / "my_model.keras")
    np.testing.assert_allclose(model.predict(test_input), reconstructed_model.predict(test_input),
                               rtol=1e-6)
    assert reconstructed_model.layers[-1].factor == 0.5


def test_custom_learning_rate_schedule_passed_to_an_optimizer():
    """tensorflow.org/text/tutorials/transformer CustomSchedule, and keras.io's
    LearningRateSchedule API: SGD(learning_rate=MyLRSchedule(0.1)); weights against Keras."""

    class MyLRSchedule(keras.optimizers.schedules.LearningRateSchedule):
        def __init__(self, initial_learning_rate):
            self.initial_learning_rate = initial_learning_rate

        def __call__(self, step):
            step = tf.cast(step, dtype=tf.float32)
            return self.initial_learning_rate / (step + 1)

    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.set_weights(ref_weights("schedule"))
    optimizer = keras.optimizers.SGD(learning_rate=MyLRSchedule(0.1))
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(REF["schedule_x"], REF["schedule_y"], batch_size=4, epochs=1, shuffle=False,
              verbose=0)
    np.testing.assert_allclose(model.get_weights()[0], REF["schedule_kernel"], **TOL)
    np.testing.assert_allclose(model.get_weights()[1], REF["schedule_bias"], **TOL)


def test_exponential_decay_schedule():
    """keras.io/api/optimizers/learning_rate_schedules/exponential_decay."""
    lr_schedule = keras.optimizers.schedules.ExponentialDecay(
        initial_learning_rate=1e-2,
        decay_steps=10000,
        decay_rate=0.9)
    optimizer = keras.optimizers.SGD(learning_rate=lr_schedule)
    np.testing.assert_allclose([float(lr_schedule(s)) for s in REF["schedule_steps"]],
                               REF["exponential"], **TOL)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="mse")
    history = model.fit(np.ones((8, 3)), np.zeros((8, 1)), epochs=2, verbose=0)
    assert optimizer.iterations == 2 and len(history.history["loss"]) == 2


def test_training_loop_from_scratch_matches_keras():
    """keras.io/guides/writing_a_training_loop_from_scratch (TensorFlow): GradientTape,
    apply_gradients(zip(grads, model.trainable_weights)), a metric's update_state."""
    inputs = keras.Input(shape=(5,), name="digits")
    x1 = layers.Dense(6, activation="relu")(inputs)
    outputs = layers.Dense(3, name="predictions")(x1)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.set_weights(ref_weights("loop"))
    optimizer = keras.optimizers.SGD(learning_rate=1e-1)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    train_acc_metric = keras.metrics.SparseCategoricalAccuracy()
    train_dataset = tf.data.Dataset.from_tensor_slices((REF["loop_x"], REF["loop_y"])).batch(8)
    losses_seen = []
    for step, (x_batch_train, y_batch_train) in enumerate(train_dataset):
        with tf.GradientTape() as tape:
            logits = model(x_batch_train, training=True)
            loss_value = loss_fn(y_batch_train, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        train_acc_metric.update_state(y_batch_train, logits)
        losses_seen.append(float(loss_value))
    np.testing.assert_allclose(losses_seen, REF["loop_losses"], **TOL)
    np.testing.assert_allclose(float(train_acc_metric.result()), REF["loop_acc"], **TOL)
    for i, w in enumerate(model.get_weights()):
        np.testing.assert_allclose(w, REF[f"loop_trained_{i}"], **TOL)
    train_acc_metric.reset_state()
    assert float(train_acc_metric.result()) == 0.0


def test_autodiff_guide_gradient_tape_on_variables():
    """tensorflow.org/guide/autodiff: x**2 on a tf.Variable; x @ w + b and a list of
    sources; persistent tapes."""
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x**2
    dy_dx = tape.gradient(y, x)
    assert dy_dx.numpy() == 6.0
    w = tf.Variable(tf.random.normal((3, 2), seed=0), name='w')
    b = tf.Variable(tf.zeros(2, dtype=tf.float32), name='b')
    x = [[1., 2., 3.]]
    with tf.GradientTape(persistent=True) as tape:
        y = x @ w + b
        loss = tf.reduce_mean(y**2)
    [dl_dw, dl_db] = tape.gradient(loss, [w, b])
    y_now = np.array(x, dtype=np.float32) @ w.numpy() + b.numpy()
    np.testing.assert_allclose(dl_db, y_now[0], rtol=1e-6)
    np.testing.assert_allclose(dl_dw, np.outer(x[0], y_now[0]), rtol=1e-6)
    assert dl_dw.shape == w.shape
    my_vars = {'w': w, 'b': b}
    grad = tape.gradient(loss, my_vars)
    np.testing.assert_allclose(grad['b'], dl_db)


def test_tensor_basics_guide():
    """tensorflow.org/guide/basics and guide/tensor: shape, dtype, operators, tf.concat,
    tf.nn.softmax, tf.reduce_sum, tf.transpose, tf.reshape, tf.Variable.assign_add."""
    x = tf.constant([[1., 2., 3.],
                     [4., 5., 6.]])
    assert x.shape == (2, 3) and x.dtype == tf.float32
    np.testing.assert_array_equal(x @ tf.transpose(x), [[14., 32.], [32., 77.]])
    np.testing.assert_array_equal(tf.concat([x, x, x], axis=0).shape, (6, 3))
    np.testing.assert_allclose(tf.reduce_sum(tf.nn.softmax(x, axis=-1), axis=1), [1, 1],
                               rtol=1e-6)
    assert tf.reduce_sum(x).numpy() == 21.0
    rank_3_tensor = tf.constant([[[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]],
                                 [[10, 11, 12, 13, 14], [15, 16, 17, 18, 19]],
                                 [[20, 21, 22, 23, 24], [25, 26, 27, 28, 29]]])
    assert tf.reshape(rank_3_tensor, [3*2, 5]).shape == (6, 5)
    assert tf.reshape(rank_3_tensor, [-1]).numpy()[-1] == 29
    assert tf.expand_dims(rank_3_tensor, 0).shape == (1, 3, 2, 5)
    assert tf.squeeze(tf.ones((1, 3, 1))).shape == (3,)
    var = tf.Variable([0.0, 0.0, 0.0])
    var.assign([1, 2, 3])
    var.assign_add([1, 1, 1])
    np.testing.assert_array_equal(var.numpy(), [2, 3, 4])
    np.testing.assert_array_equal(tf.one_hot([0, 2], 3).numpy(), [[1, 0, 0], [0, 0, 1]])


# -- Keras API documentation examples ------------------------------------------------------

def test_to_categorical_and_categorical_crossentropy_doc_example():
    """keras.io/api/utils/python_utils/#to_categorical-function."""
    a = tf.keras.utils.to_categorical([0, 1, 2, 3], num_classes=4)
    np.testing.assert_array_equal(a, np.eye(4))
    b = np.array([.9, .04, .03, .03,
                  .3, .45, .15, .13,
                  .04, .01, .94, .05,
                  .12, .21, .5, .17]).reshape(4, 4)
    loss = keras.ops.categorical_crossentropy(a, b)
    np.testing.assert_allclose(loss, REF["categorical_loss"], **TOL)
    np.testing.assert_allclose(np.around(loss, 5), [0.10536, 0.82807, 0.1011, 1.77196])
    loss = keras.ops.categorical_crossentropy(a, a)
    assert np.around(loss, 5).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_keras_ops_crossentropies_match_keras():
    """keras.io/api/ops/nn: categorical (from logits too), sparse and binary cross-entropy,
    one value per sample (per element for binary); differentiable on a tape."""
    a = keras.utils.to_categorical([0, 1, 2, 3], num_classes=4)
    b = REF_B.astype("float32")
    logits, targets = REF["ops_logits"], np.array([[0.0, 1.0, 1.0, 0.0]] * 4, "float32")
    np.testing.assert_allclose(keras.ops.categorical_crossentropy(a, logits, from_logits=True),
                               REF["ops_categorical_logits"], **TOL)
    np.testing.assert_allclose(keras.ops.sparse_categorical_crossentropy([0, 1, 2, 3], b),
                               REF["ops_sparse"], **TOL)
    np.testing.assert_allclose(keras.ops.binary_crossentropy(targets, b), REF["ops_binary"],
                               **TOL)
    np.testing.assert_allclose(keras.ops.binary_crossentropy(targets, logits, from_logits=True),
                               REF["ops_binary_logits"], **TOL)
    z = tf.Variable(logits)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(keras.ops.categorical_crossentropy(a, z, from_logits=True))
    softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(tape.gradient(loss, z), softmax - a, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="same shape"):
        keras.ops.categorical_crossentropy(a, b[:, :3])


def test_timeseries_dataset_from_array_doc_examples_and_keras_windows():
    """keras.io/api/data_loading/timeseries: the doc's two examples (targets 10 steps
    ahead; one sample per sequence_stride), and strided, sampled windows as Keras's."""
    data = np.arange(100)
    input_data = data[:-10]
    targets = data[10:]
    dataset = keras.utils.timeseries_dataset_from_array(
        input_data, targets, sequence_length=10)
    for batch in dataset:
        inputs, targets = batch
        assert np.array_equal(inputs[0], data[:10])  # First sequence: steps [0-9]
        assert np.array_equal(targets[0], data[10])  # Corresponding target: step 10
        break
    X = np.arange(100)
    Y = X * 2
    sample_length = 20
    input_dataset = keras.utils.timeseries_dataset_from_array(
        X, None, sequence_length=sample_length, sequence_stride=sample_length)
    target_dataset = keras.utils.timeseries_dataset_from_array(
        Y, None, sequence_length=sample_length, sequence_stride=sample_length)
    for batch in zip(input_dataset, target_dataset):
        inputs, targets = batch
        assert np.array_equal(inputs[0], X[:sample_length])
        assert np.array_equal(targets[1], Y[sample_length:2*sample_length])
        break
    series = np.arange(60, dtype="float32").reshape(30, 2)
    strided = keras.utils.timeseries_dataset_from_array(
        series, np.arange(30) * 10, sequence_length=4, sequence_stride=3, sampling_rate=2,
        batch_size=3, start_index=2, end_index=27)
    batches = list(strided)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), REF["series_x"])
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), REF["series_y"])
    assert [len(b[0]) for b in batches] == REF["series_sizes"].tolist()
    shuffled = keras.utils.timeseries_dataset_from_array(
        series, np.arange(30) * 10, sequence_length=4, sequence_stride=3, sampling_rate=2,
        batch_size=3, start_index=2, end_index=27, shuffle=True, seed=1)
    assert sorted(np.concatenate([b[1] for b in shuffled]).tolist()) == REF["series_y"].tolist()
    with pytest.raises(ValueError, match="sampling_rate"):
        keras.utils.timeseries_dataset_from_array(series, None, 4, sampling_rate=0)


def test_normalization_adapt_doc_example_and_inside_a_model():
    """keras.io/api/layers/preprocessing_layers/numerical/normalization, and the
    preprocessing-layers guide's "adapt, then put it in the model"."""
    adapt_data = np.array([[0., 7., 4.],
                           [2., 9., 6.],
                           [0., 7., 4.],
                           [2., 9., 6.]], dtype='float32')
    input_data = np.array([[0., 7., 4.]], dtype='float32')
    layer = keras.layers.Normalization(axis=-1)
    layer.adapt(adapt_data)
    np.testing.assert_allclose(layer(input_data), [[-1., -1., -1.]], rtol=1e-6)
    training_data = tf.data.Dataset.from_tensor_slices(adapt_data).batch(2)
    normalizer = layers.Normalization()
    normalizer.adapt(training_data)
    np.testing.assert_allclose(normalizer.mean, [[1., 8., 5.]])
    model = keras.Sequential([keras.Input((3,)), normalizer, layers.Dense(1)])
    model.compile("sgd", "mse")
    model.fit(adapt_data, np.ones((4, 1)), verbose=0)
    np.testing.assert_allclose(model.layers[0](input_data), [[-1., -1., -1.]], rtol=1e-6)


def test_text_vectorization_doc_example_as_the_first_layer():
    """keras.io/api/layers/preprocessing_layers/text/text_vectorization: adapt, then
    keras.Input(shape=(1,), dtype=tf.string) -> vectorize_layer; with a vocabulary."""
    max_tokens = 5000
    max_len = 4
    vectorize_layer = keras.layers.TextVectorization(
        max_tokens=max_tokens,
        output_mode='int',
        output_sequence_length=max_len)
    vectorize_layer.adapt(["foo bar", "bar baz", "baz bada boom"])
    model = keras.models.Sequential()
    model.add(keras.Input(shape=(1,), dtype=tf.string))
    model.add(vectorize_layer)
    input_data = [["foo qux bar"], ["qux baz"]]
    np.testing.assert_array_equal(model.predict(input_data), [[4, 1, 3, 0], [1, 2, 0, 0]])
    vocab_data = ["earth", "wind", "and", "fire"]
    vectorize_layer = keras.layers.TextVectorization(
        max_tokens=max_tokens, output_mode='int', output_sequence_length=max_len,
        vocabulary=vocab_data)
    model = keras.models.Sequential()
    model.add(keras.Input(shape=(1,), dtype="string"))
    model.add(vectorize_layer)
    input_data = [["earth wind and fire"], ["fire and earth michigan"]]
    np.testing.assert_array_equal(model.predict(input_data), [[2, 3, 4, 5], [5, 4, 2, 1]])


def test_text_classification_from_scratch_end_to_end_model():
    """keras.io/examples/nlp/text_classification_from_scratch: vectorize inside
    dataset.map, train, then an end-to-end model from keras.Input(shape=(1,),
    dtype="string") evaluated on the raw string dataset."""
    texts = [t for pair in zip(REVIEWS["pos"], REVIEWS["neg"]) for t in pair]
    labels = np.array([1, 0] * 4)
    raw_train_ds = tf.data.Dataset.from_tensor_slices((texts, labels)).batch(4)
    max_features, embedding_dim, sequence_length = 40, 8, 8
    vectorize_layer = keras.layers.TextVectorization(
        max_tokens=max_features, output_mode="int", output_sequence_length=sequence_length)
    text_ds = raw_train_ds.map(lambda x, y: x)
    vectorize_layer.adapt(text_ds)

    def vectorize_text(text, label):
        text = tf.expand_dims(text, -1)
        return vectorize_layer(text), label

    train_ds = raw_train_ds.map(vectorize_text).cache().prefetch(buffer_size=10)
    inputs = keras.Input(shape=(None,), dtype="int64")
    x = layers.Embedding(max_features, embedding_dim)(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Conv1D(8, 3, padding="valid", activation="relu", strides=1)(x)
    x = layers.GlobalMaxPooling1D()(x)
    predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)
    model = keras.Model(inputs, predictions)
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(0.05),
                  metrics=["accuracy"])
    model.fit(train_ds, validation_data=train_ds, epochs=15, verbose=0)
    inputs = keras.Input(shape=(1,), dtype="string")
    indices = vectorize_layer(inputs)
    outputs = model(indices)
    end_to_end_model = keras.Model(inputs, outputs)
    end_to_end_model.compile(loss="binary_crossentropy", optimizer="adam",
                             metrics=["accuracy"])
    loss, accuracy = end_to_end_model.evaluate(raw_train_ds, verbose=0)
    assert accuracy == 1.0


def test_category_encoding_and_string_lookup_doc_examples():
    """keras.io/api/layers/preprocessing_layers: CategoryEncoding one_hot and StringLookup
    with a vocabulary."""
    layer = keras.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
    np.testing.assert_array_equal(layer([3, 2, 0, 1]),
                                  [[0., 0., 0., 1.], [0., 0., 1., 0.], [1., 0., 0., 0.],
                                   [0., 1., 0., 0.]])
    vocab = ["a", "b", "c", "d"]
    data = [["a", "c", "d"], ["d", "z", "b"]]
    layer = keras.layers.StringLookup(vocabulary=vocab)
    np.testing.assert_array_equal(layer(data), [[1, 3, 4], [4, 0, 2]])


def test_mnist_convnet_example_evaluates_as_keras():
    """keras.io/examples/vision/mnist_convnet: expand_dims, to_categorical, the convnet,
    compile/evaluate -> [loss, accuracy] against Keras on the same weights."""
    num_classes, input_shape = 3, (10, 10, 1)
    x_test, y_test = REF["convnet_x"], REF["convnet_y"]
    x_test = np.expand_dims(x_test, -1)
    y_test = keras.utils.to_categorical(y_test, num_classes)
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Conv2D(4, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(5, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(num_classes, activation="softmax"),
        ]
    )
    model.set_weights(ref_weights("convnet"))
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    score = model.evaluate(x_test, y_test, verbose=0)
    np.testing.assert_allclose(score, REF["convnet_score"], **TOL)
    history = model.fit(x_test, y_test, batch_size=2, epochs=1, validation_split=0.5,
                        verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
