"""Evaluation: who is counted at the report date, filters and dimensions on those rows, and
the run that asks each goal's kind for its result."""
