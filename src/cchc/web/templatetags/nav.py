"""The navigation bar, by role."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from cchc.core import clock
from cchc.web.access import scope_of
from cchc.web.home_sections import nav_count
from cchc.web.nav_links import nav_links

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context: dict[str, Any]) -> list[dict[str, str]]:
    request = context.get("request")
    items: list[dict[str, str]] = []
    if request is None or not request.user.is_authenticated:
        return [{"url": "/cong-khai/", "label": _("Công khai kết quả")}]
    scope = scope_of(request)
    if scope.has_role:
        items.append({"url": "/", "label": _("Tổng quan")})
        if scope.unit_code and not scope.sees_everything:
            items.append({"url": f"/don-vi/{scope.unit_code}/", "label": _("Đơn vị của tôi")})
        else:
            items.append({"url": "/don-vi/", "label": _("Đơn vị")})
        items.append({"url": "/ho-so-tre-han/", "label": _("Hồ sơ trễ hạn")})
        items.append({"url": "/chi-so/", "label": _("Chỉ số 766")})
        waiting = nav_count("/kiem-tra/", request.user, clock.today())  # cchc.inspections
        label = _("Kiểm tra") + (f" ({waiting})" if waiting else "")
        items.append({"url": "/kiem-tra/", "label": label})
        items.append({"url": "/khao-sat/", "label": _("Khảo sát")})  # cchc.citizens surveys
        waiting = nav_count("/phan-anh/", request.user, clock.today())  # cchc.citizens
        label = _("Phản ánh") + (f" ({waiting})" if waiting else "")
        items.append({"url": "/phan-anh/", "label": label})
        unread = nav_count("/thong-bao/", request.user, clock.today())  # cchc.notices
        label = _("Thông báo") + (f" ({unread})" if unread else "")
        items.append({"url": "/thong-bao/", "label": label})
        if scope.can_write("import"):
            items.append({"url": "/nhap-du-lieu/", "label": _("Nhập dữ liệu")})
        items.append({"url": "/api/docs", "label": "API"})
        for link in nav_links(scope):  # feature apps' items (cchc.web.nav_links)
            urls = [item["url"] for item in items]
            at = urls.index(link.after) + 1 if link.after in urls else len(items)
            waiting = nav_count(link.url, request.user, clock.today())  # its app's count
            label = _(link.label) + (f" ({waiting})" if waiting else "")
            items.insert(at, {"url": link.url, "label": label})
    items.append({"url": "/cong-khai/", "label": _("Công khai kết quả")})
    return items  # "Trang quản trị" (Django's admin, staff only) is beside the account: base.html


@register.simple_tag(takes_context=True)
def role_label(context: dict[str, Any]) -> str:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return scope_of(request).role_label
