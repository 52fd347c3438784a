"""The examples in the docstrings of the pure query helpers run and say what they show
(oxigraph's python/tests/test_doc.py does the same for its bindings)."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import kg.rows
import kg.sparql


@pytest.mark.parametrize("module", [kg.rows, kg.sparql], ids=lambda m: m.__name__)
def test_docstring_examples_run(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
