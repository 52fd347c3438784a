"""notebooks/explore.ipynb runs top to bottom in this virtual environment's kernel."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
ARTIFACTS = ROOT / "test-artifacts"


def _text(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def test_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the tour has code cells"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.slow
def test_notebook_runs_top_to_bottom() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first cell that fails

    ARTIFACTS.mkdir(exist_ok=True)
    nbformat.write(notebook, ARTIFACTS / "explore.executed.ipynb")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    text = "\n".join(_text(cell) for cell in code)
    # the kernel is this venv's interpreter ("python3" resolves to sys.executable)
    assert f"kernel: {sys.executable}" in text
    assert "ingested 4 article(s)" in text
    assert "Brad Smith & Wang Wentao" in text  # who met whom about AI, through the Python API
    assert "targets Huawei" in text  # policies and their targets
    assert "Baidu withdrew from Partnership on AI" in text  # alliance withdrawals
    assert "how Baidu connects to Huawei:" in text
    images = [o.data["image/png"] for cell in code for o in cell.outputs
              if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) == 2  # the timeline chart and the co-meeting network
    for name, image in zip(("notebook-timeline", "notebook-co-meeting"), images, strict=True):
        (ARTIFACTS / f"{name}.png").write_bytes(base64.b64decode(image))
