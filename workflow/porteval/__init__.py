"""porteval: Entropy-COPRAS evaluation of port logistics, reproducing Zeng et al. (2022).

The public maths API is :mod:`porteval.mcda` (``entropy_weights``, ``copras``, ``sum_normalize``).
"""

__version__ = "0.1.0"
