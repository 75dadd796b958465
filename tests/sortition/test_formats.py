"""Quota and people files: ours ↔ sortition-algorithms ↔ stratification app."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gemeinsam.sortition import (
    InputError,
    Quota,
    Respondent,
    read_id_list,
    read_people,
    read_quotas,
    write_people,
    write_quotas,
)

name = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß -_0123456789", min_size=1,
               max_size=12).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def selections(draw):
    features = draw(st.lists(name, min_size=1, max_size=4, unique_by=str.casefold))
    quotas, values = [], {}
    flex = draw(st.booleans())
    for feature in features:
        vals = draw(st.lists(name, min_size=1, max_size=4, unique_by=str.casefold))
        values[feature] = vals
        for value in vals:
            low = draw(st.integers(0, 5))
            high = low + draw(st.integers(0, 5))
            quotas.append(Quota(feature, value, low, high,
                                min_flex=draw(st.integers(0, low)) if flex else None,
                                max_flex=high + draw(st.integers(0, 3)) if flex else None))
    people = []
    for i in range(draw(st.integers(1, 12))):
        household = draw(st.one_of(st.none(), st.sampled_from(["a1", "b 2", "Flat 3"])))
        people.append(Respondent(f"id{i}", {f: draw(st.sampled_from(values[f]))
                                            for f in features}, household))
    return quotas, people


def _roundtrip(quotas, people, dialect):
    q_file, p_file = io.StringIO(), io.StringIO()
    write_quotas(quotas, q_file, dialect)
    write_people(people, quotas, p_file, dialect)
    q_back = read_quotas(io.StringIO(q_file.getvalue()))
    p_back = read_people(io.StringIO(p_file.getvalue()), q_back)
    return q_back, p_back


def _same_quotas(a, b):
    assert [(q.feature, q.value, q.min, q.max) for q in a] == \
        [(q.feature, q.value, q.min, q.max) for q in b]


@settings(max_examples=40, deadline=None)
@given(selections())
def test_files_round_trip_through_every_dialect(selection):
    quotas, people = selection
    for chain in (["gemeinsam", "sortition-algorithms", "stratification-app", "gemeinsam"],
                  ["stratification-app", "sortition-algorithms"]):
        q, p = quotas, people
        for dialect in chain:
            q, p = _roundtrip(q, p, dialect)
            _same_quotas(q, quotas)
            assert [(r.id, dict(r.features), r.household) for r in p] == \
                [(r.id, dict(r.features), r.household) for r in people]
            for before, after in zip(quotas, q):
                if before.min_flex is not None:
                    assert (after.min_flex, after.max_flex) == (before.min_flex, before.max_flex)


def test_headers_of_both_tools_and_the_replication_data():
    expected = [Quota("gender", "female", 1, 2)]
    for text in ("feature,value,min,max\ngender,female,1,2\n",
                 "category,name,min,max\ngender,female,1,2\n",
                 "category,feature,min,max\ngender,female,1,2\n",
                 "Feature;Value;Min;Max;min_flex;max_flex\n gender ; female ;1;2;;\n",
                 "\ufefffeature,category value,min,max,note\ngender,female,1,2,x\n"):
        assert read_quotas(io.StringIO(text)) == expected


def test_stratification_app_respondents_use_address_columns_for_households():
    quotas = read_quotas(io.StringIO("category,name,min,max\ngender,female,0,1\n"
                                     "gender,male,0,1\n"))
    people = read_people(io.StringIO(
        "nationbuilder_id,gender,primary_address1,zip_royal_mail,first_name\n"
        "1,Female,1 High St,AB1,Ann\n2,male,1 high st ,ab1,Bob\n3,male,,,Cy\n"), quotas)
    assert [p.features["gender"] for p in people] == ["female", "male", "male"]
    assert people[0].household.casefold() == people[1].household.casefold()
    assert people[2].household is None
    assert people[0].extra == {"first_name": "Ann"}


def test_every_bad_line_is_reported():
    with pytest.raises(InputError) as info:
        read_quotas(io.StringIO("feature,value,min,max\ng,a,x,1\ng,a,0,1\ng,,0,1\n"
                                "g,b,3,2\ng,c,-1,2\n"))
    lines = [line for line, _ in info.value.problems]
    assert lines == [2, 3, 4, 5, 6]
    quotas = [Quota("g", "a", 0, 1), Quota("g", "b", 0, 1)]
    with pytest.raises(InputError) as info:
        read_people(io.StringIO("id,g\n1,a\n1,b\n2,c\n,a\n3,\n"), quotas)
    assert [line for line, _ in info.value.problems] == [3, 4, 5, 6]
    assert "'c' is not a value of 'g' (known: a, b)" in info.value.message
    with pytest.raises(InputError) as info:
        read_people(io.StringIO("person,h\n1,a\n"), quotas)
    assert "no id column" in info.value.message and "no column for the feature 'g'" in \
        info.value.message
    with pytest.raises(InputError, match="no 'min' column"):
        read_quotas(io.StringIO("feature,value,max\ng,a,1\n"))
    with pytest.raises(InputError, match="appears 2 times"):
        read_quotas(io.StringIO("feature,value,min,max,Min\ng,a,1,1,1\n"))


def test_id_lists():
    assert read_id_list(io.StringIO("id,name\n1,a\n2,b\n")) == ["1", "2"]
    assert read_id_list(io.StringIO("7\n8\n\n")) == ["7", "8"]
