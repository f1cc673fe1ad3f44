"""Facet counts, multi-select and filter semantics, checked by brute force over the press corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer.search import Engine

PRESS = Path(__file__).resolve().parent / "data" / "presse"


@pytest.fixture(scope="module")
def docs(press_index: Path) -> dict[str, dict[str, object]]:
    """Every article's stored metadata, read one by one (no facet code involved)."""
    engine = Engine(press_index)
    out = {}
    for path in sorted(PRESS.glob("*.json")):
        art = engine.article(path.name)
        assert art is not None
        out[path.name] = art
    return out


def _ids(data: dict[str, object]) -> set[str]:
    """Every article a result page holds: the hits and the copies folded under them."""
    shown = {h["id"] for h in data["hits"]}  # type: ignore[attr-defined]
    return shown | {i for g in data["groups"] for i in g["also"]}  # type: ignore[attr-defined]


def _matching(client: FlaskClient, q: str) -> set[str]:
    return _ids(client.get("/api/search", query_string={"q": q, "per_page": 100}).get_json())


def _keep(art: dict[str, object], outlets: list[str], actors: list[str], places: list[str],
          month: str | None) -> bool:
    ok = True
    if outlets:
        ok &= art["outlet"] in outlets
    if actors:
        ok &= bool(set(actors) & set(art["people"]) | set(actors) & set(art["orgs"]))  # type: ignore[arg-type]
    if places:
        ok &= bool(set(places) & set(art["places"]))  # type: ignore[arg-type]
    if month:
        ok &= art["date"] is not None and art["date"].isoformat()[:7] == month  # type: ignore[attr-defined]
    return bool(ok)


CASES = [
    ("AES", [], [], [], None),
    ("AES", ["Sahel Tribune", "aNiamey.com"], [], [], None),
    ("", [], ["AES"], ["Mali"], None),
    ("securite", [], [], ["Niger", "Mali"], None),
    ("", ["Le Faso.net"], ["CEDEAO", "Ibrahim Traoré"], [], None),
    ("", [], [], [], "2025-04"),
    ("AES OU CEDEAO", ["Maliweb", "Nigerdiaspora"], ["AES"], ["Mali", "Bamako"], "2025-04"),
]


@pytest.mark.parametrize(("q", "outlets", "actors", "places", "month"), CASES)
def test_facet_counts_match_brute_force(
    press_client: FlaskClient, docs: dict[str, dict[str, object]], q: str, outlets: list[str],
    actors: list[str], places: list[str], month: str | None,
) -> None:
    params: dict[str, object] = {"q": q, "outlet": outlets, "actor": actors, "place": places,
                                 "per_page": 100}
    if month:
        params["month"] = month
    data = press_client.get("/api/search", query_string=params).get_json()
    matched = _matching(press_client, q) if q else set(docs)

    expected_hits = {i for i in matched if _keep(docs[i], outlets, actors, places, month)}
    assert expected_hits == _ids(data)
    assert len(expected_hits) == data["total"]

    # Each facet counts over the query and every *other* facet's filters (multi-select).
    def counts(key: str, skip: str) -> Counter[str]:
        keep = [i for i in matched if _keep(
            docs[i], [] if skip == "outlet" else outlets, [] if skip == "actor" else actors,
            [] if skip == "place" else places, None if skip == "month" else month)]
        c: Counter[str] = Counter()
        for i in keep:
            value = docs[i][key]
            if key == "outlet":
                if value:
                    c[str(value)] += 1
            elif key == "date":
                if value is not None:
                    c[value.isoformat()[:7]] += 1  # type: ignore[attr-defined]
            else:
                c.update(value)  # type: ignore[arg-type]
        return c

    def got(name: str) -> Counter[str]:
        return Counter({b["value"]: b["count"] for b in data["facets"][name] if b["count"]})

    assert counts("outlet", "outlet") == got("outlet")
    assert counts("people", "actor") == got("person")
    assert counts("orgs", "actor") == got("org")
    assert counts("places", "place") == got("place")
    assert counts("date", "month") == got("month")
    selected = {b["value"] for name in ("outlet", "person", "org", "place", "month")
                for b in data["facets"][name] if b["selected"]}
    assert set(outlets) | set(actors) | set(places) | ({month} if month else set()) == selected


