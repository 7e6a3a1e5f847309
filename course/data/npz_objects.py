"""Read an ``.npz`` whose arrays may hold Python lists (``dtype=object``, as Keras's IMDB and
Reuters files do) without letting its pickles run code.

numpy stores an object array as a pickle; ``np.load(allow_pickle=True)`` would run whatever
a tampered file's pickle names. Here the unpickler may build numpy arrays and dtypes and
nothing else (the lists inside are plain pickle opcodes, no globals), as Keras's own
``npz_utils.load_npz`` does.
"""

import io
import pickle
import zipfile

import numpy as np

ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
           ("numpy._core.multiarray", "_reconstruct")}


class ArraysOnlyUnpickler(pickle.Unpickler):
    """Refuses every global but those that rebuild a numpy array."""

    def find_class(self, module, name):
        if (module, name) in ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a dataset file "
                                     f"(it may be corrupt or malicious)")


def _read_member(buffer):
    try:
        return np.lib.format.read_array(buffer, allow_pickle=False)
    except ValueError:
        buffer.seek(0)
        major, _ = np.lib.format.read_magic(buffer)
        if major == 1:
            np.lib.format.read_array_header_1_0(buffer)
        else:
            np.lib.format.read_array_header_2_0(buffer)
        return ArraysOnlyUnpickler(buffer).load()


def load_npz(path):
    """``{name: array}`` of every ``.npy`` member of the ``.npz`` at ``path``."""
    with zipfile.ZipFile(path) as archive:
        return {member[:-4]: _read_member(io.BytesIO(archive.read(member)))
                for member in archive.namelist() if member.endswith(".npy")}
