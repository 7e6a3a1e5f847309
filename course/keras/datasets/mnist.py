"""MNIST: 70,000 handwritten digits, 28x28 grayscale, labels 0-9.

By Yann LeCun, Corinna Cortes and Christopher J.C. Burges, under CC BY-SA 3.0.
The files are found or downloaded as :mod:`course.data.cache` describes.
"""

from course.data.cache import Dataset, IDXFile, load_dataset

MNIST = Dataset(
    name="mnist",
    files=(
        # No copy of the training files was at hand to compute their contents' md5: only
        # the published .gz (this md5) is accepted for them.
        IDXFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", (60000, 28, 28)),
        IDXFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", (60000,)),
        IDXFile(
            "t10k-images-idx3-ubyte.gz",
            "9fb629c4189551a2d022fa330f9573f3",
            (10000, 28, 28),
            contents_md5="2646ac647ad5339dbf082846283269ea",
        ),
        IDXFile(
            "t10k-labels-idx1-ubyte.gz",
            "ec29112dd5afa0611ce80d1b7f02629c",
            (10000,),
            contents_md5="27ae3e4e09519cfbb04c329615203637",
        ),
    ),
    mirrors=(
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
    ),
)


def load_data(path=None, verbose=False):
    """Load MNIST, as ``keras.datasets.mnist.load_data`` does.

    Args:
        path: a folder holding the four IDX files, searched before the usual places.
            (Keras takes a cache file name here, such as ``"mnist.npz"``; a name that is not
            a folder is simply not found there, so such calls work too.)
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
    first_folders = () if path is None else (path,)
    x_train, y_train, x_test, y_test = load_dataset(MNIST, first_folders, verbose)
    return (x_train, y_train), (x_test, y_test)
