import sys

from .inputs import InputError

try:
    from .cli import main
except InputError as err:  # the package's own registry (porteval/papers.yaml), refused as it is read: one line
    sys.exit(f"porteval: {err}")

sys.exit(main())
