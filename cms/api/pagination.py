"""Pages of results with bounded sizes: `?page=2&size=50`, at most 100 per page."""

from rest_framework.pagination import PageNumberPagination


class BoundedPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "size"
    max_page_size = 100
