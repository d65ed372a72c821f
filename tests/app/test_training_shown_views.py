"""The window tells a training run which live views are on screen: the tab shown."""

from dlviz.app.training_controller import TRAINING_TAB_KINDS


def test_each_tab_names_its_live_views_to_the_run(window):
    training = window.training
    control = training._new_control()          # what a run started now would get
    assert control.shown_views is None          # before any tab change: all on screen
    training.control = control
    try:
        window.tabs.setCurrentWidget(window.maps_view)
        assert control.shown_views == frozenset({"feature_maps"})
        window.tabs.setCurrentWidget(window.gates_tab)
        assert {"gates", "gradient_through_time"} <= control.shown_views
        assert "feature_maps" not in control.shown_views
        window.tabs.setCurrentWidget(window.attention_tab)
        assert "attention" in control.shown_views and "gates" not in control.shown_views
        window.tabs.setCurrentWidget(window.training_view)
        assert set(TRAINING_TAB_KINDS) <= control.shown_views
        window.tabs.setCurrentWidget(window.prediction_view)
        assert control.shown_views == frozenset({"predictions"})
        window.tabs.setCurrentWidget(window.filter_view)
        assert control.shown_views == frozenset({"filters"})
    finally:
        training.control = None
    # The next run starts with the tab on screen now.
    assert training._new_control().shown_views == frozenset({"filters"})
