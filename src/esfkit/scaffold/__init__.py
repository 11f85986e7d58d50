"""Getting started: a starter goal file from a participant file (``esfkit init``) and an
Excel input template (``esfkit template``).

Both only write files for the user to read and edit; neither evaluates anything.
"""
