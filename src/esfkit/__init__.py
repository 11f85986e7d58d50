"""esfkit: goal attainment for ESF labour-market projects."""

__version__ = "0.1.0"
