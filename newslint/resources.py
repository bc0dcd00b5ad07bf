"""Find the data files of `rules/`: inside the installed wheel, or in the checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("newslint's rules/ data folder is missing from this installation")


def rules_path(name: str) -> Path:
    return rules_dir() / name


@cache
def rules_data(name: str) -> dict[str, Any]:
    """A data file of rules/ (a YAML mapping), parsed once per process. Shared: callers must not change it."""
    with open(rules_path(name), encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"rules/{name} must hold a mapping")
    return data


def load_yaml(stream: Any) -> Any:
    """Parse YAML data (a rules/ file) with libyaml's C loader when it is there: several times faster
    than PyYAML's pure-Python loader, which a one-file pre-commit run would otherwise feel."""
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
