"""Whatever a phone sends, the room answers with a result or a LiveError, never a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from livekit import STEPS, device, open_question

from classroom.live.errors import LiveError
from classroom.live.payloads import AnswerIn, parse

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10)
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["flag", "criterion", "step", "value", "pass", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=10,
)
PAYLOAD = (
    st.fixed_dictionaries(
        {"step": st.integers(0, 12) | JSON}, optional={"value": JSON, "pass": JSON, "extra": JSON}
    )
    | JSON
)

KINDS = ["choice", "check", "multi", "scale", "flag", "text", "rank"]


@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=PAYLOAD)
def test_any_payload_is_an_answer_or_an_error(room, kind, payload):
    if room.current is None or room.current.index != STEPS[kind]:
        open_question(room, kind)
    pid = room.join(device(1))
    try:
        answer = parse(AnswerIn, payload, room.lang)
        mine = room.answer(pid, answer.step, answer.value, answer.passed is True)
    except LiveError as error:
        assert error.code in ("bad-request", "bad-value", "wrong-step")
        return
    assert mine["answered"] is True and len(room.step_answers()) == 1
