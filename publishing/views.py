"""The public portal (no login; reads published snapshots only) and the editors' publishing pages."""

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_http_methods, require_POST

from accounts.models import User
from casework import documents
from monitoring.access import can_review, get_event_for_user, is_editor
from publishing import actions, pdf, present, queries
from publishing.cache import cached_public_page
from publishing.forms import PortalFilterForm, PublishForm, ReportForm
from publishing.models import PublishedFile, PublishedRecord, Report
from rightsdesk.pagination import paginate, query_without_page


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# The public portal ------------------------------------------------------------


@require_GET
@cached_public_page
def portal(request: HttpRequest) -> HttpResponse:
    records = queries.public_records()
    labels = present.Labels()
    stats = present.statistics(records)
    return render(
        request,
        "publishing/portal.html",
        {
            "form": PortalFilterForm(),
            "stats": stats,
            "latest": [present.record_view(r, labels) for r in records.order_by("-published_at")[:8]],
            "reports": Report.objects.public().order_by("-published_at")[:5],
            **present.figures_charts(stats, labels, link="/portal/records/?region="),
        },
    )


@require_GET
@cached_public_page
def record_list(request: HttpRequest) -> HttpResponse:
    form = PortalFilterForm(request.GET or None)
    records = queries.filter_records(queries.public_records(), form.filters())
    labels = present.Labels()
    page = paginate(request, records, per_page=25)
    stats = present.statistics(records)
    return render(
        request,
        "publishing/record_list.html",
        {
            "form": form,
            "page": page,
            "rows": [present.record_view(r, labels) for r in page],
            "query": query_without_page(request),
            "stats": stats,
            "years": queries.years(queries.public_records()),
            **present.figures_charts(stats, labels),
        },
    )


@require_GET
@cached_public_page
def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    record = queries.public_records().filter(public_id=public_id).first()
    if record is None:
        raise Http404("No such record")
    labels = present.Labels()
    return render(
        request,
        "publishing/record_detail.html",
        {"r": present.record_view(record, labels), "files": present.file_views(record, labels)},
    )


def _public_file(public_id: str, name: str) -> PublishedFile | None:
    stem, _dot, extension = name.partition(".")
    return (
        PublishedFile.objects.public()
        .filter(record__public_id=public_id, public_id=stem, extension=extension)
        .select_related("record")
        .first()
    )


def _file_etag(request: HttpRequest, public_id: str, name: str) -> str | None:
    found = _public_file(public_id, name)
    return found.sha256 if found else None


@require_GET
@condition(etag_func=_file_etag)
def record_file(request: HttpRequest, public_id: str, name: str) -> HttpResponse:
    """A cleaned copy published with a record, for as long as the record is published.

    Not kept in the public page cache, and browsers and proxies are asked to check
    back every time (no-cache with an ETag): a withdrawn record's files are gone at once.
    """
    published = _public_file(public_id, name)
    if published is None:
        raise Http404("No such file")
    response = HttpResponse(documents.read(published.stored_name), content_type=published.content_type)
    # Pictures are shown in the record's page; a PDF is downloaded rather than opened in the portal's origin.
    disposition = "inline" if published.is_image else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{published.download_name}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@cached_public_page
def report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/report_list.html", {"reports": Report.objects.public()})


def _public_report(slug: str) -> Report:
    report = Report.objects.public().filter(slug=slug).first()
    if report is None:
        raise Http404("No such report")
    return report


@require_GET
@cached_public_page
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _public_report(slug)
    return render(request, "publishing/report.html", {**present.report_context(report), "public": True})


def _pdf_response(report: Report) -> HttpResponse:
    response = HttpResponse(pdf.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{report.slug}.pdf"'
    return response


@require_GET
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _pdf_response(_public_report(slug))


@require_GET
@cached_public_page
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/open_data.html",
        {"count": queries.public_records().count(), "columns": present.CSV_COLUMNS},
    )


@require_GET
def records_csv(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(present.CSV_COLUMNS)
    for record in queries.public_records().order_by("occurred_on", "pk"):
        writer.writerow(present.csv_row(record))
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="published-violations.csv"'
    return response


@require_GET
def records_json(request: HttpRequest) -> HttpResponse:
    rows = [present.open_data_row(r) for r in queries.public_records().order_by("occurred_on", "pk")]
    body = json.dumps({"records": rows, "count": len(rows)}, ensure_ascii=False, indent=1)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="published-violations.json"'
    return response


# Editors ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = get_event_for_user(user, pk)
    if not can_review(user, event):
        raise Http404
    existing = PublishedRecord.objects.filter(event=event).first()
    initial: dict[str, object] = {
        "title": existing.title if existing else event.title,
        "summary": existing.summary if existing else "",
        "evidence_files": [f.source_id for f in existing.files.all()] if existing else [],
    }
    form = PublishForm(request.POST or None, initial=initial, event=event)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            published = actions.publish_event(event, actor=user, **form.cleaned_data)
        except actions.PublishRefused as exc:
            refused = str(exc)
        else:
            messages.success(request, _("Published on the portal."))
            return redirect("publishing:record", published.public_id)
    data = form.cleaned_data if form.is_bound and form.is_valid() else initial
    draft = actions.preview(
        event,
        title=str(data.get("title") or ""),
        summary=str(data.get("summary") or ""),
        apply_redaction=True,  # the preview shows the text as it would read redacted; findings list the originals
    )
    labels = present.Labels()
    preview_record = PublishedRecord(public_id="preview", published_at=event.updated_at, **draft.values)
    return render(
        request,
        "publishing/publish.html",
        {
            "event": event,
            "form": form,
            "findings": draft.findings,
            "refused": refused,
            "preview": present.record_view(preview_record, labels),
            "existing": existing,
            "approved": event.status == "approved",
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    record = PublishedRecord.objects.filter(public_id=public_id, withdrawn_at__isnull=True).first()
    if record is None or not can_review(user, get_event_for_user(user, record.event_id)):
        raise Http404
    actions.withdraw(record, actor=user)
    messages.success(request, _("Withdrawn from the portal."))
    return redirect("monitoring:event_detail", record.event_id)


@login_required
@require_http_methods(["GET", "POST"])
def staff_reports(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not is_editor(user):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = actions.build_report(
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            filters=form.filters(),
            introduction=data["introduction"],
            include_missions=data["include_missions"],
            actor=user,
        )
        messages.success(request, _("Report built. Check it, then publish it on the portal."))
        return redirect("publishing:staff_report", report.slug)
    return render(request, "publishing/staff_reports.html", {"form": form, "reports": Report.objects.all()})


def _staff_report(request: HttpRequest, slug: str) -> Report:
    if not is_editor(_user(request)):
        raise Http404
    report = Report.objects.filter(slug=slug).first()
    if report is None:
        raise Http404
    return report


@login_required
@require_http_methods(["GET", "POST"])
def staff_report(request: HttpRequest, slug: str) -> HttpResponse:
    report = _staff_report(request, slug)
    if request.method == "POST":
        if request.POST.get("publish") == "1":
            actions.publish_report(report, actor=_user(request))
            messages.success(request, _("The report is on the portal."))
        else:
            actions.unpublish_report(report, actor=_user(request))
            messages.success(request, _("The report is no longer on the portal."))
        return redirect("publishing:staff_report", report.slug)
    return render(
        request, "publishing/report.html", {**present.report_context(report), "public": False, "staff": report}
    )


@login_required
@require_GET
def staff_report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _pdf_response(_staff_report(request, slug))
