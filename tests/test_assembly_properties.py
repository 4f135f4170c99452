"""Properties of assembly, on generated checklists and facts (Hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from checklists.assembly import Candidate, assemble
from checklists.conditions import condition_holds
from newcomers.journey import JOURNEY

PHASE_ORDER = JOURNEY.phase_order

CITIZENSHIPS = ["swedish", "nordic", "eu_eea", "third_country"]

conditions = st.recursive(
    st.one_of(
        st.builds(lambda v: {"eq": ["citizenship", v]}, st.sampled_from(CITIZENSHIPS)),
        st.builds(lambda n: {"gte": ["stay_months", n]}, st.integers(0, 60)),
        st.builds(lambda n: {"lte": ["stay_months", n]}, st.integers(0, 60)),
        st.builds(lambda b: {"eq": ["partner_moving", b]}, st.booleans()),
    ),
    lambda children: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(children, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(children, max_size=3)),
        st.builds(lambda c: {"not": c}, children),
    ),
    max_leaves=6,
)


@st.composite
def checklists(draw):
    """A random acyclic checklist: each step may depend only on earlier-numbered ones."""
    size = draw(st.integers(0, 14))
    keys = [f"step-{i:02d}" for i in range(size)]
    candidates = []
    for index, key in enumerate(keys):
        depends_on = (
            draw(st.lists(st.sampled_from(keys[:index]), unique=True, max_size=3)) if index else []
        )
        candidates.append(
            Candidate(
                key=key,
                phase=draw(st.sampled_from(PHASE_ORDER)),
                due_offset_days=draw(st.none() | st.integers(-120, 400)),  # None: undated
                condition=draw(conditions),
                depends_on=tuple(depends_on),
            )
        )
    return draw(st.permutations(candidates))


values = st.fixed_dictionaries(
    {
        "citizenship": st.sampled_from(CITIZENSHIPS),
        "stay_months": st.integers(1, 60),
        "partner_moving": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(checklists(), values)
def test_assembly_is_deterministic(candidates, facts):
    assert assemble(candidates, facts, phase_order=PHASE_ORDER) == assemble(
        list(reversed(candidates)), facts, phase_order=PHASE_ORDER
    )


@settings(max_examples=200, deadline=None)
@given(checklists(), values)
def test_a_step_never_comes_before_its_dependency(candidates, facts):
    ordered = [c.key for c in assemble(candidates, facts, phase_order=PHASE_ORDER)]
    original = {c.key: c for c in candidates}
    for position, key in enumerate(ordered):
        for dependency in original[key].depends_on:
            if dependency in ordered:
                assert ordered.index(dependency) < position


@settings(max_examples=200, deadline=None)
@given(checklists(), values)
def test_no_step_whose_condition_is_false_is_included(candidates, facts):
    kept = {c.key for c in assemble(candidates, facts, phase_order=PHASE_ORDER)}
    for candidate in candidates:
        assert (candidate.key in kept) == condition_holds(candidate.condition, facts)
