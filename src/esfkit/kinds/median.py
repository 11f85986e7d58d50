"""``median``: the middle value of a number per participant, against a target.

Written, read and judged as ``mean`` is (the same keys: ``of``, ``unit``, ``target``,
``at_most``; rows without a value counted and shown), with the median for the average:
half the persons have at most this value. With an even number of values, the mean of the
two middle ones.

Passes::

    - id: time_in_project
      title: Tid i projektet (median)
      median: days_enrolled
      unit: months
      target: 9
      at_most: true

Fails to load::

    - id: time_in_project
      median: days_enrolled
      unit: fortnights                  # "unit cannot be 'fortnights'"
"""

from __future__ import annotations

import numpy as np

from esfkit.kinds.mean import Mean


class Median(Mean):
    name = "median"

    def statistic(self, values: np.ndarray) -> float:
        return float(np.median(values))


KIND = Median()
