"""The lab's one Markdown table writer."""

from lab import markdown


def test_a_table_has_its_header_its_rule_and_a_line_a_row():
    assert markdown.table(["a", "b"], [["1", "2"], ["3", "4"]]).splitlines() == [
        "| a | b |",
        "| --- | --- |",
        "| 1 | 2 |",
        "| 3 | 4 |",
    ]
