"""The query guard (kg.guard): nesting, length, SERVICE and updates told from the raw text, and
``--bind`` values turned into one checked term. Every case here is one an attacker sent."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.guard import MAX_DEPTH, QueryRefused, bind_term, check_query, is_update, scan
from kg.query import QueryError, Results, Term, bind_values, render

NEST = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000


def refused(text: str, **kw: object) -> QueryRefused:
    with pytest.raises(QueryRefused) as exc:
        check_query(text, **kw)  # type: ignore[arg-type]
    return exc.value


def test_nesting_is_counted_outside_strings_iris_and_comments() -> None:
    text = 'SELECT * { ?s ?p "{{{{" . ?s <http://x/a#b> ?o # ((((((\n FILTER(?o < 3) }'
    assert scan(text).depth == 2
    assert scan("SELECT * { ?s ?p '''{{{\n{{{''' }").depth == 1
    assert "3000 levels" in str(refused(NEST))
    assert refused(NEST).status == 400
    ok = "SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    assert check_query(ok).depth == MAX_DEPTH


def test_brackets_cannot_hide_inside_something_read_as_an_iri() -> None:
    # in an expression "<" is less-than: the parentheses after it are code, not part of an IRI
    assert "levels" in str(refused("ASK { FILTER(?a<" + "(" * 3000 + ">1) }"))
    assert "levels" in str(refused("ASK { FILTER(?a<" + "[" * 100 + ">1) }"))


def test_long_queries_are_refused() -> None:
    text = "ASK { " + "?s ?p ?o . " * 20_000 + "}"
    assert "the limit is" in str(refused(text))
    assert check_query(text, max_length=0).depth == 1


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * { service silent ex:x { ?s ?p ?o } }",
    "SELECT * { SeRvIcE <relative> { ?s ?p ?o } }",
    "SELECT * { SERVICE ?where { ?s ?p ?o } VALUES ?where { <http://127.0.0.1/> } }",
    "SELECT * { FILTER(?a<1)SERVICE#>\n<http://127.0.0.1/>{ ?s ?p ?o } }",
])
def test_service_is_refused_however_written(text: str) -> None:
    assert refused(text).status == 403
    assert check_query(text, allow_service=True)


def test_service_as_data_is_no_keyword() -> None:
    check_query('SELECT ?service { ?service <http://x/SERVICE> "SERVICE" } # SERVICE')


def test_updates_are_told_by_their_first_keyword() -> None:
    assert is_update("PREFIX kg: <urn:x#> BASE <urn:y> INSERT DATA { <a:b> <a:c> <a:d> }")
    assert is_update("# comment\n delete where { ?s ?p ?o }")
    assert is_update("LOAD <http://127.0.0.1/x.ttl>")
    assert not is_update("PREFIX insert: <urn:x#> SELECT * { ?s insert:p ?o }")
    assert not is_update('SELECT ("DELETE" AS ?x) {}')


def test_a_broken_860k_query_is_not_parsed_twice() -> None:
    # rdflib used to parse each syntax error again to tell updates apart: 16-28 s at this size
    text = "SELECT * WHERE { " + "?s ?p ?o . " * 80_000 + "FILTER("
    assert not is_update(text)


@pytest.mark.parametrize("value,expected", [
    ("<http://example.org/a>", "<http://example.org/a>"),
    ('"x"@en', '"x"@en'),
    ('"12"^^<http://www.w3.org/2001/XMLSchema#int>', '"12"^^<http://www.w3.org/2001/XMLSchema#int>'),
    ("42", "42"),
    ("达拉特旗", '"达拉特旗"@zh'),
    ('x" } SERVICE <http://127.0.0.1/> { "', '"x\\" } SERVICE <http://127.0.0.1/> { \\""@zh'),
])
def test_bind_values_become_one_term(value: str, expected: str) -> None:
    assert bind_term(value) == expected


@pytest.mark.parametrize("value", [
    '"x"} SERVICE <http://127.0.0.1/> {',
    "<http://a> } SERVICE <http://127.0.0.1/> { <b>",
    '"a" . <urn:s> <urn:p> "b"',
    "<not an iri>",
])
def test_bind_values_that_would_break_out_are_refused(value: str) -> None:
    with pytest.raises(QueryRefused):
        bind_term(value)
    with pytest.raises(QueryError):
        bind_values("SELECT * { VALUES ?x { 1 } }", {"x": value})


def test_bound_query_still_passes_the_guard() -> None:
    text = bind_values("SELECT * { VALUES ?x { 1 } ?s ?p ?x }", {"x": 'a" } SERVICE <http://127.0.0.1/> { "'})
    check_query(text)  # the SERVICE is inside a literal now
    store = ox.Store()
    assert list(store.query(text)) == []


def test_terminal_control_characters_are_escaped_in_tables() -> None:
    evil = "红\x1b[2J\x1b]0;owned\x07\u202e字\n下一行"
    res = Results("select", ["x"], [[Term("literal", evil)]])
    out = render(res, "table")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out and "红" in out and "下一行" in out
