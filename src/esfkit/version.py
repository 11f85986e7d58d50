"""esfkit's version: the package's, and the one a Report records."""

__version__ = "0.1.0"
