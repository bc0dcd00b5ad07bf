"""The wheel carries rules/ and works when installed in a fresh environment (not only from the checkout)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src") / "newslint"
    # Build from a copy of the tracked sources, as a release would, not from the working tree's caches.
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv*", ".git", ".newslint_cache", "__pycache__",
                                                              ".pytest_cache", ".mypy_cache", ".ruff_cache", "bench"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=300)
    (whl,) = out.glob("newslint-*.whl")
    return whl


def test_wheel_contains_the_rule_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/_rules/front-matter.schema.json" in names
    assert "newslint/cli.py" in names


def test_installed_wheel_runs_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # Dependencies come from the test environment (appended after the venv's own site-packages, so the
    # installed wheel, not the checkout, provides `newslint`); nothing is downloaded.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "test-deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    article = tmp_path / "a.md"
    article.write_text("---\ncategories: News\n---\n\n본문\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    res = subprocess.run([str(env_dir / "bin" / "newslint"), "check", "--select", "FM001", "--no-cache", str(article)],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert res.returncode == 1, res.stderr
    assert "FM001" in res.stdout
    where = subprocess.run([str(py), "-c", "import newslint.resources as r; print(r.rules_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert "site-packages/newslint/_rules" in where.stdout
