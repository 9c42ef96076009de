"""GET /health and GET /api/search over real HTTP (in-process ASGI client)."""

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_search_answers_per_contract(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "직원들이 집에서도 회사 시스템에 접속하게 하고 싶어요", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is True
    assert len(body["results"]) == 3
    for result in body["results"]:
        assert set(result) == {"id", "name", "score", "passage", "source", "source_url"}
        # A person reads the source (publisher, year, headline); no file name reaches them.
        assert ".txt" not in result["source"] and result["source_url"].startswith("/sources/")
        assert client.get(result["source_url"]).status_code == 200
    assert "program:kasdi-daas-remote-work" in [r["id"] for r in body["results"]]


def test_search_kind_filter(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "원격 지원", "kind": "vendor"}).json()
    assert body["results"] and all(r["id"].startswith("vendor:") for r in body["results"])


def test_search_abstains(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "법인세 신고 기한이 언제예요?"}).json()
    assert body["answerable"] is False


def test_search_errors_are_json(client: TestClient) -> None:
    for params, status in [({}, 422), ({"q": "x", "k": 0}, 422), ({"q": "x", "kind": "mentor"}, 422),
                           ({"q": "가" * 501}, 422)]:
        response = client.get("/api/search", params=params)
        assert response.status_code == status
        error = response.json()["error"]
        assert error["code"] == "invalid_input"
        assert error["message"]


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
