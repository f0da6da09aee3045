"""A state for every phone is encoded once per distinct `mine`, yet each phone gets its own."""

from socketkit import STEPS, last_state, states

CHOICE = STEPS["choice"]


def _ok(client, event, data, namespace):
    ack = client.emit(event, data, namespace=namespace, callback=True)
    assert ack["ok"] is True, ack
    return ack


def test_each_phone_sees_its_own_answer_after_a_teacher_action(phones):
    teach = phones.teacher()
    _ok(teach, "go", {"step": CHOICE}, "/teach")
    _ok(teach, "open", {}, "/teach")
    class_ = [phones.student(n) for n in range(7)]
    for n, phone in enumerate(class_[:6]):
        _ok(phone, "answer", {"step": CHOICE, "value": n % 3}, "/student")
    _ok(class_[6], "answer", {"step": CHOICE, "pass": True}, "/student")
    _ok(teach, "close", {}, "/teach")
    for n, phone in enumerate(class_[:6]):
        assert last_state(phone, "/student")["mine"] == {
            "answered": True, "passed": False, "value": n % 3,
        }
    assert last_state(class_[6], "/student")["mine"] == {
        "answered": True, "passed": True, "value": None,
    }


def test_two_tabs_of_one_phone_both_get_one_state_per_change(phones):
    teach = phones.teacher()
    first, second = phones.student(1), phones.student(1)  # same device key
    others = [phones.student(n) for n in range(2, 5)]
    for client in (first, second, *others):
        states(client, "/student")  # drop the states sent at connect
    _ok(teach, "go", {"step": CHOICE}, "/teach")
    for client in (first, second, *others):
        received = states(client, "/student")
        assert [s["step"]["index"] for s in received] == [CHOICE]
