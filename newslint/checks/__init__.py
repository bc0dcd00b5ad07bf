"""Rule families: each module here declares its rules with `@rule` and is loaded automatically."""
