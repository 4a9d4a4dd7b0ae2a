"""Whatever shape of JSON the services send back, the lookup gives an answer or a ServiceError."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from printkit.errors import ServiceError
from printkit.lookup import net
from printkit.lookup.services import Member, Place, fold_name, members, places

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
# Answers shaped a little like the real ones, with anything at all in their fields.
POSTCODE_FIELDS = ("postcode", "parliamentary_constituency", "parliamentary_constituency_2024",
                   "admin_ward", "admin_district", "codes")  # fmt: skip
ODD_RESULT = st.fixed_dictionaries({}, optional={k: JSON for k in POSTCODE_FIELDS})
ODD_BULK = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {
            "status": JSON,
            "result": st.lists(
                st.fixed_dictionaries(
                    {"query": st.just("SY21 7AA") | JSON, "result": ODD_RESULT | JSON}
                )
                | JSON,
                max_size=3,
            ),
        }
    ),
)
MEMBER = st.fixed_dictionaries({}, optional={
    "nameDisplayAs": JSON, "nameFullTitle": JSON, "nameAddressAs": JSON, "latestParty": JSON,
    "latestHouseMembership": JSON | st.fixed_dictionaries({}, optional={
        "membershipEndDate": JSON | st.just("2025-01-31T00:00:00") | st.just("not a date"),
        "membershipStatus": JSON,
    }),
})  # fmt: skip
CONSTITUENCY = st.fixed_dictionaries({}, optional={
    "name": st.just("North Down") | JSON, "endDate": JSON,
    "currentRepresentation": JSON | st.fixed_dictionaries({}, optional={
        "member": JSON | st.fixed_dictionaries({"value": MEMBER | JSON}),
        "representation": JSON,
    }),
})  # fmt: skip
ODD_SEARCH = st.one_of(
    JSON,
    st.fixed_dictionaries({"items": st.lists(st.fixed_dictionaries({"value": CONSTITUENCY}) | JSON,
                                             max_size=3), "totalResults": JSON}),
)  # fmt: skip


class Replay:
    """A client that answers every request with the same JSON."""

    def __init__(self, data: Any, status: int = 200) -> None:
        self.name = "a replayed service"
        self.answer = net.Response(status, data)

    def get(self, path: str, params: Any = None) -> net.Response:
        return self.answer

    def post(self, path: str, payload: Any) -> net.Response:
        return self.answer


@settings(max_examples=300, deadline=None)
@given(ODD_BULK, st.sampled_from([200, 404]))
def test_any_postcode_answer_is_a_place_a_reason_or_a_service_error(data: Any, status: int) -> None:
    try:
        found = places(Replay(data, status), ["SY21 7AA", "BT20 4AA"])  # type: ignore[arg-type]
    except ServiceError as error:
        assert "sent an answer printkit does not understand" in str(error)
        return
    assert set(found) == {"SY21 7AA", "BT20 4AA"}
    for place in found.values():
        assert isinstance(place, (Place, str))
        if isinstance(place, Place):
            assert place.constituency and all(isinstance(v, str) for v in vars(place).values())


@settings(max_examples=300, deadline=None)
@given(ODD_SEARCH)
def test_any_member_answer_is_a_member_a_reason_or_a_service_error(data: Any) -> None:
    try:
        found = members(Replay(data), ["North Down"])  # type: ignore[arg-type]
    except ServiceError as error:
        assert "sent an answer printkit does not understand" in str(error)
        return
    member = found["North Down"]
    assert isinstance(member, (Member, str))
    if isinstance(member, Member):
        assert member.name and all(isinstance(v, str) for v in vars(member).values())


def test_names_fold_accents_case_and_punctuation() -> None:
    assert fold_name("Ynys Môn") == fold_name("YNYS MON") == "ynys mon"
    assert fold_name("Montgomeryshire & Glyndŵr") == "montgomeryshire and glyndwr"
    assert fold_name("Na h-Eileanan an Iar") == "na h eileanan an iar"
