"""Closed vocabularies of the units app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Era(models.TextChoices):
    """Which official list a unit belongs to; codes are unique only within an era."""

    CURRENT = "2025", _("Từ 01/7/2025 (hai cấp)")
    LEGACY = "pre2025", _("Trước 01/7/2025 (ba cấp)")


class Level(models.TextChoices):
    """Place in the hierarchy; 'district' exists only in the legacy era."""

    NATIONAL = "national", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class UnitKind(models.TextChoices):
    """The official division type, as the national statistics list names it."""

    NATION = "quốc gia", _("quốc gia")
    PROVINCE = "tỉnh", _("tỉnh")
    MUNICIPALITY = "thành phố trung ương", _("thành phố trực thuộc trung ương")
    RURAL_DISTRICT = "huyện", _("huyện")
    URBAN_DISTRICT = "quận", _("quận")
    DISTRICT_TOWN = "thị xã", _("thị xã")
    PROVINCIAL_CITY = "thành phố", _("thành phố thuộc tỉnh")
    COMMUNE = "xã", _("xã")
    WARD = "phường", _("phường")
    TOWNSHIP = "thị trấn", _("thị trấn")
    SPECIAL_ZONE = "đặc khu", _("đặc khu")


class AgencyKind(models.TextChoices):
    """Bodies and posts of a unit that plans name as lead or cooperating agencies."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    OFFICE = "office", _("Văn phòng")
    HOME_AFFAIRS = "home_affairs", _("Nội vụ")
    RADIO_STATION = "radio_station", _("Đài truyền thanh / phát thanh")
    CULTURE_INFORMATION = "culture_information", _("Văn hóa - Thông tin")
    JUSTICE = "justice", _("Tư pháp")
    FINANCE = "finance", _("Tài chính - Kế toán")
    ONE_STOP_DESK = "one_stop_desk", _("Bộ phận một cửa / Trung tâm phục vụ hành chính công")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    MASS_ORGANISATION = "mass_organisation", _("Đoàn thể")
    PRESS = "press", _("Báo, đài, cổng thông tin")
    DEPARTMENT = "department", _("Sở, ban, ngành / phòng chuyên môn")
    SUBORDINATE_UNITS = "subordinate_units", _("Đơn vị cấp dưới")
    OTHER = "other", _("Khác")
