"""The goal file: YAML with locations, and the typed, validated model it becomes."""
