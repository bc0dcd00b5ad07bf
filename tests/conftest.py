"""Shared test settings: hypothesis profiles for the fuzz tests (tests/test_fuzz.py).

- `ci` (the default): a short run that keeps the whole suite within CI's time.
- `long`: a long local run, e.g.
      .venv/bin/pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
- `HYPOTHESIS_PROFILE=long` in the environment does the same as the option;
  `NEWSLINT_FUZZ_EXAMPLES=5000` sets the long profile's examples per test (default 20,000).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "20000")),
                          deadline=None, suppress_health_check=_QUIET, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
