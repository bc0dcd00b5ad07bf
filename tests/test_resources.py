"""newslint.resources: the data files of rules/, found and parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import resources


def test_every_shipped_yaml_file_is_a_mapping_read_once() -> None:
    names = sorted(p.name for p in resources.rules_dir().glob("*.yaml"))
    assert "style-time.yaml" in names and "links-rel.yaml" in names
    for name in names:
        data = resources.rules_data(name)
        assert isinstance(data, dict) and data, name
        assert resources.rules_data(name) is data  # parsed once per process


def test_a_data_file_that_is_not_a_mapping_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.yaml").write_text("- a\n- b\n", encoding="utf-8")
    monkeypatch.setattr(resources, "rules_path", lambda name: tmp_path / name)
    resources.rules_data.cache_clear()
    try:
        with pytest.raises(ValueError, match="rules/broken.yaml must hold a mapping"):
            resources.rules_data("broken.yaml")
    finally:
        resources.rules_data.cache_clear()
