"""The one page-number pagination every API list uses: ?page=…&page_size=… (at most 200)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    class Input(Schema):
        # Bounded so that an absurd page number is a 422, not an integer overflow in the database.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int = Field(50, ge=1, le=200)

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        self.page_size = pagination.page_size
        return super().paginate_queryset(queryset, pagination, request, **params)
