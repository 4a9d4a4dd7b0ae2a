"""The campaign: campaign.yaml checked against one declaration of its fields, and its languages."""

from printkit.campaign.loader import load, slugify
from printkit.campaign.model import Campaign

__all__ = ["Campaign", "load", "slugify"]
