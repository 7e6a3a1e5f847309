import pathlib
import sys

# Let tests import the helpers beside them (``from gradcheck import ...``).
sys.path.insert(0, str(pathlib.Path(__file__).parent))
