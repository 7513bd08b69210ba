"""The one template environment: sandboxed, strict, user text is data."""

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from fkstod.core import templates


@pytest.fixture
def env(tmp_path):
    (tmp_path / "t.txt.j2").write_text("Text: {{ text }}\n", encoding="utf-8")
    (tmp_path / "t.html.j2").write_text("<p>{{ text }}</p>\n", encoding="utf-8")
    (tmp_path / "missing.txt.j2").write_text("{{ nothing_here }}\n", encoding="utf-8")
    (tmp_path / "escape.txt.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    return templates.environment(tmp_path)


HOSTILE = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} <script>alert(1)</script> &"


def test_user_text_comes_out_literally_in_text(env):
    assert env.get_template("t.txt.j2").render(text=HOSTILE) == f"Text: {HOSTILE}\n"


def test_user_text_is_escaped_in_html(env):
    out = env.get_template("t.html.j2").render(text=HOSTILE)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "{{ 7*7 }}" in out and "49" not in out


def test_a_missing_field_is_an_error_not_an_empty_string(env):
    with pytest.raises(UndefinedError):
        env.get_template("missing.txt.j2").render()


def test_templates_cannot_reach_python_internals(env):
    with pytest.raises(SecurityError):
        env.get_template("escape.txt.j2").render()


def test_the_shared_environment_is_sandboxed_and_strict():
    env = templates.environment()
    assert env.is_safe_attribute("", "__class__", None) is False
    assert env.undefined.__name__ == "StrictUndefined"
