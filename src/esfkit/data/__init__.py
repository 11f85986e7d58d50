"""The participant file: reading it, mapping its columns, checking and cleaning its cells.

Nothing here knows the goal model: what the data layer needs of a goal file comes in as the
plain settings of ``esfkit.data.settings``.
"""
