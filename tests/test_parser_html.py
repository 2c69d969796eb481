"""html.py: class lookups in one pass, outermost by default."""

from __future__ import annotations

from archiver.parsers.html import make_soup
from archiver.parsers.html import by_classes, first_with_classes

PAGE = (
    "<div id='log'>"
    "<p class='line a' id='l1'>one <span class='line' id='inner'>nested</span></p>"
    "<p class='other' id='o1'><b class='b line' id='l2'>two</b></p>"
    "<p class='line' id='l3'>three</p>"
    "</div>"
)


def ids(tags) -> list[str]:
    return [t["id"] for t in tags]


def test_outermost_matches_in_document_order() -> None:
    soup = make_soup(PAGE)
    assert ids(by_classes(soup, ["line"])) == ["l1", "l2", "l3"]


def test_nested_matches_on_request() -> None:
    soup = make_soup(PAGE)
    assert ids(by_classes(soup, ["line"], nested=True)) == ["l1", "inner", "l2", "l3"]


def test_any_of_several_classes_and_never_the_root_itself() -> None:
    soup = make_soup(PAGE)
    root = soup.find(id="l1")
    assert ids(by_classes(root, ["line"])) == ["inner"]
    assert ids(by_classes(soup, ["other", "a"])) == ["l1", "o1"]


def test_first_match() -> None:
    soup = make_soup(PAGE)
    assert first_with_classes(soup, ["b", "other"])["id"] == "o1"
    assert first_with_classes(soup.find(id="l3"), ["line"]) is None


def test_deep_nesting_needs_no_recursion() -> None:
    depth = 50_000
    soup = make_soup("<div>" * depth + "<span class='hit' id='deep'>x</span>" + "</div>" * depth)
    assert ids(by_classes(soup, ["hit"])) == ["deep"]
    assert first_with_classes(soup, ["hit"])["id"] == "deep"


def test_tag_name_filter_keeps_searching_inside_other_matches() -> None:
    soup = make_soup("<div class='item' id='d'><li class='item' id='x'>in</li></div><li class='item' id='y'>out</li>")
    assert ids(by_classes(soup, ["item"], name="li")) == ["x", "y"]


def test_control_characters_never_reach_message_text() -> None:
    from archiver.parsers.html import all_text, visible_text

    soup = make_soup("<div id='m'>Fee \x1b]0;pwned\x07waived\x1b[2J<br>line two\t!</div>")
    assert visible_text(soup.find(id="m")) == "Fee ]0;pwnedwaived[2J\nline two !"
    assert all_text(soup.find(id="m")) == "Fee ]0;pwnedwaived[2Jline two !"


def test_aria_hidden_text_is_still_seen() -> None:
    # aria-hidden hides from screen readers, not from sight: the amount is the receipt
    from archiver.parsers.html import visible_text

    soup = make_soup(
        '<p id="m">I have waived the <span aria-hidden="true">$40</span>'
        '<span class="sr-only">forty dollar</span> late fee.</p>'
    )
    assert visible_text(soup.find(id="m")) == "I have waived the $40 late fee."


def test_long_runs_of_spaces_and_breaks_fold_in_linear_time() -> None:
    """20,000 no-break spaces and 20,000 <br> in one bubble: quadratic folding
    took seconds here; a regression shows as a hung test run."""
    from archiver.parsers.html import visible_text

    soup = make_soup("<div id='a'><p>one</p>" + "&nbsp;" * 20000 + "<p>two</p>" + "<br>" * 20000 + "<div>three</div></div>")
    text = visible_text(soup.find(id="a"))
    assert text.split("\n")[0] == "one" and text.split("\n")[-1] == "three"
    assert text.replace("\n", "") == "onetwothree"


def test_liveperson_side_comes_from_whole_class_endings() -> None:
    from archiver.parsers import liveperson

    soup = make_soup(
        '<div id="lpChat"><div class="lpc_message-area lpc_message-area_consumer lpc_message-area_bottom-aligned">'
        '<div class="lpc_message lpc_message_consumer"><div class="lpc_message__text">Hi</div></div></div>'
        '<div class="lpc_message-area lpc_message-area_bot"><div class="lpc_message"><div class="lpc_message__text">'
        "I'm the assistant</div></div></div></div>"
    )
    assert [(m.role, m.text) for m in liveperson.parse(soup).messages] == [("customer", "Hi"), ("bot", "I'm the assistant")]
