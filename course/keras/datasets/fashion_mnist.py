"""Fashion-MNIST: 70,000 Zalando article images, 28x28 grayscale, 10 classes.

Labels: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt,
7 Sneaker, 8 Bag, 9 Ankle boot. By Zalando Research, under the MIT license.
The files are found or downloaded as :mod:`course.data.cache` describes; Debian's package
``dataset-fashion-mnist`` provides them offline (its ``.gz`` files are compressed again,
without the file name in the gzip header, so they are verified by their contents' md5).
"""

from course.data.cache import Dataset, IDXFile, load_dataset

FASHION_MNIST = Dataset(
    name="fashion_mnist",
    files=(
        IDXFile(
            "train-images-idx3-ubyte.gz",
            "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            (60000, 28, 28),
            contents_md5="f4a8712d7a061bf5bd6d2ca38dc4d50a",
        ),
        IDXFile(
            "train-labels-idx1-ubyte.gz",
            "25c81989df183df01b3e8a0aad5dffbe",
            (60000,),
            contents_md5="9018921c3c673c538a1fc5bad174d6f9",
        ),
        IDXFile(
            "t10k-images-idx3-ubyte.gz",
            "bef4ecab320f06d8554ea6380940ec79",
            (10000, 28, 28),
            contents_md5="8181f5470baa50b63fa0f6fddb340f0a",
        ),
        IDXFile(
            "t10k-labels-idx1-ubyte.gz",
            "bb300cfdad3c16e7a12a480ee83cd310",
            (10000,),
            contents_md5="15d484375f8d13e6eb1aabb0c3f46965",
        ),
    ),
    mirrors=(
        # Zalando's bucket is served as a website: plain http; the md5 guards the content.
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
    ),
    system_folders=("/usr/share/datasets/fashion-mnist",),
)


def load_data(verbose=False):
    """Load Fashion-MNIST, as ``keras.datasets.fashion_mnist.load_data`` does.

    Args:
        verbose: print the line naming the folder the files were read from (it is always
            logged on the ``course.data`` logger).

    Returns:
        ``((x_train, y_train), (x_test, y_test))``: ``x_train`` uint8 ``(60000, 28, 28)``,
        ``y_train`` uint8 ``(60000,)``, ``x_test`` uint8 ``(10000, 28, 28)``,
        ``y_test`` uint8 ``(10000,)``; pixels 0-255, labels 0-9.

    Raises:
        course.data.cache.DatasetNotFoundError: offline and the files are nowhere here;
            its message says where to put them.
    """
    x_train, y_train, x_test, y_test = load_dataset(FASHION_MNIST, verbose=verbose)
    return (x_train, y_train), (x_test, y_test)
