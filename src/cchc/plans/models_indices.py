"""Published results of external governance indices (PAPI, PAR INDEX, SIPAS, …): one figure of
one province in one year, with where it was read and whether it was read or computed."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    TOTAL = "total", "Tổng"
    DIMENSION = "dimension", "Nội dung"
    SUBDIMENSION = "subdimension", "Nội dung thành phần"


class Origin(models.TextChoices):
    READ = "read", "Đọc từ nguồn"
    COMPUTED = "computed", "Tính từ số liệu"


class IndexResult(models.Model):
    """One figure: (index, year, province, code) is unique; a re-import updates it."""

    index = models.CharField("chỉ số", max_length=40)  # PAPI, PAR INDEX, SIPAS, PCI, …
    year = models.PositiveSmallIntegerField("năm")
    province = models.CharField("tỉnh, thành phố", max_length=80)
    province_key = models.CharField("khóa tên tỉnh", max_length=80)  # name_key(province)
    province_code = models.CharField("mã tỉnh trong nguồn", max_length=10, blank=True)
    level = models.CharField("cấp", max_length=12, choices=Level.choices)
    code = models.CharField("mã", max_length=20)  # TOTAL, D1…D8, SC11…
    name = models.CharField("tên", max_length=200)
    name_en = models.CharField("tên tiếng Anh", max_length=200, blank=True)
    # null when only the rank was published (PAR INDEX, SIPAS 2024)
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=4, null=True)
    maximum = models.DecimalField("thang điểm tối đa", max_digits=12, decimal_places=4, null=True)
    rank = models.PositiveSmallIntegerField("thứ hạng công bố", null=True)
    rank_of = models.PositiveSmallIntegerField("trên số tỉnh", null=True)
    rank_origin = models.CharField(
        "nguồn gốc thứ hạng", max_length=10, choices=Origin.choices, blank=True
    )
    source = models.CharField("nguồn", max_length=300, blank=True)
    source_url = models.URLField("địa chỉ nguồn", max_length=500, blank=True)
    source_page = models.CharField("trang", max_length=40, blank=True)
    origin = models.CharField("nguồn gốc", max_length=10, choices=Origin.choices)
    origin_detail = models.CharField("cách có số liệu", max_length=60, blank=True)
    confirmed_by = models.TextField("nguồn in xác nhận", blank=True)
    unconfirmed = models.BooleanField("chưa được nguồn in xác nhận", default=False)
    note = models.TextField("ghi chú", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "kết quả chỉ số bên ngoài"
        verbose_name_plural = "kết quả chỉ số bên ngoài"
        ordering = ["index", "year", "province_key", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["index", "year", "province_key", "code"], name="plans_index_result_once"
            )
        ]
        indexes = [models.Index(fields=["index", "year", "code"], name="plans_index_cohort")]

    def __str__(self) -> str:
        return f"{self.index} {self.year} {self.province} {self.code} = {self.value}"
