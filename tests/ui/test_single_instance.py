"""A second start brings the first window forward instead of opening a second writer."""

from fkstod.core.instance import window_owns
from fkstod.ui.single_instance import SingleInstance


def test_the_second_claim_fails_and_reaches_the_owner(qtbot, data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()
    first.listen()
    second = SingleInstance(data_folder)
    try:
        assert not second.claim()
        assert second.folder_is_writable()
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert second.ask_owner_to_activate()
    finally:
        first.release()


def test_the_folder_is_free_again_after_release(data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()
    first.release()
    second = SingleInstance(data_folder)
    assert second.claim()
    second.release()


def test_different_data_folders_do_not_block_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert a.claim() and b.claim()
    a.release()
    b.release()


def test_a_start_that_finds_no_listener_gives_up(data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()  # holds the lock but never listens: hung or still starting
    try:
        second = SingleInstance(data_folder)
        assert not second.claim()
        assert not second.ask_owner_to_activate(timeout_ms=300)
    finally:
        first.release()


def test_the_real_window_lock_is_recognised(qtbot, data_folder):
    instance = SingleInstance(data_folder)
    assert instance.claim()
    try:
        assert window_owns(data_folder)
    finally:
        instance.release()
    assert not window_owns(data_folder)
