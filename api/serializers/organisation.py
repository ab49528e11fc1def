"""Agencies, subgroups and themes: the partnership's reference data."""

from rest_framework import serializers

from partnership.models import Agency, Subgroup, Theme


class AgencySerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "sector", "partner_status", "area", "area_name", "active"]
        read_only_fields = fields


class SubgroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subgroup
        fields = ["id", "name", "remit", "active"]
        read_only_fields = fields


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "description", "active"]
        read_only_fields = fields
