"""The column names supporters' spreadsheets really use, by the field they fill.

Names are compared folded (case, spaces, `_`, `-` and punctuation ignored), so
`first_name`, `First Name` and `FIRST-NAME` are one alias. Where the exports come from:

- Google Forms: the response sheet has a `Timestamp` column, then one column per
  question headed by the question as the organiser wrote it (`Email address` when
  emails are collected), so British forms bring `First name`, `Surname`, `Postcode`
  (Forms API `FormResponse`: createTime, respondentEmail, answers by question;
  developers.google.com/forms/api/reference/rest/v1/forms.responses).
- Microsoft Forms: the Excel export records the respondent's `Name` and `Email` when
  "Record name" is on, then one column per question (support.microsoft.com, "Set up
  your survey so names aren't recorded when collecting responses").
- Action Network: reports and downloads use `first_name`, `last_name`, `email`,
  `zip_code`, `can2_user_address`, `can2_user_city`, `can2_state_abbreviated`
  (help.actionnetwork.org "File formats for list uploads": uploads named as its field
  names match automatically; the core fields are first and last name, street address,
  city, state, ZIP/postal code and country, "Action Network General Concepts").
- NationBuilder: `first_name`, `last_name`, `name` (the full name), and the home
  address as `Address address1..3`, `Address city`, `Address zip`
  (support.nationbuilder.com/en/articles/2895987-fields-available-for-import).
- CiviCRM: contact exports are headed by field labels: `First Name`, `Last Name`,
  `Street Address`, `Supplemental Address 1/2`, `City`, `Postal Code`, and the privacy
  flag `Do not mail` ("Contacts with 'Do not mail' will be excluded when mailing labels
  are created", CiviCRM's own strings; docs.civicrm.org/dev hook_civicrm_export).
- Mailchimp: `Email Address`, `First Name`, `Last Name`, `Address` (one cell, its parts
  separated by two spaces: kb.mailchimp.com "Format List Fields"; printkit splits it
  into lines, see outcomes.address_lines); the postcode needs a column of its own.
"""

from __future__ import annotations

# A person's name in one column, or split in two and joined with a space.
WHOLE_NAMES = ("Your name", "Name", "Full name", "Supporter name", "Display name")
FIRST_NAMES = ("First name", "Forename", "Given name", "First")
LAST_NAMES = ("Last name", "Surname", "Family name", "Last")

# Sender fields and the columns they are found under, best first: one column, or
# several joined with a space (`First name + Surname`, `House number + Street`).
SENDER_FIELDS: dict[str, tuple[str, ...]] = {
    "your name": (
        *WHOLE_NAMES,
        *(f"{first} + {last}" for first in FIRST_NAMES for last in LAST_NAMES),
    ),
    "address 1": ("Address 1", "Address line 1", "Street address", "House number + Street",
                  "House number + Street address", "Street", "Address", "can2_user_address",
                  "Address address1", "Address 1 (street)"),
    "address 2": ("Address 2", "Address line 2", "Supplemental address 1", "Address address2",
                  "Locality"),
    "address 3": ("Address 3", "Address line 3", "Supplemental address 2", "Address address3"),
    "town": ("Town", "Post town", "City", "Town/City", "Town or city", "can2_user_city",
             "Address city"),
    "postcode": ("Postcode", "Post code", "Zip", "Zip code", "Postal code", "Address zip",
                 "Postcode/Zip"),
    # A row whose value here is true-ish asked not to be sent post (outcomes.OPT_OUT).
    "do not mail": ("Do not mail", "Do not post", "No post", "No mail", "Opted out",
                    "Opt out", "Opt-out of post", "Unsubscribed", "Do not contact by post"),
}  # fmt: skip
ADDRESS_FIELDS = ("address 1", "address 2", "address 3")
OPT_OUT_FIELD = "do not mail"
TRUE_VALUES = frozenset({"yes", "y", "true", "1", "x"})  # compared case-insensitively