def test_multi_select_is_or_within_and_across(press_client: FlaskClient) -> None:
    one = press_client.get("/api/search?outlet=Maliweb").get_json()["total"]
    two = press_client.get("/api/search?outlet=Maliweb&outlet=Le+Faso.net").get_json()
    assert (2, 5) == (one, two["total"])
    counts = {b["value"]: b["count"] for b in two["facets"]["outlet"]}
    assert (2, 3, 4) == (counts["Maliweb"], counts["Le Faso.net"], counts["Sahel Tribune"])
    across = press_client.get("/api/search?outlet=Maliweb&outlet=Le+Faso.net&place=Niger").get_json()
    assert {"06_cedeao.json", "12_passeport.json", "15_sanctions.json"} == {
        h["id"] for h in across["hits"]}


def test_unknown_dates_counted(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?q=cooperation").get_json()
    unknown = [b for b in data["facets"]["year"] if b["value"] == "inconnue"]
    assert [("date inconnue", 1)] == [(b["label"], b["count"]) for b in unknown]
    html = press_client.get("/?q=cooperation").get_data(as_text=True)
    assert 'class="unknown-date">date inconnue <span class="count">1</span>' in html


@pytest.mark.parametrize(("sort", "first", "last"), [
    ("recent", "2025-05-30", None),
    ("ancien", "2023-11-05", None),
])
def test_sort_by_date(press_client: FlaskClient, sort: str, first: str, last: str | None) -> None:
    dates = [h["date"] for h in press_client.get(f"/api/search?sort={sort}&per_page=100").get_json()["hits"]]
    known = [d for d in dates if d]
    assert (first, last) == (dates[0], dates[-1])  # undated last either way
    assert known == sorted(known, reverse=sort == "recent")


def test_pertinence_puts_title_matches_first(press_client: FlaskClient) -> None:
    hits = press_client.get("/api/search?q=uranium").get_json()["hits"]
    assert "11_uranium.json" == hits[0]["id"]
    assert all(h["score"] is not None for h in hits)


def test_pagination_bounds_and_permalink(press_client: FlaskClient) -> None:
    pages = [press_client.get(f"/api/search?sort=recent&per_page=5&page={n}").get_json()
             for n in (1, 2, 3, 4)]
    ids = [h["id"] for p in pages for h in p["hits"]] + [i for p in pages for g in p["groups"]
                                                         for i in g["also"]]
    # 16 articles, 14 once the communiqué's two copies fold under the first (one group).
    assert (16, 14, 3, [5, 5, 4, 0]) == (
        pages[0]["total"], pages[0]["distinct"], pages[0]["pages"], [len(p["hits"]) for p in pages])
    assert 16 == len(ids) == len(set(ids))  # every article once, on no later page again
    beyond = press_client.get("/api/search?per_page=5&page=9").get_json()
    assert (16, []) == (beyond["total"], beyond["hits"])
    assert 400 == press_client.get("/api/search?page=0").status_code
    assert 400 == press_client.get("/api/search?per_page=101").status_code
    base = "/?q=AES&amp;outlet=Sahel+Tribune&amp;sort=recent"
    html = press_client.get("/?q=AES&outlet=Sahel+Tribune&sort=recent&per_page=1&page=2").get_data(
        as_text=True)
    assert f'<a rel="next" href="{base}&amp;page=3&amp;per_page=1"' in html
    assert f'<a rel="prev" href="{base}&amp;per_page=1"' in html
    assert f'href="{base}&amp;page=2&amp;per_page=1">Lien permanent' in html


def test_chips_and_clear_all(press_client: FlaskClient) -> None:
    html = press_client.get("/?q=AES&outlet=Maliweb&place=Mali&date_from=2025-01-01").get_data(as_text=True)
    assert 'aria-label="Retirer le filtre média : Maliweb"' in html
    assert 'href="/?q=AES&amp;place=Mali&amp;date_from=2025-01-01"' in html  # Maliweb chip removes it
    assert 'href="/?q=AES&amp;outlet=Maliweb&amp;place=Mali"' in html      # date chip
    assert '<a class="chip clear" href="/?q=AES">tout effacer</a>' in html


def test_long_facet_plus_and_actor_filter_box(press_client: FlaskClient) -> None:
    html = press_client.get("/").get_data(as_text=True)
    assert 'href="/?plus=place">plus…' in html
    full = press_client.get("/?plus=place").get_data(as_text=True)
    assert "Ouagadougou" in full and "Ouagadougou" not in html
    data = press_client.get("/api/search?filtre_acteur=goita").get_json()
    assert ([("Assimi Goïta", 2)], []) == (
        [(b["value"], b["count"]) for b in data["facets"]["person"]],
        [(b["value"], b["count"]) for b in data["facets"]["org"]])
    box = press_client.get("/?filtre_acteur=goita").get_data(as_text=True)
    assert '<label for="filtre-acteur">' in box and 'value="goita"' in box


def test_timeline_bars_link_to_months(press_client: FlaskClient) -> None:
    html = press_client.get("/?q=AES").get_data(as_text=True)
    assert '<svg viewBox' in html
    assert 'href="/?q=AES&amp;month=2025-04" aria-label="avril 2025 : 4 articles"' in html
    filtered = press_client.get("/api/search?q=AES&month=2025-04").get_json()
    assert 4 == filtered["total"]


def test_date_range_and_shortcuts(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?date_from=2025-01-01&date_to=2025-01-31").get_json()
    assert {"06_cedeao.json", "12_passeport.json"} == {h["id"] for h in data["hits"]}
    html = press_client.get("/").get_data(as_text=True)
    assert ">cette année</a>" in html and ">12 derniers mois</a>" in html
    assert 'type="date"' in html


def test_suggestion_only_when_it_finds_more(press_client: FlaskClient) -> None:
    # Nothing found as typed: the page shows the respelt query's results (exact=1: as typed).
    data = press_client.get("/api/search?q=securte").get_json()
    assert ("sécurité", {"from": "securte", "to": "sécurité"}) == (data["suggestion"], data["corrected"])
    exact = press_client.get("/api/search?q=securte&exact=1").get_json()
    assert (0, "sécurité", None) == (exact["total"], exact["suggestion"], exact["corrected"])
    html = press_client.get("/?q=securte&exact=1").get_data(as_text=True)
    assert 'Vouliez-vous dire <a href="/?q=s%C3%A9curit%C3%A9&amp;exact=1">sécurité</a>' in html
    assert None is press_client.get("/api/search?q=securite").get_json()["suggestion"]


def test_zero_results_offers_relaxed_query(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?q=tomates+uranium").get_json()
    assert (0, {"q": "tomates OU uranium", "total": 2}) == (data["total"], data["relaxed"])
    html = press_client.get("/?q=tomates+uranium").get_data(as_text=True)
    assert "Aucun résultat" in html and 'href="/?q=tomates+OU+uranium"' in html


def test_near_identical_articles_grouped(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?q=ministres+Defense+Bamako&sort=recent").get_json()
    [group] = data["groups"]
    assert ["02_communique_a.json", "03_communique_b.json"] == sorted(group["also"]) or \
        "02_communique_a.json" in [group["id"], *group["also"]]
    assert 3 == 1 + len(group["also"])
    html = press_client.get("/?q=ministres+Defense+Bamako").get_data(as_text=True)
    assert "<summary>repris par 2 autres médias</summary>" in html
    assert "dont 2 reprises regroupées" in html
    assert 1 == html.count('class="hit"')


def test_hit_shows_outlet_date_actor_chips(press_client: FlaskClient) -> None:
    html = press_client.get("/?q=Goita").get_data(as_text=True)
    assert "24 septembre 2024" in html and "Maliweb" in html
    assert 'href="/?q=Goita&amp;actor=Assimi+Go%C3%AFta"' in html
    assert "<mark>Goïta</mark>" in html
