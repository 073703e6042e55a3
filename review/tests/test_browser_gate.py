"""Without Chromium the browser tests skip on a developer machine and fail in CI."""

import pytest

from review.tests import test_browser


def test_missing_chromium_skips_with_the_reason_outside_ci(monkeypatch):
    monkeypatch.setattr(test_browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found at /nonexistent/chromium"):
        test_browser.require_browser()


def test_missing_chromium_fails_in_ci(monkeypatch):
    monkeypatch.setattr(test_browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Browser tests must run in CI"):
        test_browser.require_browser()
