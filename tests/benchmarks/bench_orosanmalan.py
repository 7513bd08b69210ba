"""Orosanmälan render: text against 10 ms, PDF against 200 ms (DESIGN.md)."""

from __future__ import annotations

from tests.benchmarks import Result, time_ms


def main() -> list[Result]:
    from fkstod.core.orosanmalan import example_input, page_mark, parse_form, render_orosanmalan
    from fkstod.qt.render_pdf import PageDecor, ensure_gui_application, pdf_bytes

    ensure_gui_application()
    form = parse_form(example_input())
    protected = parse_form({**example_input(), "skyddade_personuppgifter": True})
    long = parse_form({**example_input(), "egna_iakttagelser": "Det här såg jag. " * 400})

    def pdf(f) -> bytes:
        mark = page_mark() if f.skyddade_personuppgifter else ""
        return pdf_bytes(render_orosanmalan(f, "html", 0), PageDecor(f.datum, mark))

    render_orosanmalan(form, "txt")
    pdf(form)  # first use loads fonts: warm up once, as the app does on its first report
    return [
        Result.of(
            "orosanmälan text, p95", time_ms(lambda: render_orosanmalan(form, "txt"), 200), 10, "ms"
        ),
        Result.of(
            "orosanmälan HTML, p95",
            time_ms(lambda: render_orosanmalan(form, "html"), 200),
            10,
            "ms",
        ),
        Result.of("orosanmälan PDF, 1 sida, p95", time_ms(lambda: pdf(form), 30), 200, "ms"),
        Result.of(
            "orosanmälan PDF, skyddade uppgifter, p95",
            time_ms(lambda: pdf(protected), 30),
            200,
            "ms",
        ),
        Result.of("orosanmälan PDF, 3 sidor, p95", time_ms(lambda: pdf(long), 20), 200, "ms"),
    ]
