"""Swedish counts: the form for one and for every other count, and how a count is written."""

from fkstod.core.plural import count_text, plural


def test_one_takes_the_singular_and_every_other_count_the_plural():
    assert [plural(n, "{n} träff", "{n} träffar") for n in (0, 1, 2)] == [
        "0 träffar",
        "1 träff",
        "2 träffar",
    ]


def test_counts_of_five_digits_and_more_are_grouped_with_a_space_that_never_breaks():
    assert [count_text(n) for n in (0, 999, 1200, 9999)] == ["0", "999", "1200", "9999"]
    assert count_text(12_000) == "12\u00a0000"
    assert count_text(100_000) == "100\u00a0000"
    assert count_text(1_234_567) == "1\u00a0234\u00a0567"
    assert plural(100_000, "{n} post", "{n} poster") == "100\u00a0000 poster"
