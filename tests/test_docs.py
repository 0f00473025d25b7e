"""The examples in docstrings are run, so the documentation cannot drift from the code."""

import doctest
import importlib

import pytest

MODULES = ["incidentmap.model", "incidentmap.read", "incidentmap.filters",
           "incidentmap.pipeline"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0
