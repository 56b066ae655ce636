"""Building a published snapshot from an approved event: the explicit whitelist of what is public.

Nothing reaches a PublishedRecord except the values set here. Free text passes
through the redaction rules; people appear only as their public label.
"""

from dataclasses import dataclass, field
from typing import Any

from monitoring.models import Confidentiality, Event, Source, SourceQuerySet, ViolationRight
from publishing.cleaning import EXTENSIONS
from publishing.redaction import Finding, protected_for, public_labels, redact, scan


@dataclass
class Draft:
    values: dict[str, Any]
    facets: list[tuple[str, str]]
    findings: list[Finding]
    # The published (redacted) title of each source that may be published, by the source's pk:
    # a file published with the record is captioned with it.
    source_titles: dict[int, str] = field(default_factory=dict)


def publishable_files(event: Event) -> SourceQuerySet:
    """Sources of the event whose file may be published: marked "may be published", a picture or a PDF."""
    return (
        Source.objects.filter(event=event, confidentiality=Confidentiality.PUBLIC, content_type__in=list(EXTENSIONS))
        .with_files()
        .select_related("kind")
        .order_by("pk")
    )


def build(event: Event, *, title: str, summary: str, apply_redaction: bool) -> Draft:
    labels = public_labels(event)
    protected = protected_for(event, labels)
    findings: list[Finding] = []

    def clean(where: str, text: str) -> str:
        found = scan(where, text, protected)
        findings.extend(found)
        return redact(text, protected) if apply_redaction and found else text

    acts = []
    violation_codes: list[str] = []
    consequence_codes: set[str] = set()
    perpetrator_codes: set[str] = set()
    victims: list[str] = []
    for act in event.acts.select_related("violation_type", "perpetrator_kind").prefetch_related("consequences"):
        victim = labels.get(act.victim_id, "") if act.victim_id else ""
        if victim and victim not in victims:
            victims.append(victim)
        consequences = sorted(t.code for t in act.consequences.all())
        consequence_codes.update(consequences)
        if act.perpetrator_kind is not None:
            perpetrator_codes.add(act.perpetrator_kind.code)
        if act.violation_type.code not in violation_codes:
            violation_codes.append(act.violation_type.code)
        acts.append(
            {
                "violation": act.violation_type.code,
                "victim": victim,
                "perpetrator_kind": act.perpetrator_kind.code if act.perpetrator_kind else "",
                "perpetrator_body": clean("perpetrator", act.perpetrator_body),
                "consequences": consequences,
            }
        )
    rights = sorted(
        set(
            ViolationRight.objects.filter(violation_type__code__in=violation_codes).values_list(
                "right__code", flat=True
            )
        )
    )
    sources = []
    source_titles: dict[int, str] = {}
    for s in event.sources.filter(confidentiality=Confidentiality.PUBLIC).select_related("kind").order_by("pk"):
        source_titles[s.pk] = clean("source", s.title)
        url = clean("source link", s.url)
        sources.append({"kind": s.kind.code, "title": source_titles[s.pk], "url": url, "reliability": s.reliability})
    interventions = [
        {"kind": i.kind.code, "on": i.on.isoformat()}
        for i in event.interventions.select_related("kind").order_by("on", "pk")
    ]
    tags = sorted(t.code for t in event.tags.all())
    values = {
        "title": clean("title", title),
        "summary": clean("summary", summary),
        "occurred_on": event.started_on,
        "occurred_precision": event.started_precision,
        "year": event.started_on.year,
        "country": event.country,
        "region_code": event.region.code if event.region else "",
        "city": clean("city", event.city),
        "violation_codes": violation_codes,
        "right_codes": rights,
        "tag_codes": tags,
        "acts": acts,
        "victims": victims,
        "sources": sources,
        "interventions": interventions,
    }
    facets = [("violation", c) for c in violation_codes]
    facets += [("right", c) for c in rights]
    facets += [("tag", c) for c in tags]
    facets += [("consequence", c) for c in sorted(consequence_codes)]
    facets += [("perpetrator", c) for c in sorted(perpetrator_codes)]
    return Draft(values=values, facets=facets, findings=findings, source_titles=source_titles)
