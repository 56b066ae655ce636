"""Reports as PDF through WeasyPrint: the installed system fonts only, nothing fetched from anywhere."""

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from publishing import present
from publishing.models import Report


class FetchRefused(ValueError):
    pass


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    """Reports are self-contained (inline SVG, one local stylesheet): any URL WeasyPrint tries is refused."""
    raise FetchRefused(f"reports load nothing from outside: {url[:80]}")


def _document(report: Report) -> Any:
    import weasyprint  # type: ignore[import-untyped]

    html = render_to_string("publishing/report_pdf.html", present.report_context(report))
    css_path = finders.find("publishing/report.css")
    stylesheets = [weasyprint.CSS(filename=str(css_path))] if css_path else []
    return weasyprint.HTML(string=html, url_fetcher=refuse_fetch).render(stylesheets=stylesheets)


def report_pdf(report: Report) -> bytes:
    pdf: bytes = _document(report).write_pdf()
    return pdf


def report_text(report: Report) -> str:
    """Every piece of text laid out on the PDF's pages, for checking what a report says."""
    texts: list[str] = []
    for page in _document(report).pages:
        for box in page._page_box.descendants():
            text = getattr(box, "text", None)
            if isinstance(text, str):
                texts.append(text)
    return " ".join(texts)
